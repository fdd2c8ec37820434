//! `diplograph serve`: a local, read-only HTTP server over the engine.
//!
//! The server holds one loaded [`DiploGraph`] and answers each request
//! with what the command line answers for the same question: the
//! endpoints ([`Endpoint`]) are the commands, their query parameters the
//! commands' options, and the body is byte for byte what
//! `--format json` prints. That equality is kept by construction, not by
//! a second implementation: the server does not know how to answer
//! anything itself. The front end that starts it (the CLI) hands it an
//! [`Answerer`], which turns a request into the command it stands for
//! and runs it; this module only carries requests and answers (routing,
//! errors as JSON with the right status, logging, reloading, limits and
//! shutdown).
//!
//! Why its own accept loop rather than `axum::serve`: hyper's header
//! read timeout and buffer limit need a timer and a connection builder
//! that `axum::serve` does not expose, and a server on a shared machine
//! must not let a slow or malicious client hold its memory or its
//! connections. Limits:
//!
//! - a request head (request line and headers) larger than
//!   [`MAX_HEAD_BYTES`] is refused (431) or the connection closed;
//! - a client that takes longer than [`HEAD_TIMEOUT`] to send its head is
//!   disconnected;
//! - at most [`MAX_CONNECTIONS`] connections are open at once; more wait
//!   in the operating system's backlog;
//! - answers are computed on the blocking pool, so a slow question (a
//!   report on a million relations) does not stall the others.
//!
//! The database is reloaded when its file changes (checked every
//! [`RELOAD_EVERY`]; loading goes through the snapshot cache): requests
//! in flight finish on the graph they started with, and a file that no
//! longer validates is reported on stderr while the last good graph goes
//! on serving.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant, SystemTime};

use axum::Router;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use miette::Diagnostic;
use serde_json::json;

use crate::error::{Error, exit};
use crate::graph::DiploGraph;
use crate::store::Origin;

/// The port `serve` listens on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8478;

/// The largest request head (request line and headers) read, in bytes.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long a client may take to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections served at once.
pub const MAX_CONNECTIONS: usize = 512;

/// How often the database file is checked for changes.
pub const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// How long a shutdown waits for requests in flight.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What a request asks: one endpoint per command, with the names that
/// are part of its path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `/api/entities`: `list`.
    Entities,
    /// `/api/show/{name}`: `show NAME`.
    Show(String),
    /// `/api/neighbors/{name}`: `neighbors NAME`.
    Neighbors(String),
    /// `/api/members/{org}`: `members ORG`.
    Members(String),
    /// `/api/path?from=…&to=…`: `path FROM TO`.
    Path,
    /// `/api/align?a=…[&b=…]`: `align A [B]`.
    Align,
    /// `/api/clusters`: `clusters`.
    Clusters,
    /// `/api/balance`: `balance`.
    Balance,
    /// `/api/report`: `report`.
    Report,
    /// `/api/export`: `export json`, the node-link graph as of the date
    /// (what the live page draws).
    Export,
    /// `/api/query?q=…`: `query Q`, the rows as JSON.
    Query,
}

impl Endpoint {
    /// The endpoint's path, for messages and the index.
    pub fn path(&self) -> String {
        match self {
            Endpoint::Entities => "/api/entities".into(),
            Endpoint::Show(name) => format!("/api/show/{name}"),
            Endpoint::Neighbors(name) => format!("/api/neighbors/{name}"),
            Endpoint::Members(org) => format!("/api/members/{org}"),
            Endpoint::Path => "/api/path".into(),
            Endpoint::Align => "/api/align".into(),
            Endpoint::Clusters => "/api/clusters".into(),
            Endpoint::Balance => "/api/balance".into(),
            Endpoint::Report => "/api/report".into(),
            Endpoint::Export => "/api/export".into(),
            Endpoint::Query => "/api/query".into(),
        }
    }
}

