//! Command-line arguments, on `clap`: every flag also reads an `EDGEPG_*` environment variable
//! (the flag wins), so a container or CI job can configure the gateway without a wrapper.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

/// Default request/response limit: 10 MiB, like Neon (docs/protocol.md §3.4).
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Parsed options.
#[derive(Debug, Clone, PartialEq, Eq, Parser)]
#[command(
    name = "edgepg-gateway",
    version,
    about = "A local Neon-compatible endpoint (SQL-over-HTTP and Postgres-over-WebSocket) in front of a plain PostgreSQL.",
    after_help = "ENDPOINTS (one port):
    POST /sql                  Neon SQL-over-HTTP (OPTIONS /sql: CORS preflight)
    any path + Upgrade         Postgres-over-WebSocket (e.g. ws://127.0.0.1:4444/v2)
    GET /_edgepg/stats         Request/query/WebSocket counters as JSON

DURATIONS: 500ms, 10s, 5m, 1h, or a number of seconds; 0 turns a timeout off where allowed."
)]
pub struct Args {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, env = "EDGEPG_LISTEN", default_value = "127.0.0.1:4444", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// Upstream PostgreSQL, e.g. postgres://127.0.0.1:5432 (only host and port are used for client
    /// traffic: clients bring their own credentials).
    #[arg(long, env = "EDGEPG_POSTGRES", value_name = "URL", value_parser = parse_upstream)]
    pub postgres: Option<UpstreamUrl>,
    /// Without --postgres: create (first time) and run a private PostgreSQL in DIR on a free
    /// loopback port, stopped again on exit.
    #[arg(long, env = "EDGEPG_EMBEDDED", value_name = "DIR")]
    pub embedded: Option<PathBuf>,
    /// Largest accepted /sql request body, in bytes.
    #[arg(long, env = "EDGEPG_MAX_REQUEST_BYTES", default_value_t = DEFAULT_MAX_BYTES, value_name = "N",
          value_parser = positive)]
    pub max_request_bytes: usize,
    /// Largest /sql response body, in bytes.
    #[arg(long, env = "EDGEPG_MAX_RESPONSE_BYTES", default_value_t = DEFAULT_MAX_BYTES, value_name = "N",
          value_parser = positive)]
    pub max_response_bytes: usize,
    /// Most PostgreSQL sessions open at once (pooled idle ones included; idle ones are closed to
    /// make room). Keep it below the server's max_connections.
    #[arg(long, env = "EDGEPG_MAX_SESSIONS", default_value_t = 90, value_name = "N", value_parser = count)]
    pub max_sessions: usize,
    /// Most PostgreSQL sessions open at once for one role (user name).
    #[arg(long, env = "EDGEPG_MAX_SESSIONS_PER_USER", default_value_t = 80, value_name = "N",
          value_parser = count)]
    pub max_sessions_per_user: usize,
    /// How long a request or WebSocket waits for a session when a cap is reached, before it is
    /// answered 503 (HTTP) or SQLSTATE 53300 (WebSocket).
    #[arg(long, env = "EDGEPG_QUEUE_TIMEOUT", default_value = "10s", value_name = "DURATION",
          value_parser = duration)]
    pub queue_timeout: Duration,
    /// Most requests and WebSockets waiting for a session at once; more are refused at once.
    #[arg(long, env = "EDGEPG_MAX_QUEUED", default_value_t = 1000, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub max_queued: u32,
    /// Most open client TCP connections (WebSockets are counted apart); more are answered 503
    /// and closed.
    #[arg(long, env = "EDGEPG_MAX_CONNECTIONS", default_value_t = 1024, value_name = "N", value_parser = count)]
    pub max_connections: usize,
    /// Most open WebSockets.
    #[arg(long, env = "EDGEPG_MAX_WEBSOCKETS", default_value_t = 256, value_name = "N", value_parser = count)]
    pub max_websockets: usize,
    /// Deadline for a client to send a request's headers; it also closes idle keep-alive
    /// connections.
    #[arg(long, env = "EDGEPG_HEADER_TIMEOUT", default_value = "10s", value_name = "DURATION",
          value_parser = nonzero_duration)]
    pub header_timeout: Duration,
    /// Deadline for a client to send a request's body (answered 408 after it).
    #[arg(long, env = "EDGEPG_BODY_TIMEOUT", default_value = "30s", value_name = "DURATION",
          value_parser = nonzero_duration)]
    pub body_timeout: Duration,
    /// A WebSocket with no traffic either way for this long is closed (0: never). A statement
    /// that runs longer than this without sending anything is cut with it.
    #[arg(long, env = "EDGEPG_WS_IDLE_TIMEOUT", default_value = "5m", value_name = "DURATION",
          value_parser = duration)]
    pub ws_idle_timeout: Duration,
    /// PostgreSQL's statement_timeout for every session the gateway opens (0: the server's
    /// setting). A client can still change it with SET.
    #[arg(long, env = "EDGEPG_STATEMENT_TIMEOUT", default_value = "0", value_name = "DURATION",
          value_parser = duration)]
    pub statement_timeout: Duration,
    /// Serve an upstream that lets users in without a password (`trust` in pg_hba.conf). Without
    /// this flag the gateway refuses such sessions: with trust, any password would get through.
    #[arg(long, env = "EDGEPG_ALLOW_TRUST")]
    pub allow_trust: bool,
    /// Browser origins allowed to use the gateway (repeat the flag or separate with commas),
    /// e.g. http://localhost:5173. A request or WebSocket with another Origin header is
    /// answered 403. Without the flag any origin is allowed, like Neon.
    #[arg(long, env = "EDGEPG_ALLOW_ORIGIN", value_name = "ORIGIN", value_delimiter = ',', value_parser = origin)]
    pub allow_origin: Vec<String>,
    /// When ready, atomically write a JSON file with the URLs, the connection string and the pid
    /// (removed on exit).
    #[arg(long, env = "EDGEPG_READY_FILE", value_name = "PATH")]
    pub ready_file: Option<PathBuf>,
    /// Shut down (and stop the embedded PostgreSQL) when stdin reaches EOF.
    #[arg(long, env = "EDGEPG_EXIT_ON_STDIN_CLOSE")]
    pub exit_on_stdin_close: bool,
}

