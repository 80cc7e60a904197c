//! Shared fixture for the gateway's integration tests.
//!
//! [`gateway()`] starts ONE `edgepg-gateway --embedded <dir> --listen 127.0.0.1:0` per test
//! binary (or reuses the running gateway whose ready file `EDGEPG_GATEWAY_READY` names). The
//! gateway runs with `--exit-on-stdin-close` and its stdin is a pipe held by this process, so
//! when the test binary exits — however it exits — the gateway shuts down and stops its
//! embedded PostgreSQL. [`spawn_gateway`] starts extra instances (e.g. with small limits,
//! `--postgres` pointing at the shared one's PostgreSQL), stopped when dropped.
//!
//! Helpers: a tiny HTTP/1.1 client ([`request`], [`sql`]) that can send arbitrary bytes,
//! [`fresh_database`] for per-test databases (so per-database stats are exact), and
//! [`stats`].
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A running gateway and the contents of its ready file.
pub struct Gateway {
    /// The parsed ready file.
    pub ready: Value,
    /// `http://127.0.0.1:PORT`.
    pub http: String,
    /// `http://127.0.0.1:PORT/sql`.
    pub sql: String,
    /// `ws://127.0.0.1:PORT/v2`.
    pub ws: String,
    /// `http://127.0.0.1:PORT/_edgepg/stats`.
    pub stats: String,
    /// `postgresql://postgres:<pw>@127.0.0.1:PORT/edgepg` (host:port of the gateway).
    pub connection_string: String,
    /// Direct URL of the PostgreSQL behind the gateway.
    pub postgres: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    child: Mutex<Option<(Child, Option<ChildStdin>)>>,
}

impl Gateway {
    fn from_ready(ready: Value, child: Option<(Child, Option<ChildStdin>)>) -> Gateway {
        let s = |k: &str| ready[k].as_str().unwrap_or_else(|| panic!("ready file lacks {k}: {ready}")).to_string();
        let http = s("http");
        Gateway {
            addr: http.trim_start_matches("http://").to_string(),
            http,
            sql: s("sql"),
            ws: s("ws"),
            stats: s("stats"),
            connection_string: s("connectionString"),
            postgres: s("postgres"),
            ready,
            child: Mutex::new(child),
        }
    }

    /// The password of role `postgres` (from the connection string).
    pub fn password(&self) -> String {
        let after = self.connection_string.split_once("postgres:").expect("user postgres").1;
        after.split_once('@').expect("password").0.to_string()
    }

