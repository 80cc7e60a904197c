//! The API's errors: `{"error": {"message": "...", "code"?: "<SQLSTATE>", "field"?: "..."}}`
//! with an HTTP status, and how edgepg's errors map onto them.

use serde::Serialize;
use worker::{console_error, Response, Result};

/// An error response.
#[derive(Debug, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: u16,
    /// Sent as `Allow` with a 405.
    #[serde(skip)]
    allow: Option<&'static str>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// SQLSTATE classes meaning "the Worker cannot use the database right now", whatever the request:
/// 08 connection exception, 28 invalid authorization, 3D000 no such database, 53 insufficient
/// resources, 57 operator intervention, 58 system error, XX internal error (Neon's proxy reports
/// "could not connect to compute" as XX000).
const UNAVAILABLE: [&str; 7] = ["08", "28", "3D", "53", "57", "58", "XX"];

/// What a foreign-key violation (`23503`) means for the route that ran the statement.
#[derive(Debug, Clone, Copy)]
pub enum OnForeignKey {
    /// The referenced row is the resource named by the request: 404.
    NotFound,
    /// Anything else: a conflict, 409.
    Conflict,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError { status, allow: None, message: message.into(), code: None, field: None }
    }

    /// 400 for an invalid request, naming the offending field when there is one.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    /// 400 naming the invalid `field` of the body or query string.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError { field: Some(field.into()), ..Self::bad_request(message) }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, message)
    }

    pub fn method_not_allowed(allow: &'static str) -> Self {
        ApiError { allow: Some(allow), ..Self::new(405, "method not allowed") }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, message)
    }

    /// Maps a driver error by SQLSTATE: 23505 → 409, 23503 → 404 or 409 (`fk`), the classes
    /// that mean the database cannot be used right now and failures to reach it → 503, other
    /// database errors → 400, anything else → 500. Nothing of the query or its parameters is
    /// returned; errors of the Worker's side (5xx) go to its log in full.
    pub fn from_db(e: edgepg::Error, fk: OnForeignKey) -> Self {
        let Some(db) = e.database() else {
            return match e {
                edgepg::Error::Connect(_)
                | edgepg::Error::Timeout(_)
                | edgepg::Error::Aborted
                | edgepg::Error::Http { .. } => Self::unavailable(None, &e),
                other => Self::internal_logged(&other),
            };
        };
        let Some(code) = db.code.clone().filter(|c| !c.is_empty()) else {
            // No SQLSTATE: an error of the endpoint itself (bad credentials header, ...).
            return Self::unavailable(None, &e);
        };
        match code.as_str() {
            // `users.email` is the schema's only unique column besides the ids.
            "23505" if db.constraint.as_deref().is_some_and(|c| c.contains("email")) => ApiError {
                code: Some(code),
                field: Some("email".into()),
                ..Self::new(409, "a user with this email already exists")
            },
            "23505" => ApiError { code: Some(code), ..Self::new(409, db.detail.clone().unwrap_or(db.message.clone())) },
            "23503" => match fk {
                OnForeignKey::NotFound => ApiError { code: Some(code), ..Self::not_found("user not found") },
                OnForeignKey::Conflict => {
                    ApiError { code: Some(code), ..Self::new(409, db.detail.clone().unwrap_or(db.message.clone())) }
                }
            },
            c if UNAVAILABLE.iter().any(|class| c.starts_with(class)) => Self::unavailable(Some(code), &e),
            _ => ApiError { code: Some(code), ..Self::bad_request(db.message.clone()) },
        }
    }

    fn unavailable(code: Option<String>, cause: &edgepg::Error) -> Self {
        console_error!("database unavailable: {cause}");
        ApiError { code, ..Self::new(503, "database unavailable") }
    }

    /// 500 "internal error"; the cause goes to the Worker's log only.
    pub fn internal_logged(cause: &dyn std::fmt::Display) -> Self {
        console_error!("internal error: {cause}");
        Self::internal("internal error")
    }

    /// The response: `{"error": {...}}`.
    pub fn into_response(self) -> Result<Response> {
        let status = self.status;
        let allow = self.allow;
        let mut resp = json(status, &ErrorBody { error: self })?;
        if let Some(methods) = allow {
            resp.headers_mut().set("allow", methods)?;
        }
        Ok(resp)
    }
}

#[derive(Serialize)]
struct ErrorBody {
    error: ApiError,
}

/// A JSON response (`content-type: application/json`) with `status`.
pub fn json<T: Serialize>(status: u16, body: &T) -> Result<Response> {
    Ok(Response::from_json(body)?.with_status(status))
}

/// A driver error inside a handler (e.g. in an interactive transaction): mapped as every route but
/// `POST /posts/batch` maps it.
impl From<edgepg::Error> for ApiError {
    fn from(e: edgepg::Error) -> Self {
        ApiError::from_db(e, OnForeignKey::Conflict)
    }
}
