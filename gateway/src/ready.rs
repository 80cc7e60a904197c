//! Readiness: the ready file, the startup banner, the `edgepg` database, shutdown signals.

use std::io::Read;
use std::net::SocketAddr;
use std::path::Path;

use crate::json_text::push_str;
use crate::pg::{QueryError, Upstream};

/// Credentials advertised in the ready file (never used by the gateway itself).
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Role name, as written in a URL.
    pub user: String,
    /// Password, as written in a URL.
    pub password: Option<String>,
    /// Database name, as written in a URL.
    pub database: String,
}

impl Credentials {
    fn url(&self, host_port: &str) -> String {
        match &self.password {
            Some(pw) => format!("postgresql://{}:{pw}@{host_port}/{}", self.user, self.database),
            None => format!("postgresql://{}@{host_port}/{}", self.user, self.database),
        }
    }
}

/// Where everything is.
pub struct Endpoints {
    http: String,
    connection_string: String,
    postgres: String,
}

fn host_port(addr: SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() { "127.0.0.1".parse().expect("literal") } else { addr.ip() };
    SocketAddr::new(ip, addr.port()).to_string()
}

impl Endpoints {
    /// Endpoints of a gateway listening on `local`.
    pub fn new(local: SocketAddr, upstream: &Upstream, creds: &Credentials) -> Self {
        let gw = host_port(local);
        let pg = if upstream.host.contains(':') {
            format!("[{}]:{}", upstream.host, upstream.port)
        } else {
            format!("{}:{}", upstream.host, upstream.port)
        };
        Endpoints { http: format!("http://{gw}"), connection_string: creds.url(&gw), postgres: creds.url(&pg) }
    }

    fn ws(&self) -> String {
        format!("ws{}/v2", self.http.trim_start_matches("http"))
    }

    /// `{"http","sql","ws","stats","connectionString","postgres","pid"}`.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let entries = [
            ("http", self.http.clone()),
            ("sql", format!("{}/sql", self.http)),
            ("ws", self.ws()),
            ("stats", format!("{}{}", self.http, crate::server::STATS_PATH)),
            ("connectionString", self.connection_string.clone()),
            ("postgres", self.postgres.clone()),
        ];
        out.push(b'{');
        for (key, value) in entries {
            push_str(&mut out, key);
            out.push(b':');
            push_str(&mut out, &value);
            out.push(b',');
        }
        out.extend_from_slice(format!("\"pid\":{}}}", std::process::id()).as_bytes());
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The one human line printed when ready.
    pub fn banner(&self) -> String {
        format!(
            "edgepg-gateway ready: sql {}/sql, ws {}, stats {}{}, connection string {}",
            self.http,
            self.ws(),
            self.http,
            crate::server::STATS_PATH,
            self.connection_string
        )
    }
}

/// Writes `content` to `path` via a temporary file and a rename; the file is readable by its
/// owner only from the start (the ready file holds the connection string and its password).
pub fn write_atomically(path: &Path, content: &str) -> Result<(), String> {
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    write_private(&tmp, content).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Creates (or truncates) `path` with mode 0600 and writes `content`: no moment where others can
/// read it.
pub fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    f.write_all(content.as_bytes())
}

/// Creates database `creds.database` on the embedded cluster if it does not exist.
pub async fn ensure_database(upstream: &Upstream, creds: &Credentials) -> Result<(), String> {
    let params = vec![
        ("user".to_string(), creds.user.clone()),
        ("database".to_string(), "postgres".to_string()),
        ("client_encoding".to_string(), "UTF8".to_string()),
    ];
    let password = creds.password.clone().unwrap_or_default();
    let timeout = std::time::Duration::from_secs(30);
    let mut conn = upstream
        .connect(&params, Some(password.as_bytes()), timeout)
        .await
        .map_err(|e| format!("cannot connect to the embedded PostgreSQL: {e}"))?
        .conn;
    match conn.simple_query(&format!("CREATE DATABASE \"{}\"", creds.database)).await {
        Ok(()) => Ok(()),
        Err(QueryError::Db(e)) if e.code() == "42P04" => Ok(()), // duplicate_database
        Err(QueryError::Db(e)) => Err(format!("cannot create database {}: {e}", creds.database)),
        Err(_) => Err(format!("cannot create database {}", creds.database)),
    }
}

/// Waits for SIGINT, SIGTERM or (if asked) EOF on stdin.
pub async fn wait_for_shutdown(exit_on_stdin_close: bool) {
    let stdin_closed = async {
        if !exit_on_stdin_close {
            return std::future::pending::<()>().await;
        }
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin();
            let mut buf = [0u8; 256];
            while let Ok(n) = stdin.read(&mut buf) {
                if n == 0 {
                    break;
                }
            }
            let _ = tx.send(());
        });
        let _ = rx.await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
        _ = stdin_closed => {}
    }
}
