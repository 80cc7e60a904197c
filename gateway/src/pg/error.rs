//! Errors reported by PostgreSQL (`ErrorResponse`) and by the client code.

use std::fmt;
use std::io;

/// The fields of a PostgreSQL `ErrorResponse`, in wire order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbError {
    fields: Vec<(u8, String)>,
}

impl DbError {
    /// Wraps decoded (field code, value) pairs.
    pub fn new(fields: Vec<(u8, String)>) -> Self {
        DbError { fields }
    }

    /// The value of field `code` (e.g. `b'C'` for the SQLSTATE), if present.
    pub fn get(&self, code: u8) -> Option<&str> {
        self.fields.iter().find(|(c, _)| *c == code).map(|(_, v)| v.as_str())
    }

    /// The SQLSTATE (`C`), or `""`.
    pub fn code(&self) -> &str {
        self.get(b'C').unwrap_or("")
    }

    /// The primary message (`M`), or `""`.
    pub fn message(&self) -> &str {
        self.get(b'M').unwrap_or("")
    }

    /// All fields in wire order.
    pub fn fields(&self) -> &[(u8, String)] {
        &self.fields
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.get(b'S').unwrap_or("ERROR"), self.message())
    }
}

/// Why opening a PostgreSQL session failed.
#[derive(Debug)]
pub enum ConnectError {
    /// TCP connect or I/O failure (upstream unreachable, connection reset, timeout).
    Io(io::Error),
    /// PostgreSQL rejected the session with an `ErrorResponse`.
    Db(DbError),
    /// The server spoke something we do not support (e.g. an unknown auth method).
    Protocol(String),
    /// A startup parameter cannot be sent (e.g. it contains a NUL byte).
    InvalidParams(String),
    /// The server let the user in without a password (`trust`), and `--allow-trust` is off.
    Trust {
        /// The role that got in.
        user: String,
    },
    /// A session cap is reached and no session freed up within the queue timeout.
    Busy(String),
}

impl ConnectError {
    /// The message for a refused `trust` session: what happened and what to do.
    pub fn trust_message(user: &str) -> String {
        format!(
            "the gateway refuses this PostgreSQL server: it let user '{user}' in without asking for a password \
             (trust authentication), so the gateway would accept any password. Require scram-sha-256 (or md5) \
             in pg_hba.conf, or start the gateway with --allow-trust"
        )
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConnectError::Io(e) => write!(f, "I/O error: {e}"),
            ConnectError::Db(e) => write!(f, "{e}"),
            ConnectError::Protocol(m) => write!(f, "protocol error: {m}"),
            ConnectError::InvalidParams(m) => write!(f, "invalid startup parameter: {m}"),
            ConnectError::Trust { user } => f.write_str(&ConnectError::trust_message(user)),
            ConnectError::Busy(m) => f.write_str(m),
        }
    }
}

impl From<io::Error> for ConnectError {
    fn from(e: io::Error) -> Self {
        ConnectError::Io(e)
    }
}

/// Why a query failed; `E` is the error type of the row sink.
#[derive(Debug)]
pub enum QueryError<E> {
    /// PostgreSQL reported an error; the session is still usable.
    Db(DbError),
    /// The query could not be encoded (e.g. a NUL byte in the SQL text); nothing was sent.
    Encode(io::Error),
    /// The connection failed; it is unusable.
    Io(io::Error),
    /// The row sink aborted (response too large, conversion error); the session is unusable.
    Sink(E),
}

impl<E> From<io::Error> for QueryError<E> {
    fn from(e: io::Error) -> Self {
        QueryError::Io(e)
    }
}
