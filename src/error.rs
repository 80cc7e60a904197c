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
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with edgepg's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
