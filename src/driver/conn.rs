//! Connection strings: parsing and validation as `@neondatabase/serverless` does it, and the
//! SQL-over-HTTP endpoint derived from them (`docs/protocol.md` §1.1).

use std::fmt;

use crate::types::hex_digit;
use crate::{Error, Result};

const NO_STRING: &str =
    "No database connection string was provided to `neon()`. Perhaps an environment variable has not been set?";
const BAD_FORMAT: &str =
    "Database connection string format for `neon()` should be: postgresql://user:password@host.tld/dbname?option=value";

/// A parsed `postgres://user:password@host[:port]/dbname?options` connection string.
///
/// Parsing follows the JS driver: the scheme must be `postgres:` or `postgresql:`, and the user
/// name, host and database name must be present (a password is optional: JWT authentication has
/// none). User, password and database are percent-decoded. The original text is kept: it is sent
/// verbatim in the `Neon-Connection-String` header.
///
/// ```
/// use edgepg::driver::ConnectionString;
/// let c: ConnectionString = "postgresql://ann:p%40ss@ep-cool-x-123456.us-east-2.aws.neon.tech/shop?sslmode=require".parse()?;
/// assert_eq!((c.user(), c.password(), c.database()), ("ann", Some("p@ss"), "shop"));
/// assert_eq!(c.http_endpoint(false), "https://api.us-east-2.aws.neon.tech/sql");
/// assert!("mysql://a@b/c".parse::<ConnectionString>().is_err());
/// # Ok::<(), edgepg::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionString {
    raw: String,
    user: String,
    password: Option<String>,
    host: String,
    port: Option<u16>,
    database: String,
    query: Vec<(String, String)>,
}

impl fmt::Debug for ConnectionString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectionString")
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database", &self.database)
            .finish()
    }
}

impl std::str::FromStr for ConnectionString {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        ConnectionString::parse(s)
    }
}

impl ConnectionString {
    /// Parses and validates a connection string, with the JS driver's error messages.
    pub fn parse(s: &str) -> Result<Self> {
        if s.is_empty() {
            return Err(Error::Config(NO_STRING.into()));
        }
        let invalid = || {
            Error::Config(format!(
                "Database connection string provided to `neon()` is not a valid URL. Connection string: {s}"
            ))
        };
        let (scheme, rest) = s.split_once(':').ok_or_else(invalid)?;
        if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
            return Err(invalid());
        }
        // The JS driver swaps the scheme for `http:` and parses with WHATWG URL rules:
        // slashes after the scheme are optional, `\` counts as `/`.
        let rest = rest.trim_start_matches(['/', '\\']);
        let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        let (host, port) = split_host_port(hostport).ok_or_else(invalid)?;
        if host.is_empty() {
            return Err(invalid());
        }
        let (user, password) = match userinfo {
            Some(ui) => match ui.split_once(':') {
                Some((u, p)) => (decode(u), Some(decode(p))),
                None => (decode(ui), None),
            },
            None => (String::new(), None),
        };
        let tail = tail.split('#').next().unwrap_or("");
        let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
        let database = decode(path.trim_start_matches(['/', '\\']));
        let scheme = scheme.to_ascii_lowercase();
        if !(scheme == "postgres" || scheme == "postgresql") || user.is_empty() || database.is_empty() {
            return Err(Error::Config(BAD_FORMAT.into()));
        }
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(&k.replace('+', " ")), decode(&v.replace('+', " ")))
            })
            .collect();
        Ok(ConnectionString {
            raw: s.to_owned(),
            user,
            password: password.filter(|p| !p.is_empty()),
            host: host.to_ascii_lowercase(),
            port,
            database,
            query,
        })
    }

    /// The connection string exactly as given.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
    /// The user name (percent-decoded).
    pub fn user(&self) -> &str {
        &self.user
    }
    /// The password (percent-decoded), if any.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }
    /// The host name (lower-cased; IPv6 literals keep their brackets).
    pub fn host(&self) -> &str {
        &self.host
    }
    /// The port, if one was given.
    pub fn port(&self) -> Option<u16> {
        self.port
    }
    /// The database name (percent-decoded).
    pub fn database(&self) -> &str {
        &self.database
    }
    /// The query-string options, in order (`sslmode=require`, ...).
    pub fn options(&self) -> &[(String, String)] {
        &self.query
    }

    /// The connection string as the `Neon-Connection-String` header carries it: with
    /// `application_name=<client>` appended (form-encoded, as `URLSearchParams` does) unless it
    /// already names one, which is what @neondatabase/serverless does with its own name, so that
    /// Neon's monitoring shows which client connected.
    ///
    /// ```
    /// use edgepg::driver::ConnectionString;
    /// let c = ConnectionString::parse("postgres://u:p@h.example/db?sslmode=require")?;
    /// assert_eq!(
    ///     c.with_application_name("pkg:npm/edgepg@0.1.0"),
    ///     "postgres://u:p@h.example/db?sslmode=require&application_name=pkg%3Anpm%2Fedgepg%400.1.0"
    /// );
    /// let named = ConnectionString::parse("postgres://u:p@h.example/db?application_name=mine")?;
    /// assert_eq!(named.with_application_name("x"), "postgres://u:p@h.example/db?application_name=mine");
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn with_application_name(&self, name: &str) -> String {
        if self.query.iter().any(|(k, _)| k == "application_name") {
            return self.raw.clone();
        }
        let (body, fragment) = match self.raw.find('#') {
            Some(i) => self.raw.split_at(i),
            None => (self.raw.as_str(), ""),
        };
        let sep = match body.find('?') {
            None => "?",
            Some(i) if i + 1 == body.len() || body.ends_with('&') => "",
            Some(_) => "&",
        };
        let mut out = String::with_capacity(self.raw.len() + 24 + name.len() * 3);
        out.push_str(body);
        out.push_str(sep);
        out.push_str("application_name=");
        for b in name.bytes() {
            match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(char::from(b)),
                b' ' => out.push('+'),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789ABCDEF";
                    out.push('%');
                    out.push(char::from(HEX[usize::from(b >> 4)]));
                    out.push(char::from(HEX[usize::from(b & 15)]));
                }
            }
        }
        out.push_str(fragment);
        out
    }

    /// The SQL-over-HTTP endpoint the JS driver derives by default: the first DNS label of the
    /// host becomes `api` (`apiauth` with a JWT), the port is dropped (`docs/protocol.md` §1.1).
    ///
    /// ```
    /// use edgepg::driver::ConnectionString;
    /// let c = ConnectionString::parse("postgres://u:p@localhost:5432/db")?;
    /// assert_eq!(c.http_endpoint(false), "https://localhost/sql");
    /// let c = ConnectionString::parse("postgres://u@ep-x-pooler.eu.aws.neon.tech/db")?;
    /// assert_eq!(c.http_endpoint(true), "https://apiauth.eu.aws.neon.tech/sql");
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn http_endpoint(&self, jwt_auth: bool) -> String {
        let label = if jwt_auth { "apiauth." } else { "api." };
        let host = match self.host.split_once('.') {
            Some((first, rest)) if !first.is_empty() && !self.host.starts_with('[') => format!("{label}{rest}"),
            _ => self.host.clone(),
        };
        format!("https://{host}/sql")
    }
}

