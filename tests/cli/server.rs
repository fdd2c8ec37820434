//! `diplograph serve`: the real binary listening on a free port, asked
//! over plain TCP. Every answer is compared with the command line's own
//! `--format json` output for the same question; bad requests, load and
//! slow clients must not hurt it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{dg, repo_graph};

/// A running `diplograph serve --port 0`, killed when dropped. Its
/// stderr (one line per request) is collected for the assertions.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `graph` on a free loopback port; waits until it listens.
    pub fn start(graph: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("diplograph"))
            .args(["serve", "--port", "0", "--graph"])
            .arg(graph)
            .env_remove("DIPLOGRAPH_GRAPH")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let stderr = child.stderr.take().expect("stderr piped");
        let mut lines = BufReader::new(stderr).lines();
        let first = lines
            .next()
            .expect("serve says where it listens")
            .expect("stderr is UTF-8");
        let addr: SocketAddr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        assert!(first.contains("loopback only"), "{first}");
        let log = Arc::new(Mutex::new(vec![first]));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Server { child, addr, log }
    }

    /// Serves the repository's graph.ron.
    pub fn bundled() -> Server {
        Server::start(&repo_graph())
    }

    /// `GET target`: status and body.
    pub fn get(&self, target: &str) -> Response {
        let request = format!("GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        raw(self.addr, request.as_bytes()).expect("the server answers")
    }

    /// `GET target`, which must answer 200 with JSON.
    pub fn json(&self, target: &str) -> Value {
        let response = self.get(target);
        assert_eq!(response.status, 200, "{target}: {}", response.body);
        serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("{target}: {e}"))
    }

    /// What the server printed on stderr so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().expect("wait").is_none()
    }

    /// Sends SIGINT (Ctrl-C) and waits for the exit status.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGINT);
        }
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "serve did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response, read to the end of a `Connection: close` exchange.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The values of header `name` (any case).
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Sends `request` as bytes and reads the response until the server
/// closes; `None` when the server closed without answering.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Option<Response> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // The server may close before reading all of a huge request.
    let _ = stream.write_all(request);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Option<Response> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Some(Response {
        status,
        headers,
        body: body.to_string(),
    })
}

/// The questions asked in these tests: an endpoint, and the command line
/// that must print the same bytes.
fn questions() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "/api/entities?as_of=2024-07-04",
            vec!["list", "--as-of", "2024-07-04"],
        ),
        (
            "/api/entities?kind=organization&all_time",
            vec!["list", "--kind", "organization", "--all-time"],
        ),
        (
            "/api/show/Iran?as_of=2024-07-04",
            vec!["show", "Iran", "--as-of", "2024-07-04"],
        ),
        (
            "/api/show/Mokhbar?as_of=2024-07-04",
            vec!["show", "Mokhbar", "--as-of", "2024-07-04"],
        ),
        (
            "/api/neighbors/Belarus?as_of=2024-07-04&via=member",
            vec![
                "neighbors",
                "Belarus",
                "--as-of",
                "2024-07-04",
                "--via",
                "member",
            ],
        ),
        (
            "/api/members/SCO?as_of=2024-07-03",
            vec!["members", "SCO", "--as-of", "2024-07-03"],
        ),
        (
            "/api/members/SCO?as_of=2024-07-04&status=member",
            vec![
                "members",
                "SCO",
                "--as-of",
                "2024-07-04",
                "--status",
                "member",
            ],
        ),
        (
            "/api/path?from=Belarus&to=India&as_of=2024-07-04",
            vec!["path", "Belarus", "India", "--as-of", "2024-07-04"],
        ),
        (
            "/api/align?a=Russia&b=China&as_of=2024-07-04",
            vec!["align", "Russia", "China", "--as-of", "2024-07-04"],
        ),
        (
            "/api/align?a=Russia&as_of=2024-07-04&top=5",
            vec!["align", "Russia", "--as-of", "2024-07-04", "--top", "5"],
        ),
        (
            "/api/clusters?method=communities&as_of=2024-07-04",
            vec![
                "clusters",
                "--method",
                "communities",
                "--as-of",
                "2024-07-04",
            ],
        ),
        (
            "/api/balance?as_of=2024-07-04",
            vec!["balance", "--as-of", "2024-07-04"],
        ),
        (
            "/api/report?as_of=2024-07-04",
            vec!["report", "--as-of", "2024-07-04"],
        ),
        (
            "/api/query?q=MATCH%20(c%3Acountry)-%5B%3Amember%5D-%3E(%3Aorganization%20%7Bid%3A%20%27SCO%27%7D)%20RETURN%20c.id%20AS%20id%20ORDER%20BY%20id&as_of=2024-07-03",
            vec![
                "query",
                "--as-of",
                "2024-07-03",
                "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) RETURN c.id AS id ORDER BY id",
            ],
        ),
        (
            "/api/query?q=MATCH%20(c%20%7Bid%3A%20%24who%7D)%20RETURN%20c.name&param=who%3DIRN",
            vec![
                "query",
                "--param",
                "who=IRN",
                "MATCH (c {id: $who}) RETURN c.name",
            ],
        ),
    ]
}