/// Every endpoint path, as `GET /` lists them when asked for JSON.
pub const ENDPOINTS: &[&str] = &[
    "/api/entities",
    "/api/show/{name}",
    "/api/neighbors/{name}",
    "/api/members/{org}",
    "/api/path?from=…&to=…",
    "/api/align?a=…&b=…",
    "/api/clusters",
    "/api/balance",
    "/api/report",
    "/api/export",
    "/api/query?q=…",
];

/// An answer: the body (JSON, or the page's HTML) and the notes the
/// command line would print on stderr, sent as `X-Diplograph-Note`
/// headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// The response body.
    pub body: String,
    /// One line each, without the "note: " prefix.
    pub notes: Vec<String>,
}

/// What turns a request into an answer: implemented by the front end
/// that starts the server (the CLI runs the command the request stands
/// for), so the server answers exactly as that front end does.
pub trait Answerer: Send + Sync + 'static {
    /// The JSON answer to `endpoint` with query parameters `params` (in
    /// the order given, repeated keys kept), from `graph` loaded from
    /// `origin`.
    fn answer(
        &self,
        graph: &DiploGraph,
        origin: &Origin,
        endpoint: &Endpoint,
        params: &[(String, String)],
    ) -> Result<Reply, Error>;

    /// The live page served at `/`, for `graph`.
    fn page(&self, graph: &DiploGraph, origin: &Origin) -> Result<String, Error>;
}

/// How to start a server.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to listen on (port 0: any free port, said on start).
    pub addr: SocketAddr,
    /// Where the database comes from (a file is watched and reloaded).
    pub origin: Origin,
}

/// One loaded database and what is made from it on first use.
struct Loaded {
    graph: DiploGraph,
    /// The live page, made on the first `GET /` after a (re)load.
    page: OnceLock<Result<String, String>>,
}

/// What every request shares.
struct Shared {
    origin: Origin,
    loaded: RwLock<Arc<Loaded>>,
    answerer: Box<dyn Answerer>,
}

