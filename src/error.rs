//! The one error type of edgepg.
//!
//! Errors are values: library code never panics. Builder mistakes that the Rust type system
//! cannot catch (runtime-defined tables, empty `set`, unfilled placeholders, values that do not
//! fit a column) surface as an [`Error`] when the statement is rendered or executed. Driver
//! errors (database, HTTP, connection) join this enum with the drivers.

use std::fmt;

/// Everything that can go wrong in edgepg.
///
/// ```
/// use edgepg::{Error, pg::*};
/// let users = table("users").column("id", serial("id")).build();
/// let err = users.col("nope").unwrap_err();
/// assert!(matches!(err, Error::UnknownColumn { .. }));
/// assert_eq!(err.to_string(), r#"table "users" has no column "nope""#);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A column key or name that the table does not have.
    UnknownColumn {
        /// The table's name (or alias).
        table: String,
        /// The key that was asked for.
        column: String,
    },
    /// A statement that cannot be built as asked (empty `set`, no rows to insert, conflicting
    /// clauses, a subquery field without an alias, ...). The message says which.
    InvalidQuery(String),
    /// A value that does not fit the column it is bound to (e.g. `2^40` for an `integer`).
    Encode {
        /// `"table"."column"` the value was bound to.
        column: String,
        /// What is wrong with the value.
        message: String,
    },
    /// `execute` was called without a value for a placeholder used by the statement.
    MissingPlaceholder(String),
    /// PostgreSQL (or the Neon endpoint in front of it) rejected the request: the 17 fields of
    /// Neon's error body (`docs/protocol.md` §3.1). `code` is the SQLSTATE (`"23505"`), or `""`
    /// for errors raised by the endpoint itself (wrong password, bad header...).
    Database(Box<DatabaseError>),
    /// The endpoint answered with an HTTP status other than 200 and 400 (413, 507, 500, ...).
    Http {
        /// The HTTP status.
        status: u16,
        /// The response body, as text.
        body: String,
    },
    /// The request never got an answer: DNS, refused connection, TLS, connection reset...
    Connect(String),
    /// The endpoint answered with something that does not follow the protocol.
    Protocol(String),
    /// A value in a row could not be decoded (or converted to the requested Rust type).
    Decode {
        /// The PostgreSQL type OID of the value (0 when not known).
        type_oid: u32,
        /// What went wrong.
        message: String,
    },
    /// Bad configuration: a malformed connection string, an invalid option.
    Config(String),
    /// The request did not finish within the configured timeout.
    Timeout(std::time::Duration),
    /// The request was aborted by the caller (an `AbortSignal` on wasm).
    Aborted,
    /// A migration ([`crate::migrate`]) could not be applied: `tag` names it, `source` is the
    /// database's error. Nothing was applied (all pending migrations are one transaction).
    Migration {
        /// The migration's tag (`0003_add_email`).
        tag: String,
        /// What PostgreSQL said.
        source: Box<Error>,
    },
}

/// A database error, with every field Neon's SQL-over-HTTP endpoint reports (the same fields as
/// `NeonDbError` in `@neondatabase/serverless` and PostgreSQL's `ErrorResponse`).
///
/// ```
/// use edgepg::error::DatabaseError;
/// let e: DatabaseError = serde_json::from_str(r#"{"message":"boom","code":"23505","position":"8"}"#).unwrap();
/// assert_eq!((e.message.as_str(), e.code.as_deref(), e.position.as_deref()), ("boom", Some("23505"), Some("8")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DatabaseError {
    /// The primary message (`M`).
    pub message: String,
    /// SQLSTATE (`C`), `""` for endpoint-level errors.
    pub code: Option<String>,
    /// Severity (`S`), e.g. `ERROR`; `""` for endpoint-level errors.
    pub severity: Option<String>,
    /// Detail (`D`).
    pub detail: Option<String>,
    /// Hint (`H`).
    pub hint: Option<String>,
    /// Cursor position in the query, 1-based, as a decimal string (`P`).
    pub position: Option<String>,
    /// Position in an internal query (`p`).
    pub internal_position: Option<String>,
    /// The internal query (`q`).
    pub internal_query: Option<String>,
    /// Context (`W`).
    #[serde(rename = "where")]
    pub where_: Option<String>,
    /// Schema name (`s`).
    pub schema: Option<String>,
    /// Table name (`t`).
    pub table: Option<String>,
    /// Column name (`c`).
    pub column: Option<String>,
    /// Data type name (`d`).
    pub data_type: Option<String>,
    /// Constraint name (`n`).
    pub constraint: Option<String>,
    /// Source file of the server (`F`).
    pub file: Option<String>,
    /// Source line, as a decimal string (`L`).
    pub line: Option<String>,
    /// Source routine (`R`).
    pub routine: Option<String>,
    /// The length of the `ErrorResponse` message it came from, its length word included (pg's
    /// `DatabaseError.length`); `None` when it did not come from the wire protocol. Never part of
    /// the JSON form.
    #[serde(skip)]
    pub length: Option<u32>,
}

impl fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(code) = self.code.as_deref().filter(|c| !c.is_empty()) {
            write!(f, " (SQLSTATE {code})")?;
        }
        if let Some(d) = &self.detail {
            write!(f, "\nDETAIL: {d}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\nHINT: {h}")?;
        }
        Ok(())
    }
}

impl Error {
    /// The database error, when this is one.
    pub fn database(&self) -> Option<&DatabaseError> {
        match self {
            Error::Database(e) => Some(e),
            Error::Migration { source, .. } => source.database(),
            _ => None,
        }
    }

    /// The SQLSTATE code of a database error (`"23505"` for a unique violation), if any.
    ///
    /// ```
    /// use edgepg::{Error, error::DatabaseError};
    /// let e = Error::Database(Box::new(DatabaseError { code: Some("23505".into()), ..Default::default() }));
    /// assert_eq!(e.code(), Some("23505"));
    /// ```
    pub fn code(&self) -> Option<&str> {
        self.database().and_then(|e| e.code.as_deref()).filter(|c| !c.is_empty())
    }
}

impl Error {
    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidQuery(msg.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownColumn { table, column } => {
                write!(f, "table \"{table}\" has no column \"{column}\"")
            }
            Error::InvalidQuery(m) => f.write_str(m),
            Error::Encode { column, message } => {
                write!(f, "value for column {column} does not fit: {message}")
            }
            Error::MissingPlaceholder(name) => {
                write!(f, "No value for placeholder \"{name}\" was provided")
            }
            Error::Database(e) => e.fmt(f),
            Error::Http { status, body } => write!(f, "Server error (HTTP status {status}): {body}"),
            Error::Connect(m) => write!(f, "Error connecting to database: {m}"),
            Error::Protocol(m) => write!(f, "protocol error: {m}"),
            Error::Decode { type_oid, message } => write!(f, "cannot decode a value of type OID {type_oid}: {message}"),
            Error::Config(m) => f.write_str(m),
            Error::Timeout(d) => write!(f, "the request timed out after {} ms", d.as_millis()),
            Error::Aborted => f.write_str("the request was aborted"),
            Error::Migration { tag, source } => write!(f, "migration {tag} failed, nothing was applied: {source}"),
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with edgepg's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