/// `--postgres URL`, split into raw (still percent-encoded) parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamUrl {
    /// Host name or IP (IPv6 without brackets).
    pub host: String,
    /// Port (default 5432).
    pub port: u16,
    /// User, as written in the URL.
    pub user: Option<String>,
    /// Password, as written in the URL.
    pub password: Option<String>,
    /// Database, as written in the URL.
    pub database: Option<String>,
}

fn positive(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("'{v}' is not a positive whole number")),
    }
}

/// A cap: 1 to 1,000,000.
fn count(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err(format!("'{v}' is not a whole number from 1 to 1000000")),
    }
}

/// `500ms`, `10s`, `5m`, `1h` or a bare number of seconds.
pub fn duration(v: &str) -> Result<Duration, String> {
    let bad = || format!("'{v}' is not a duration like 500ms, 10s, 5m or 1h");
    let t = v.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let ms = match unit {
        "ms" => Some(n),
        "" | "s" => n.checked_mul(1_000),
        "m" => n.checked_mul(60_000),
        "h" => n.checked_mul(3_600_000),
        _ => None,
    };
    ms.filter(|ms| *ms <= u32::MAX as u64).map(Duration::from_millis).ok_or_else(bad)
}

fn nonzero_duration(v: &str) -> Result<Duration, String> {
    match duration(v)? {
        d if d.is_zero() => Err("must be more than 0".into()),
        d => Ok(d),
    }
}

/// An origin as browsers send it: `scheme://host[:port]`, no path.
fn origin(v: &str) -> Result<String, String> {
    let v = v.trim();
    let ok =
        v.split_once("://").is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty() && !rest.contains('/'));
    if ok || v == "null" {
        Ok(v.to_string())
    } else {
        Err(format!("'{v}' is not an origin like https://app.example.com"))
    }
}

