//! The `Neon-Connection-String` header (docs/protocol.md §1.6).
//!
//! Parsed by hand (no `url` crate) with the same checks, order and messages as Neon's
//! `get_conn_info`. The host and port are only validated, never used for routing: every
//! session goes to the configured upstream PostgreSQL. IPv6 literal hosts are accepted
//! (Neon answers `missing hostname`; §8.4 suggests accepting them locally).

use std::net::Ipv6Addr;

use hyper::HeaderMap;

/// Credentials and target of a `/sql` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnInfo {
    /// Role name (percent-decoded).
    pub user: String,
    /// Database name (percent-decoded).
    pub dbname: String,
    /// Password (percent-decoded bytes).
    pub password: Vec<u8>,
}

const CONN_STRING: &str = "neon-connection-string";

/// Extracts the connection info from the request headers; `Err` holds the 400 message.
pub fn get_conn_info(headers: &HeaderMap) -> Result<ConnInfo, String> {
    let invalid_header = || format!("invalid header: {CONN_STRING}");
    let value = headers.get(CONN_STRING).ok_or_else(invalid_header)?;
    // `to_str` fails on anything but visible ASCII, like Neon.
    let conn_str = value.to_str().map_err(|_| invalid_header())?;
    let has_authorization = headers.contains_key(hyper::header::AUTHORIZATION);
    parse(conn_str.trim_matches(|c: char| c <= ' '), has_authorization)
}

fn url_error(what: &str) -> String {
    format!("invalid connection string: {what}")
}

/// Parses a `postgres://user:password@host[:port]/db[?…]` URL.
pub fn parse(s: &str, has_authorization: bool) -> Result<ConnInfo, String> {
    // Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
    let colon = s.find(':').ok_or_else(|| url_error("relative URL without a base"))?;
    let scheme = &s[..colon];
    let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return Err(url_error("relative URL without a base"));
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "postgres" && scheme != "postgresql" {
        return Err("incorrect scheme".into());
    }
    let rest = &s[colon + 1..];
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(i) => (Some(&after[..i]), &after[i..]),
            None => (Some(after), ""),
        },
        None => (None, rest),
    };

    let (userinfo, hostport) = match authority {
        Some(a) => match a.rfind('@') {
            Some(i) => (Some(&a[..i]), &a[i + 1..]),
            None => (None, a),
        },
        None => (None, ""),
    };
    if authority.is_some() {
        check_host_port(hostport, userinfo.is_some())?;
    }

    // A path that does not start with '/' has no segments ("cannot be a base").
    let first_segment = path.strip_prefix('/').ok_or("missing database name")?;
    let first_segment = first_segment.split('/').next().unwrap_or("");
    // Neon maps a database-name decoding failure to `invalid username: …` (its From impl).
    let dbname = String::from_utf8(percent_decode(first_segment)).map_err(|e| format!("invalid username: {e}"))?;
    if dbname.is_empty() {
        return Err("missing database name".into());
    }

    let (raw_user, raw_password) = match userinfo {
        Some(u) => match u.split_once(':') {
            Some((user, pw)) => (user, Some(pw)),
            None => (u, None),
        },
        None => ("", None),
    };
    let user = String::from_utf8(percent_decode(raw_user)).map_err(|e| format!("invalid username: {e}"))?;
    if user.is_empty() {
        return Err("missing username".into());
    }
    if has_authorization {
        // JWT is for auth-broker proxies only; a normal proxy refuses it (§1.3).
        return Err("missing authentication credentials: required password".into());
    }
    // The URL standard drops an empty password, so `user:@host` has none either.
    let password = match raw_password {
        Some(pw) if !pw.is_empty() => percent_decode(pw),
        _ => return Err("missing authentication credentials: required password".into()),
    };
    Ok(ConnInfo { user, dbname, password })
}

fn check_host_port(hostport: &str, has_userinfo: bool) -> Result<(), String> {
    let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
        let end = inner.find(']').ok_or_else(|| url_error("invalid IPv6 address"))?;
        inner[..end].parse::<Ipv6Addr>().map_err(|_| url_error("invalid IPv6 address"))?;
        let after = &inner[end + 1..];
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(url_error("invalid port number")),
        };
        (&hostport[..end + 2], port)
    } else {
        match hostport.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    if let Some(port) = port {
        if !port.is_empty()
            && (!port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u32>().map_or(true, |p| p > 65535))
        {
            return Err(url_error("invalid port number"));
        }
    }
    if host.is_empty() && (has_userinfo || port.is_some()) {
        return Err(url_error("empty host"));
    }
    if !host.starts_with('[') && host.chars().any(|c| " #<>?@[\\]^|".contains(c) || c.is_control()) {
        return Err(url_error("invalid domain character"));
    }
    Ok(())
}

/// Decodes `%XX` escapes; malformed escapes are kept literally (like `urlencoding`).
pub fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> ConnInfo {
        parse(s, false).unwrap()
    }

    fn err(s: &str) -> String {
        parse(s, false).unwrap_err()
    }

    #[test]
    fn valid() {
        let c = ok("postgresql://us%40er:p%40ss%2Fw@ep-x.aws.neon.tech:5432/my%20db?sslmode=require");
        assert_eq!(c, ConnInfo { user: "us@er".into(), dbname: "my db".into(), password: b"p@ss/w".to_vec() });
        assert_eq!(ok("postgres://u:p@127.0.0.1/db").dbname, "db");
        assert_eq!(ok("POSTGRES://u:p@[::1]:4444/db").user, "u");
        assert_eq!(ok("postgres://u:p:q@h/db").password, b"p:q".to_vec());
        assert_eq!(ok("postgres://u:p%zz@h/db").password, b"p%zz".to_vec());
    }

    #[test]
    fn errors() {
        assert_eq!(err("foo"), "invalid connection string: relative URL without a base");
        assert_eq!(err("mysql://u:p@h/db"), "incorrect scheme");
        assert_eq!(err("postgres://u:p@h"), "missing database name");
        assert_eq!(err("postgres://u:p@h/"), "missing database name");
        assert_eq!(err("postgres://h/db"), "missing username");
        assert_eq!(err("postgres://u@h/db"), "missing authentication credentials: required password");
        assert_eq!(err("postgres://u:@h/db"), "missing authentication credentials: required password");
        assert_eq!(err("postgres://u:p@h:99999/db"), "invalid connection string: invalid port number");
        assert_eq!(err("postgres://u:p@h:x/db"), "invalid connection string: invalid port number");
        assert_eq!(err("postgres://u:p@[zz]/db"), "invalid connection string: invalid IPv6 address");
        assert_eq!(err("postgres://u:p@/db"), "invalid connection string: empty host");
        assert_eq!(err("postgres://%ff:p@h/db"), "invalid username: invalid utf-8 sequence of 1 bytes from index 0");
        assert_eq!(
            parse("postgres://u:p@h/db", true).unwrap_err(),
            "missing authentication credentials: required password"
        );
    }
}
