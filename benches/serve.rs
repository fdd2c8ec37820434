//! Throughput of `diplograph serve` on the bundled graph: requests per
//! second for `GET /api/show/Iran` (the issue's target: at least 2,000 a
//! second on 2 cores), against a baseline measured in the same run on the
//! same server: `GET /api/none`, which the router answers with a 404
//! without running any command, so the ratio is the cost of answering.
//!
//! The server is the release binary (`serve --port 0`), the clients are
//! threads of this process holding keep-alive connections, so client and
//! server share the machine's cores, as they would on a laptop.
//!
//! ```text
//! cargo bench --bench serve                 # 4 clients, 5 s per endpoint
//! SERVE_BENCH_CLIENTS=8 SERVE_BENCH_SECONDS=10 cargo bench --bench serve
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One keep-alive connection that sends GETs and reads whole responses.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        Client {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
        }
    }

    /// Sends one request and reads its response; returns the status.
    fn get(&mut self, target: &str) -> u16 {
        write!(self.writer, "GET {target} HTTP/1.1\r\nHost: bench\r\n\r\n").expect("send");
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("status line");
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("header");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(": ")
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.parse().expect("a length");
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("body");
        status
    }
}

/// Requests per second for `target` from `clients` threads over
/// `seconds`, and the status every answer had.
fn throughput(addr: SocketAddr, target: &'static str, clients: usize, seconds: f64) -> (f64, u16) {
    let deadline = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            std::thread::spawn(move || {
                let mut client = Client::connect(addr);
                let mut count = 0u64;
                let mut status = 0;
                while started.elapsed() < deadline {
                    let got = client.get(target);
                    assert!(
                        status == 0 || status == got,
                        "{target}: {got} after {status}"
                    );
                    status = got;
                    count += 1;
                }
                (count, status)
            })
        })
        .collect();
    let mut total = 0;
    let mut status = 0;
    for thread in threads {
        let (count, got) = thread.join().expect("client");
        total += count;
        status = got;
    }
    (total as f64 / started.elapsed().as_secs_f64(), status)
}

fn env_number(key: &str, default: f64) -> f64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench -- --list` and friends ask the harness things; there
    // is nothing to list but the one measurement.
    if std::env::args().any(|a| a == "--list") {
        println!("serve/show: bench");
        return;
    }
    let clients = env_number("SERVE_BENCH_CLIENTS", 4.0) as usize;
    let seconds = env_number("SERVE_BENCH_SECONDS", 5.0);
    let graph = concat!(env!("CARGO_MANIFEST_DIR"), "/graph.ron");
    let mut server = Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["serve", "--port", "0", "--graph", graph])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut lines = BufReader::new(server.stderr.take().expect("stderr")).lines();
    let first = lines.next().expect("a start line").expect("UTF-8");
    let addr: SocketAddr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|a| a.parse().ok())
        .expect("an address");
    // The request log goes nowhere, but must be read so the pipe never
    // fills.
    std::thread::spawn(move || for _ in lines {});
    // Warm up: the first answers build the name index and the views.
    throughput(addr, "/api/show/Iran?as_of=2024-07-04", clients, 0.5);
    let (baseline, base_status) = throughput(addr, "/api/none", clients, seconds);
    let (show, show_status) = throughput(addr, "/api/show/Iran?as_of=2024-07-04", clients, seconds);
    assert_eq!(base_status, 404);
    assert_eq!(show_status, 200);
    println!(
        "serve/show: {show:.0} requests/s ({clients} keep-alive clients, {seconds} s), target ≥ 2000"
    );
    println!("serve/baseline (404 from the router): {baseline:.0} requests/s");
    println!("serve/show ÷ baseline: {:.2}", show / baseline);
    let _ = server.kill();
    let _ = server.wait();
}
