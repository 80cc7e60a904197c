//! SQL-over-HTTP errors and their 17-key JSON body (docs/protocol.md §3.1).

use hyper::StatusCode;

use crate::json_text::{push_opt_str, push_str};
use crate::pg::DbError;

/// An error answered to a `/sql` request.
#[derive(Debug)]
pub enum SqlError {
    /// Gateway-level error: `code` and `severity` are `""`, all other fields `null`.
    Gateway {
        /// HTTP status.
        status: StatusCode,
        /// The `message`.
        message: String,
    },
    /// PostgreSQL error: every field comes from its `ErrorResponse`.
    Postgres {
        /// HTTP status.
        status: StatusCode,
        /// The decoded `ErrorResponse`.
        error: DbError,
    },
}

impl SqlError {
    /// A gateway-level 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        SqlError::Gateway { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// A gateway-level 500.
    pub fn internal(message: impl Into<String>) -> Self {
        SqlError::Gateway { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into() }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            SqlError::Gateway { status, .. } | SqlError::Postgres { status, .. } => *status,
        }
    }

    /// The JSON body with all 17 keys in Neon's order. `position`/`line` stay strings.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        match self {
            SqlError::Gateway { message, .. } => {
                out.extend_from_slice(b"{\"message\":");
                push_str(&mut out, message);
                out.extend_from_slice(
                    b",\"code\":\"\",\"detail\":null,\"hint\":null,\"position\":null,\"internalPosition\":null,\
\"internalQuery\":null,\"severity\":\"\",\"where\":null,\"table\":null,\"column\":null,\"schema\":null,\
\"dataType\":null,\"constraint\":null,\"file\":null,\"line\":null,\"routine\":null}",
                );
            }
            SqlError::Postgres { error, .. } => {
                // `P` (position) wins; otherwise `p` + `q` describe an internal query
                // (tokio-postgres' ErrorPosition, which Neon uses).
                let (position, internal_position, internal_query) = match (error.get(b'P'), error.get(b'p')) {
                    (Some(p), _) => (Some(p), None, None),
                    (None, Some(ip)) => (None, Some(ip), error.get(b'q')),
                    (None, None) => (None, None, None),
                };
                let keys: [(&str, Option<&str>); 17] = [
                    ("message", Some(error.message())),
                    ("code", Some(error.code())),
                    ("detail", error.get(b'D')),
                    ("hint", error.get(b'H')),
                    ("position", position),
                    ("internalPosition", internal_position),
                    ("internalQuery", internal_query),
                    ("severity", Some(error.get(b'S').unwrap_or(""))),
                    ("where", error.get(b'W')),
                    ("table", error.get(b't')),
                    ("column", error.get(b'c')),
                    ("schema", error.get(b's')),
                    ("dataType", error.get(b'd')),
                    ("constraint", error.get(b'n')),
                    ("file", error.get(b'F')),
                    ("line", error.get(b'L')),
                    ("routine", error.get(b'R')),
                ];
                out.push(b'{');
                for (i, (key, value)) in keys.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    push_str(&mut out, key);
                    out.push(b':');
                    push_opt_str(&mut out, *value);
                }
                out.push(b'}');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_body_has_17_keys() {
        let body = SqlError::bad_request("invalid isolation level").to_json();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(obj.len(), 17);
        assert_eq!(obj["message"], "invalid isolation level");
        assert_eq!(obj["code"], "");
        assert_eq!(obj["severity"], "");
        assert!(obj["line"].is_null());
    }

    #[test]
    fn postgres_body() {
        let e = DbError::new(vec![
            (b'S', "ERROR".into()),
            (b'C', "42703".into()),
            (b'M', "column \"x\" does not exist".into()),
            (b'P', "18".into()),
            (b'L', "3722".into()),
        ]);
        let body = SqlError::Postgres { status: StatusCode::BAD_REQUEST, error: e }.to_json();
        let text = String::from_utf8(body).unwrap();
        assert!(text.starts_with(r#"{"message":"column \"x\" does not exist","code":"42703","detail":null"#), "{text}");
        assert!(text.contains(r#""position":"18","internalPosition":null"#));
        assert!(text.contains(r#""line":"3722","routine":null}"#));
    }
}