impl Shared {
    fn current(&self) -> Arc<Loaded> {
        // A poisoned lock only means a writer panicked while swapping an
        // `Arc`, which cannot leave it half-written.
        Arc::clone(
            &self
                .loaded
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    fn replace(&self, graph: DiploGraph) {
        let fresh = Arc::new(Loaded {
            graph,
            page: OnceLock::new(),
        });
        *self
            .loaded
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = fresh;
    }
}

/// The HTTP status an error is answered with: 404 for a name that names
/// nothing, 400 for any other fault of the request, 500 only for the
/// server's own trouble (a database it cannot read).
pub fn status_of(err: &Error) -> StatusCode {
    match err {
        Error::UnknownEntity { .. } => StatusCode::NOT_FOUND,
        err if err.exit_code() == exit::NOT_FOUND => StatusCode::NOT_FOUND,
        err if err.exit_code() == exit::USAGE => StatusCode::BAD_REQUEST,
        // A query that ran into `max_rows` or `timeout`: well formed, but
        // too big to answer as asked.
        err if err.exit_code() == exit::LIMIT => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// An error as the JSON the server answers with: the command line's
/// message, its help (the "did you mean"), the entities suggested or
/// named, and the status.
///
/// ```
/// use diplograph::{error::Error, serve::error_body};
/// let body = error_body(&Error::Usage("--limit must be at least 1".into()));
/// assert_eq!(body["error"], "--limit must be at least 1");
/// assert_eq!(body["status"], 400);
/// ```
pub fn error_body(err: &Error) -> serde_json::Value {
    let status = status_of(err);
    let named = |list: &[crate::error::Named]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|n| json!({"id": n.id, "name": n.name}))
            .collect()
    };
    let mut body = json!({
        "error": err.to_string(),
        "code": err.code().map(|c| c.to_string()),
        "help": err.help().map(|h| h.to_string()),
        "status": status.as_u16(),
    });
    match err {
        Error::UnknownEntity {
            suggestions,
            abbreviation,
            ..
        } => {
            body["suggestions"] = json!(named(suggestions));
            if let Some(meant) = abbreviation {
                body["abbreviation_of"] = json!({"id": meant.id, "name": meant.name});
            }
        }
        Error::AmbiguousEntity { candidates, .. } => {
            body["candidates"] = json!(named(candidates));
        }
        // Where in the query, for a client to underline.
        Error::Query(q) => {
            body["line"] = json!(q.line);
            body["col"] = json!(q.col);
            body["problem"] = json!(format!("{:?}", q.kind).to_lowercase());
        }
        _ => {}
    }
    body
}

/// The content type of every answer but the page.
const JSON: &str = "application/json";

/// A JSON error response.
fn error_response(status: StatusCode, body: &serde_json::Value) -> Response {
    (status, [(header::CONTENT_TYPE, JSON)], json_text(body)).into_response()
}

fn json_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A request the router refused before any command ran (bad path or
/// query encoding, an unknown endpoint): the same JSON shape as
/// [`error_body`].
fn refusal(status: StatusCode, message: &str) -> Response {
    error_response(
        status,
        &json!({"error": message, "code": null, "help": null, "status": status.as_u16()}),
    )
}

/// Runs the answerer on the blocking pool and makes the response.
async fn respond(
    shared: Arc<Shared>,
    endpoint: Endpoint,
    params: Vec<(String, String)>,
) -> Response {
    let loaded = shared.current();
    let worker = Arc::clone(&shared);
    let done = tokio::task::spawn_blocking(move || {
        worker
            .answerer
            .answer(&loaded.graph, &worker.origin, &endpoint, &params)
    })
    .await;
    match done {
        Ok(Ok(reply)) => {
            let mut response = ([(header::CONTENT_TYPE, JSON)], reply.body).into_response();
            let headers = response.headers_mut();
            for note in &reply.notes {
                if let Ok(value) = HeaderValue::from_bytes(note.as_bytes()) {
                    headers.append("x-diplograph-note", value);
                }
            }
            response
        }
        Ok(Err(err)) => error_response(status_of(&err), &error_body(&err)),
        // The answer panicked: a bug, said as one.
        Err(_) => refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the answer failed; please report it",
        ),
    }
}

type Params = Result<Query<Vec<(String, String)>>, QueryRejection>;
type Name = Result<Path<String>, PathRejection>;

/// The query parameters, or why they cannot be read.
fn params_of(params: Params) -> Result<Vec<(String, String)>, String> {
    params
        .map(|Query(p)| p)
        .map_err(|e| format!("bad query string: {}", e.body_text()))
}

/// The name in the path, or why it cannot be read.
fn name_of(name: Name) -> Result<String, String> {
    name.map(|Path(n)| n)
        .map_err(|e| format!("bad path: {}", e.body_text()))
}

/// A handler for an endpoint without a name in its path.
macro_rules! plain {
    ($fn:ident, $endpoint:expr) => {
        async fn $fn(State(shared): State<Arc<Shared>>, params: Params) -> Response {
            match params_of(params) {
                Ok(params) => respond(shared, $endpoint, params).await,
                Err(why) => refusal(StatusCode::BAD_REQUEST, &why),
            }
        }
    };
}

/// A handler for an endpoint with a name in its path.
macro_rules! named {
    ($fn:ident, $endpoint:path) => {
        async fn $fn(State(shared): State<Arc<Shared>>, name: Name, params: Params) -> Response {
            match (name_of(name), params_of(params)) {
                (Ok(name), Ok(params)) => respond(shared, $endpoint(name), params).await,
                (Err(why), _) | (_, Err(why)) => refusal(StatusCode::BAD_REQUEST, &why),
            }
        }
    };
}

plain!(entities, Endpoint::Entities);
plain!(path, Endpoint::Path);
plain!(align, Endpoint::Align);
plain!(clusters, Endpoint::Clusters);
plain!(balance, Endpoint::Balance);
plain!(report, Endpoint::Report);
plain!(export, Endpoint::Export);
plain!(query, Endpoint::Query);
named!(show, Endpoint::Show);
named!(neighbors, Endpoint::Neighbors);
named!(members, Endpoint::Members);

/// `GET /`: the live page (HTML), made once per loaded database.
async fn page(State(shared): State<Arc<Shared>>) -> Response {
    let loaded = shared.current();
    let worker = Arc::clone(&shared);
    let made = tokio::task::spawn_blocking(move || {
        loaded
            .page
            .get_or_init(|| {
                worker
                    .answerer
                    .page(&loaded.graph, &worker.origin)
                    .map_err(|e| e.to_string())
            })
            .clone()
    })
    .await;
    match made {
        Ok(Ok(html)) => {
            ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
        }
        Ok(Err(message)) => refusal(StatusCode::INTERNAL_SERVER_ERROR, &message),
        Err(_) => refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the page failed; please report it",
        ),
    }
}

/// Anything else: 404, listing the endpoints.
async fn unknown(request: Request) -> Response {
    let path = request.uri().path().to_string();
    error_response(
        StatusCode::NOT_FOUND,
        &json!({
            "error": format!("no endpoint {}", printable(&path, 200)),
            "code": null,
            "help": format!("the endpoints are {}", ENDPOINTS.join(", ")),
            "status": 404,
        }),
    )
}

/// `text` cut to `max` characters, control characters shown as `\u{…}`,
/// so a log line stays one line whatever a client sends.
fn printable(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// Refuses a request whose head is larger than [`MAX_HEAD_BYTES`] (431),
/// whatever hyper's buffers let through.
async fn limit(request: Request, next: Next) -> Response {
    let head = request.uri().to_string().len()
        + request
            .headers()
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 4)
            .sum::<usize>();
    if head > MAX_HEAD_BYTES {
        return refusal(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            &format!("the request head is {head} bytes; at most {MAX_HEAD_BYTES} are read"),
        );
    }
    next.run(request).await
}

/// Logs one line per request on stderr: method, path and query (cut),
/// status, time.
async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().path().to_string(), ToString::to_string);
    let response = next.run(request).await;
    eprintln!(
        "{method} {} {} {:.1} ms",
        printable(&target, 300),
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// The routes, with the shared state.
fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        // Browsers ask for an icon; there is none, and that is no error.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/entities", get(entities))
        .route("/api/show/{name}", get(show))
        .route("/api/neighbors/{name}", get(neighbors))
        .route("/api/members/{org}", get(members))
        .route("/api/path", get(path))
        .route("/api/align", get(align))
        .route("/api/clusters", get(clusters))
        .route("/api/balance", get(balance))
        .route("/api/report", get(report))
        .route("/api/export", get(export))
        .route("/api/query", get(query))
        .fallback(unknown)
        .layer(middleware::from_fn(limit))
        .layer(middleware::from_fn(log))
        .with_state(shared)
}