/// The command line's JSON for `args`, as text (exit 0 or 1: an empty
/// answer is still an answer).
fn cli_json(args: &[&str]) -> String {
    let mut args: Vec<&str> = args.to_vec();
    args.extend(["--format", "json"]);
    let out = dg(&args).run();
    assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn every_endpoint_answers_exactly_what_the_command_line_prints() {
    let server = Server::bundled();
    for (target, args) in questions() {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}: {}", response.body);
        assert_eq!(
            response.header("content-type"),
            ["application/json"],
            "{target}"
        );
        assert_eq!(
            response.body,
            cli_json(&args),
            "{target} differs from `diplograph {}`",
            args.join(" ")
        );
    }
    // The export the live page draws is `export json`.
    let export = server.get("/api/export?as_of=2024-07-04&via=member&via=observer");
    let cli = dg([
        "export",
        "json",
        "--as-of",
        "2024-07-04",
        "--via",
        "member",
        "--via",
        "observer",
    ])
    .text();
    assert_eq!(export.body, cli);
    // Each request is one line on stderr.
    let log = server.log();
    assert!(
        log.iter()
            .any(|l| l.starts_with("GET /api/show/Iran?as_of=2024-07-04 200 ")),
        "{log:#?}"
    );
}

#[test]
fn answers_hold_the_facts_of_the_day_asked() {
    let server = Server::bundled();
    let members = |day: &str| -> Vec<String> {
        let roster = server.json(&format!("/api/members/SCO?as_of={day}&status=member"));
        roster
            .as_array()
            .expect("a list")
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!members("2024-07-03").contains(&"BLR".to_string()));
    assert!(
        members("2024-07-04").contains(&"BLR".to_string()),
        "Belarus joined on 2024-07-04"
    );
    let iran = server.json("/api/show/Iran?as_of=2024-06-01");
    let leader = iran["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "leads")
        .expect("Iran has a leader recorded");
    assert_eq!(
        leader["from"], "mohammad-mokhber",
        "the acting President after Raisi's death"
    );
}

#[test]
fn bad_requests_get_the_command_lines_message_as_json() {
    let server = Server::bundled();
    let unknown = server.get("/api/show/Iram");
    assert_eq!(unknown.status, 404, "{}", unknown.body);
    let body: Value = serde_json::from_str(&unknown.body).unwrap();
    assert_eq!(body["error"], "no entity is called `Iram`");
    assert!(
        body["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == "IRN"),
        "{body}"
    );
    let cli = dg(["show", "Iram"]).fails_with(2);
    assert!(cli.contains("no entity is called `Iram`"), "{cli}");
    for (target, needle) in [
        ("/api/show/Iran?as_of=2024-13-01", "no month 13"),
        ("/api/show/Iran?as_of=", "as-of"),
        ("/api/show/Iran?bogus=1", "bogus"),
        ("/api/path?from=Iran", "`to`"),
        ("/api/members/Iran", "organization"),
        ("/api/report?output=x.json", "read-only"),
        ("/api/report?graph=/etc/passwd", "read-only"),
        (
            "/api/align?a=Russia&b=China&weights=/etc/passwd",
            "read-only",
        ),
        ("/api/clusters?method=astrology", "astrology"),
        (
            "/api/query?q=MATCH%20(c%3Acontry)%20RETURN%20c",
            "did you mean `country`",
        ),
        (
            "/api/query?q=CREATE%20(c)%20RETURN%20c",
            "not supported: read-only",
        ),
        ("/api/query?q=-", "q=…"),
        ("/api/query?q=x&file=/etc/passwd", "read-only"),
        ("/api/query", "`q`"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 400, "{target}: {}", response.body);
        let body: Value = serde_json::from_str(&response.body).unwrap();
        let message = format!("{} {}", body["error"], body["help"]);
        assert!(message.contains(needle), "{target}: {message}");
    }
    // A query's error says where in the query.
    let bad: Value = serde_json::from_str(
        &server
            .get("/api/query?q=MATCH%20(c%3Acontry)%20RETURN%20c")
            .body,
    )
    .unwrap();
    assert_eq!(
        (bad["line"].clone(), bad["col"].clone()),
        (1.into(), 10.into()),
        "{bad}"
    );
    assert_eq!(bad["problem"], "unknown");
    // A query too big for its limits is refused as such, not a 500.
    let limited = server.get("/api/query?q=MATCH%20(a)%2C%20(b)%20RETURN%20a%2C%20b&max_rows=10");
    assert_eq!(limited.status, 422, "{}", limited.body);
    assert!(limited.body.contains("--max-rows 10"), "{}", limited.body);
    let missing = server.get("/api/nothing-here");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("/api/show/{name}"),
        "{}",
        missing.body
    );
}

#[test]
fn two_hundred_concurrent_requests_are_all_answered_correctly() {
    let server = Arc::new(Server::bundled());
    let expected: Arc<Vec<(String, String)>> = Arc::new(
        questions()
            .into_iter()
            .map(|(target, args)| (target.to_string(), cli_json(&args)))
            .collect(),
    );
    let threads: Vec<_> = (0..200)
        .map(|i| {
            let server = Arc::clone(&server);
            let expected = Arc::clone(&expected);
            std::thread::spawn(move || {
                let (target, body) = &expected[i % expected.len()];
                let response = server.get(target);
                assert_eq!(response.status, 200, "{target}");
                assert_eq!(&response.body, body, "{target}");
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("every request answered correctly");
    }
}

/// Requests no server should answer with anything but 4xx or a closed
/// connection; 1,000 of them in all, cycling through the kinds.
fn malformed(i: usize) -> Vec<u8> {
    let huge = "a".repeat(100_000 + i);
    let kinds: Vec<Vec<u8>> = vec![
        b"GET /api/show/%ZZ HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/show/%FF%FE HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/show/Iran?as_of=%FF HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/show/Ir\xffan HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        format!("GET /api/show/Iran?q={huge} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").into_bytes(),
        format!("GET /api/report HTTP/1.1\r\nHost: t\r\nX-Big: {huge}\r\nConnection: close\r\n\r\n").into_bytes(),
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"GET /../../etc/passwd HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"POST /api/report HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc".to_vec(),
        b"GET /api/show/ HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/path?from=%00&to=%0A HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/align?a=Russia&b=China&b=India HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/show/Iran?limit=99999999999999999999999 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/clusters?k=-1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
        b"\x00\x01\x02\x03\r\n\r\n".to_vec(),
    ];
    kinds[i % kinds.len()].clone()
}

#[test]
fn a_thousand_malformed_requests_get_4xx_or_a_closed_connection_and_it_keeps_serving() {
    let mut server = Server::bundled();
    let addr = server.addr;
    let threads: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                for i in (t..1000).step_by(4) {
                    let request = malformed(i);
                    if let Some(response) = raw(addr, &request) {
                        assert!(
                            (400..500).contains(&response.status),
                            "request {i} ({:?}…) got {}: {}",
                            String::from_utf8_lossy(&request[..request.len().min(60)]),
                            response.status,
                            response.body
                        );
                    }
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("every malformed request refused");
    }
    assert!(server.alive(), "the server survived");
    assert_eq!(
        server.get("/api/show/Iran").status,
        200,
        "and still answers"
    );
    assert!(
        !server.log().iter().any(|l| l.contains("panicked")),
        "{:#?}",
        server.log()
    );
}

#[test]
fn slow_clients_do_not_stop_others_from_being_answered() {
    let server = Server::bundled();
    // Fifty clients that send a request head one byte at a time, slowly.
    let slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            stream.write_all(b"GET /api/rep").unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    for _ in 0..20 {
        assert_eq!(server.get("/api/show/Belarus?as_of=2024-07-04").status, 200);
    }
    assert!(started.elapsed() < Duration::from_secs(30));
    drop(slow);
    assert_eq!(server.get("/api/balance").status, 200);
}

#[test]
fn the_database_is_reloaded_when_its_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph.ron");
    std::fs::copy(repo_graph(), &graph).unwrap();
    let server = Server::start(&graph);
    let before = server.json("/api/entities?all_time");
    // An edit through the command line replaces the file atomically.
    dg([
        "add", "entity", "--id", "ZZA", "--name", "Zedland", "--kind", "country",
    ])
    .graph(&graph)
    .text();
    let started = Instant::now();
    loop {
        let now = server.json("/api/entities?all_time");
        if now.as_array().unwrap().len() == before.as_array().unwrap().len() + 1 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "not reloaded: {:#?}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.json("/api/show/Zedland")["id"], "ZZA");
    // A file that no longer validates leaves the last good graph serving.
    std::fs::write(&graph, "not ron at all (").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(server.json("/api/show/Zedland")["id"], "ZZA");
    assert!(
        server
            .log()
            .iter()
            .any(|l| l.contains("still serving the last good version")),
        "{:#?}",
        server.log()
    );
}

#[test]
fn notes_travel_in_headers_and_ctrl_c_stops_it_cleanly() {
    let server = Server::bundled();
    // Past the day the facts were checked: the CLI's note, as a header.
    let response = server.get("/api/show/Iran?as_of=2100-01-01");
    assert_eq!(response.status, 200);
    assert!(
        response
            .header("x-diplograph-note")
            .iter()
            .any(|n| n.contains("last checked")),
        "{:?}",
        response.headers
    );
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
}
