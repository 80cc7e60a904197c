//! Command-line arguments (hand-rolled: no argument-parsing dependency).

use std::net::SocketAddr;
use std::path::PathBuf;

/// Default `--listen`.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:4444";
/// Default request/response limit: 10 MiB, like Neon (neon-protocol.md §3.4).
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// The `--help` text.
pub const HELP: &str = "\
edgepg-gateway: a local Neon-compatible endpoint (SQL-over-HTTP and Postgres-over-WebSocket)
in front of a plain PostgreSQL.

USAGE:
    edgepg-gateway [OPTIONS]

OPTIONS:
    --listen ADDR              Address to listen on [default: 127.0.0.1:4444]; port 0 picks a free one
    --postgres URL             Upstream PostgreSQL, e.g. postgres://127.0.0.1:5432 (only host and port
                               are used for client traffic; clients bring their own credentials)
    --embedded DIR             Without --postgres: create (first time) and run a private PostgreSQL in
                               DIR on a free loopback port, stopped again on exit
    --max-request-bytes N      Largest accepted /sql request body [default: 10485760]
    --max-response-bytes N     Largest /sql response body [default: 10485760]
    --ready-file PATH          When ready, atomically write a JSON file with the URLs, the connection
                               string and the pid (removed on exit)
    --exit-on-stdin-close      Shut down (and stop the embedded PostgreSQL) when stdin reaches EOF
    -h, --help                 Print this help
    -V, --version              Print the version

ENDPOINTS (one port):
    POST /sql                  Neon SQL-over-HTTP (OPTIONS /sql: CORS preflight)
    any path + Upgrade         Postgres-over-WebSocket (e.g. ws://127.0.0.1:4444/v2)
    GET /_edgepg/stats         Request/query/WebSocket counters as JSON
";

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

/// Parsed options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// `--listen`.
    pub listen: SocketAddr,
    /// `--postgres`.
    pub postgres: Option<UpstreamUrl>,
    /// `--embedded`.
    pub embedded: Option<PathBuf>,
    /// `--max-request-bytes`.
    pub max_request_bytes: usize,
    /// `--max-response-bytes`.
    pub max_response_bytes: usize,
    /// `--ready-file`.
    pub ready_file: Option<PathBuf>,
    /// `--exit-on-stdin-close`.
    pub exit_on_stdin_close: bool,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Run the gateway.
    Run(Box<Args>),
    /// Print help.
    Help,
    /// Print the version.
    Version,
}

/// Parses the arguments (without the program name).
pub fn parse(mut argv: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut args = Args {
        listen: DEFAULT_LISTEN.parse().map_err(|_| "bad default")?,
        postgres: None,
        embedded: None,
        max_request_bytes: DEFAULT_MAX_BYTES,
        max_response_bytes: DEFAULT_MAX_BYTES,
        ready_file: None,
        exit_on_stdin_close: false,
    };
    while let Some(arg) = argv.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone().or_else(|| argv.next()) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(format!("{name} needs a value")),
            }
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--listen" => {
                let v = value("--listen")?;
                args.listen =
                    v.parse().map_err(|_| format!("--listen: '{v}' is not an address like 127.0.0.1:4444"))?;
            }
            "--postgres" => args.postgres = Some(parse_upstream(&value("--postgres")?)?),
            "--embedded" => args.embedded = Some(PathBuf::from(value("--embedded")?)),
            "--max-request-bytes" => args.max_request_bytes = parse_size("--max-request-bytes", &value(&name)?)?,
            "--max-response-bytes" => args.max_response_bytes = parse_size("--max-response-bytes", &value(&name)?)?,
            "--ready-file" => args.ready_file = Some(PathBuf::from(value("--ready-file")?)),
            "--exit-on-stdin-close" if inline.is_none() => args.exit_on_stdin_close = true,
            _ => return Err(format!("unknown argument '{arg}'")),
        }
    }
    Ok(Command::Run(Box::new(args)))
}

fn parse_size(name: &str, v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name}: '{v}' is not a positive number of bytes")),
    }
}

/// Parses `postgres[ql]://[user[:password]@]host[:port][/database][?…]`.
pub fn parse_upstream(url: &str) -> Result<UpstreamUrl, String> {
    let bad = |why: &str| format!("--postgres: '{url}' {why} (expected postgres://host:port)");
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

    fn run(args: &[&str]) -> Result<Args, String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run(a) => Ok(*a),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn defaults_and_flags() {
        let a = run(&[]).unwrap();
        assert_eq!(a.listen.to_string(), "127.0.0.1:4444");
        assert_eq!(a.max_request_bytes, 10485760);
        let a = run(&["--listen=127.0.0.1:0", "--max-response-bytes", "100", "--exit-on-stdin-close"]).unwrap();
        assert_eq!(a.listen.port(), 0);
        assert_eq!(a.max_response_bytes, 100);
        assert!(a.exit_on_stdin_close);
        assert_eq!(parse(["--help".to_string()].into_iter()).unwrap(), Command::Help);
    }

    #[test]
    fn bad_flags() {
        assert!(run(&["--nope"]).unwrap_err().contains("unknown argument"));
        assert!(run(&["--listen"]).unwrap_err().contains("needs a value"));
        assert!(run(&["--listen", "x"]).is_err());
        assert!(run(&["--max-request-bytes", "-1"]).is_err());
        assert!(run(&["--postgres", "mysql://h"]).is_err());
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