/// What identifies a version of the database file: modification time,
/// length and (on Unix) inode, which an atomic replace changes.
fn stamp(path: &std::path::Path) -> Option<(SystemTime, u64, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some((meta.modified().ok()?, meta.len(), inode))
}

/// Watches the database file and reloads it when it changes.
async fn watch(shared: Arc<Shared>, path: PathBuf) {
    let mut last = stamp(&path);
    let mut ticks = tokio::time::interval(RELOAD_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let now = stamp(&path);
        if now == last || now.is_none() {
            continue;
        }
        last = now;
        let origin = shared.origin.clone();
        let started = Instant::now();
        match tokio::task::spawn_blocking(move || DiploGraph::load(&origin)).await {
            Ok(Ok(graph)) => {
                let counts = (graph.node_count(), graph.relation_count());
                shared.replace(graph);
                eprintln!(
                    "reloaded {} ({} entities, {} relations) in {:.0} ms",
                    path.display(),
                    counts.0,
                    counts.1,
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            Ok(Err(err)) => eprintln!(
                "{} changed but cannot be loaded; still serving the last good version:\n{:?}",
                path.display(),
                miette::Report::new(err)
            ),
            Err(_) => eprintln!(
                "reloading {} failed; still serving the last good version",
                path.display()
            ),
        }
    }
}

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM on
/// Unix).
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// What [`run`] says when it starts: where it listens and who can reach
/// it.
pub fn started_line(name: &str, addr: SocketAddr) -> String {
    let reach = if addr.ip().is_loopback() {
        "loopback only: other machines cannot connect; --bind ADDR opens it to a network"
    } else {
        "NOT loopback: anyone who can reach this address can read the database"
    };
    format!("serving {name} read-only at http://{addr}/ ({reach}); Ctrl-C stops")
}

/// Serves `graph` (loaded from `config.origin`) until Ctrl-C or SIGTERM,
/// answering through `answerer`. Prints [`started_line`] on stderr once
/// listening, one line per request, and one line on stopping. Blocks.
pub fn run(config: &Config, graph: DiploGraph, answerer: Box<dyn Answerer>) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    runtime.block_on(serve(config, graph, answerer))
}

async fn serve(
    config: &Config,
    graph: DiploGraph,
    answerer: Box<dyn Answerer>,
) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", config.addr)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", config.addr)))?;
    let shared = Arc::new(Shared {
        origin: config.origin.clone(),
        loaded: RwLock::new(Arc::new(Loaded {
            graph,
            page: OnceLock::new(),
        })),
        answerer,
    });
    if let Origin::File(path) = &config.origin {
        tokio::spawn(watch(Arc::clone(&shared), path.clone()));
    }
    let app = router(Arc::clone(&shared));
    eprintln!("{}", started_line(&config.origin.display_name(), addr));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            () = &mut stop => break,
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let (stream, _peer) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => {
                let Ok(accepted) = accepted else {
                    // Out of file descriptors and the like: wait, go on.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                accepted
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(HEAD_TIMEOUT)
            .max_buf_size(MAX_HEAD_BYTES);
        let connection = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that sends garbage or goes away ends only its own
            // connection.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    eprintln!("stopping: finishing the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {},
    }
    eprintln!("stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_cli_exit_codes() {
        let unknown = Error::UnknownEntity {
            query: "Mokhbar".into(),
            suggestions: vec![crate::error::Named {
                name: "Mohammad Mokhber".into(),
                id: "P_MOKHBER".into(),
            }],
            abbreviation: None,
        };
        assert_eq!(status_of(&unknown), StatusCode::NOT_FOUND);
        let body = error_body(&unknown);
        assert_eq!(body["suggestions"][0]["name"], "Mohammad Mokhber");
        assert_eq!(body["code"], "diplograph::unknown_entity");
        assert_eq!(
            status_of(&Error::Usage("x".into())),
            StatusCode::BAD_REQUEST
        );
        let read = Error::Read {
            path: "g.ron".into(),
            source: std::io::Error::other("gone"),
        };
        assert_eq!(status_of(&read), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn log_lines_stay_one_line() {
        assert_eq!(printable("a\nb", 10), "a\\u{a}b");
        assert_eq!(printable("abcdef", 3), "abc…");
    }

    #[test]
    fn the_start_line_says_who_can_connect() {
        let local = started_line("graph.ron", "127.0.0.1:8478".parse().unwrap());
        assert!(local.contains("loopback only"), "{local}");
        let open = started_line("graph.ron", "0.0.0.0:8478".parse().unwrap());
        assert!(open.contains("NOT loopback"), "{open}");
    }
}