    /// Connection string for database `db` through the gateway.
    pub fn conn_str_for(&self, db: &str) -> String {
        format!("postgresql://postgres:{}@{}/{db}", self.password(), self.addr)
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let taken = self.child.lock().ok().and_then(|mut c| c.take());
        if let Some((mut child, stdin)) = taken {
            drop(stdin); // --exit-on-stdin-close: graceful shutdown
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

static SHARED: OnceLock<Gateway> = OnceLock::new();

/// The gateway shared by all tests of this binary.
pub fn gateway() -> &'static Gateway {
    SHARED.get_or_init(|| {
        if let Ok(path) = std::env::var("EDGEPG_GATEWAY_READY") {
            if Path::new(&path).exists() {
                let ready = read_json(Path::new(&path)).expect("EDGEPG_GATEWAY_READY is not a ready file");
                return Gateway::from_ready(ready, None);
            }
        }
        let dir = run_dir();
        let g = start(&["--embedded".to_string(), dir.join("pg").display().to_string()], &[], &dir);
        // Never dropped (statics are not): the stdin pipe closes when this process exits.
        g
    })
}

/// Starts another gateway with `args` (plus `--listen 127.0.0.1:0 --ready-file …
/// --exit-on-stdin-close`); it stops when the returned value is dropped.
pub fn spawn_gateway(args: &[&str]) -> Gateway {
    spawn_gateway_env(args, &[])
}

/// [`spawn_gateway`] with `EDGEPG_*` (or other) environment variables set for the process.
pub fn spawn_gateway_env(args: &[&str], env: &[(&str, &str)]) -> Gateway {
    let dir = extra_dir();
    start(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>(), env, &dir)
}

/// Runs a gateway that is expected to stop before it is ready; returns its exit status and
/// what it printed on stderr.
pub fn gateway_that_fails(args: &[&str]) -> (std::process::ExitStatus, String) {
    let dir = extra_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_edgepg-gateway"))
        .args(args)
        .args(["--listen", "127.0.0.1:0", "--ready-file"])
        .arg(dir.join("ready.json"))
        .stdin(Stdio::null())
        .output()
        .expect("run edgepg-gateway");
    assert!(!dir.join("ready.json").exists(), "the gateway got ready: {args:?}");
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn extra_dir() -> PathBuf {
    let dir = run_dir().join(format!("extra-{}", COUNTER.fetch_add(1, Ordering::Relaxed)));
    std::fs::create_dir_all(&dir).expect("create dir");
    dir
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// `<tmp>/edgepg-gateway-tests/run-<pid>`; directories of finished runs are removed.
fn run_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::env::temp_dir().join("edgepg-gateway-tests");
        std::fs::create_dir_all(&base).expect("create test dir");
        if let Ok(entries) = std::fs::read_dir(&base) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if let Some(pid) = name.strip_prefix("run-") {
                    if !Path::new(&format!("/proc/{pid}")).exists() {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
        let dir = base.join(format!("run-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create run dir");
        dir
    })
    .clone()
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

fn start(args: &[String], env: &[(&str, &str)], dir: &Path) -> Gateway {
    let ready_file = dir.join("ready.json");
    let _ = std::fs::remove_file(&ready_file);
    let mut child = Command::new(env!("CARGO_BIN_EXE_edgepg-gateway"))
        .args(args)
        .envs(env.iter().copied())
        .args(["--listen", "127.0.0.1:0", "--exit-on-stdin-close", "--ready-file"])
        .arg(&ready_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start edgepg-gateway");
    let stdin = child.stdin.take();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(ready) = read_json(&ready_file) {
            return Gateway::from_ready(ready, Some((child, stdin)));
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("edgepg-gateway {args:?} exited before it was ready: {status}");
        }
        assert!(Instant::now() < deadline, "edgepg-gateway {args:?} not ready after 120 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers in order, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body (de-chunked).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// First header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// Body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Sends `method path` with `headers` and `body` to the gateway at `addr` (`host:port`).
pub async fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        raw.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length") || k.eq_ignore_ascii_case("transfer-encoding"))
    {
        raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    raw.push_str("\r\n");
    let mut bytes = raw.into_bytes();
    bytes.extend_from_slice(body);
    raw_request(addr, &bytes).await
}

/// Writes `bytes` verbatim and reads the response until the server closes the connection.
pub async fn raw_request(addr: &str, bytes: &[u8]) -> HttpResponse {
    let mut stream = TcpStream::connect(addr).await.expect("connect to gateway");
    stream.write_all(bytes).await.expect("write request");
    let mut buf = Vec::new();
    // The server may answer (413) before reading everything: keep what was received.
    let _ =
        tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut buf)).await.expect("response timeout");
    parse_response(&buf)
}

fn parse_response(buf: &[u8]) -> HttpResponse {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("no HTTP response: {buf:?}"));
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &buf[end + 4..];
    let chunked = headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        let mut body = Vec::new();
        let mut r = rest;
        while let Some(nl) = r.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&r[..nl]).trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            body.extend_from_slice(&r[nl + 2..nl + 2 + size]);
            r = &r[nl + 2 + size + 2..];
        }
        body
    } else {
        match headers.iter().find(|(k, _)| k == "content-length") {
            Some((_, n)) => rest[..n.parse::<usize>().expect("content-length").min(rest.len())].to_vec(),
            None => rest.to_vec(),
        }
    };
    HttpResponse { status, headers, body }
}

/// `POST /sql` with `Neon-Connection-String: conn_str`, extra `headers` and JSON `body`.
pub async fn sql(gw: &Gateway, conn_str: &str, headers: &[(&str, &str)], body: &Value) -> HttpResponse {
    let mut all = vec![("Neon-Connection-String", conn_str)];
    all.extend_from_slice(headers);
    request(&gw.addr, "POST", "/sql", &all, body.to_string().as_bytes()).await
}

/// Runs one query in raw-text array mode and returns the rows, panicking unless 200.
pub async fn query_rows(gw: &Gateway, conn_str: &str, query: &str, params: Value) -> Vec<Value> {
    let r = sql(
        gw,
        conn_str,
        &[("Neon-Raw-Text-Output", "true"), ("Neon-Array-Mode", "true")],
        &serde_json::json!({ "query": query, "params": params }),
    )
    .await;
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()["rows"].as_array().expect("rows").clone()
}

/// Creates a new database named `<prefix>_<unique>` and returns its connection string
/// (through the gateway).
pub async fn fresh_database(gw: &Gateway, prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let name = format!("{prefix}_{}_{}_{nanos}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    let r = sql(gw, &gw.connection_string, &[], &serde_json::json!({ "query": format!("CREATE DATABASE \"{name}\"") }))
        .await;
    assert_eq!(r.status, 200, "CREATE DATABASE {name}: {}", r.text());
    gw.conn_str_for(&name)
}

/// The database name of a connection string.
pub fn db_name(conn_str: &str) -> String {
    conn_str.rsplit('/').next().expect("db").split('?').next().expect("db").to_string()
}

/// `GET /_edgepg/stats`.
pub async fn stats(gw: &Gateway) -> Value {
    let r = request(&gw.addr, "GET", "/_edgepg/stats", &[], b"").await;
    assert_eq!(r.status, 200);
    r.json()
}

pub mod assert;
pub mod ws;