/// Parses `postgres[ql]://[user[:password]@]host[:port][/database][?…]`.
pub fn parse_upstream(url: &str) -> Result<UpstreamUrl, String> {
    let bad = |why: &str| format!("'{url}' {why} (expected postgres://host:port)");
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
        .ok_or_else(|| bad("is not a postgres:// URL"))?;
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
        None => (None, authority),
    };
    let (user, password) = match userinfo {
        Some(u) => match u.split_once(':') {
            Some((user, pw)) => (Some(user.to_string()), Some(pw.to_string())),
            None => (Some(u.to_string()), None),
        },
        None => (None, None),
    };
    let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
        let end = inner.find(']').ok_or_else(|| bad("has an unterminated IPv6 address"))?;
        (inner[..end].to_string(), inner[end + 1..].strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (hostport.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(bad("has no host"));
    }
    let port = match port {
        Some(p) => p.parse::<u16>().map_err(|_| bad("has an invalid port"))?,
        None => 5432,
    };
    let database = path.split('/').next().filter(|d| !d.is_empty()).map(str::to_string);
    Ok(UpstreamUrl { host, port, user, password, database })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn run(args: &[&str]) -> Result<Args, String> {
        Args::try_parse_from(std::iter::once("edgepg-gateway").chain(args.iter().copied())).map_err(|e| e.to_string())
    }

    #[test]
    fn clap_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn defaults_and_flags() {
        let a = run(&[]).unwrap();
        assert_eq!(a.listen.to_string(), "127.0.0.1:4444");
        assert_eq!(a.max_request_bytes, 10485760);
        assert_eq!((a.max_sessions, a.max_sessions_per_user), (90, 80));
        assert_eq!(a.queue_timeout, Duration::from_secs(10));
        assert_eq!(a.statement_timeout, Duration::ZERO);
        assert!(!a.allow_trust);
        assert!(a.allow_origin.is_empty());
        let a = run(&[
            "--listen=127.0.0.1:0",
            "--max-response-bytes",
            "100",
            "--exit-on-stdin-close",
            "--ws-idle-timeout=500ms",
            "--allow-origin",
            "http://localhost:5173,https://app.example.com",
            "--allow-origin=http://127.0.0.1:8787",
        ])
        .unwrap();
        assert_eq!(a.listen.port(), 0);
        assert_eq!(a.max_response_bytes, 100);
        assert!(a.exit_on_stdin_close);
        assert_eq!(a.ws_idle_timeout, Duration::from_millis(500));
        assert_eq!(a.allow_origin, ["http://localhost:5173", "https://app.example.com", "http://127.0.0.1:8787"]);
    }

    #[test]
    fn bad_flags() {
        assert!(run(&["--nope"]).unwrap_err().contains("unexpected argument"));
        assert!(run(&["--listen"]).unwrap_err().contains("a value is required"));
        assert!(run(&["--listen", "x"]).is_err());
        assert!(run(&["--max-request-bytes", "-1"]).is_err());
        assert!(run(&["--max-sessions", "0"]).unwrap_err().contains("not a whole number from 1 to 1000000"));
        assert!(run(&["--max-websockets", "99999999999999999999"]).is_err());
        assert!(run(&["--postgres", "mysql://h"]).unwrap_err().contains("is not a postgres:// URL"));
        assert!(run(&["--queue-timeout", "10 parsecs"]).unwrap_err().contains("is not a duration"));
        assert!(run(&["--header-timeout", "0"]).unwrap_err().contains("must be more than 0"));
        assert!(run(&["--allow-origin", "localhost:5173/app"]).unwrap_err().contains("is not an origin"));
    }

    #[test]
    fn durations() {
        assert_eq!(duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(duration("").is_err());
        assert!(duration("1.5s").is_err());
        assert!(duration("99999999999h").is_err());
    }

    #[test]
    fn upstream_urls() {
        let u = parse_upstream("postgres://127.0.0.1:5433").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.user, u.database), ("127.0.0.1", 5433, None, None));
        let u = parse_upstream("postgresql://postgres:s%40cret@[::1]/edgepg?sslmode=disable").unwrap();
        assert_eq!(u.host, "::1");
        assert_eq!(u.port, 5432);
        assert_eq!(u.password.as_deref(), Some("s%40cret"));
        assert_eq!(u.database.as_deref(), Some("edgepg"));
    }
}