fn split_host_port(hp: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if hp.starts_with('[') {
        let close = hp.find(']')?;
        let (h, rest) = hp.split_at(close + 1);
        match rest.strip_prefix(':') {
            Some(p) => (h, Some(p)),
            None if rest.is_empty() => (h, None),
            None => return None,
        }
    } else {
        match hp.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hp, None),
        }
    };
    if host.contains([' ', '<', '>', '^', '|', '%', '"']) && !host.starts_with('[') {
        return None;
    }
    let port = match port {
        None | Some("") => None,
        Some(p) => Some(p.parse::<u16>().ok()?),
    };
    Some((host, port))
}

/// `decodeURIComponent`, lenient: an invalid escape is kept as is.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex_digit(b[i + 1]), hex_digit(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        ConnectionString::parse(s).unwrap_err().to_string()
    }

    #[test]
    fn rejects_like_the_js_driver() {
        assert_eq!(err(""), NO_STRING);
        assert_eq!(
            err("not a url"),
            "Database connection string provided to `neon()` is not a valid URL. Connection string: not a url"
        );
        assert!(err("postgres://u:p@host:99999/db").contains("is not a valid URL"));
        assert!(err("postgres://u:p@host:x/db").contains("is not a valid URL"));
        for bad in
            ["mysql://u:p@h/db", "postgres://h/db", "postgres://u:p@h", "postgres://u:p@h/", "postgres://:p@h/db"]
        {
            assert_eq!(err(bad), BAD_FORMAT, "{bad}");
        }
        assert!(err("postgres://u:p@/db").contains("not a valid URL"));
    }

    #[test]
    fn parses_parts() {
        let c = ConnectionString::parse(
            "PostgreSQL://a%20b:x:y@Host.Example.com:6543/my%2Fdb?sslmode=require&options=a%3Db#frag",
        )
        .unwrap();
        assert_eq!(c.user(), "a b");
        assert_eq!(c.password(), Some("x:y"));
        assert_eq!(c.host(), "host.example.com");
        assert_eq!(c.port(), Some(6543));
        assert_eq!(c.database(), "my/db");
        assert_eq!(c.options(), [("sslmode".into(), "require".into()), ("options".into(), "a=b".into())]);
        let c = ConnectionString::parse("postgres://u@[::1]:5432/db").unwrap();
        assert_eq!((c.host(), c.port(), c.password()), ("[::1]", Some(5432), None));
        assert_eq!(c.http_endpoint(false), "https://[::1]/sql");
        let c = ConnectionString::parse("postgres://u:p@a@b.c/db").unwrap();
        assert_eq!((c.user(), c.password(), c.host()), ("u", Some("p@a"), "b.c"));
        assert!(!format!("{c:?}").contains("p@a"));
    }
}
