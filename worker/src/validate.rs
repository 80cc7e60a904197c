//! Request validation: path ids, the query string of `GET /users`, and the JSON bodies. Every
//! failure is a 400 whose `field` names what is wrong; nothing here panics on any input.

use serde_json::{Map, Value};
use worker::Url;

use crate::error::ApiError;

pub const NAME_MAX: usize = 100;
pub const TITLE_MAX: usize = 200;
pub const POSTS_MAX: usize = 20;
pub const LIMIT_MAX: i64 = 100;
pub const LIMIT_DEFAULT: i64 = 20;

/// `-?[0-9]+`.
fn integer_text(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A row id of the `serial` columns: 1..=2^31-1.
fn row_id(n: i64) -> Option<i32> {
    i32::try_from(n).ok().filter(|n| *n >= 1)
}

/// The `:id` of a path: 400 when it is not an integer; `None` for an integer that no row can
/// have (below 1 or beyond `integer`), which the routes answer with 404 without a query.
pub fn path_id(segment: &str) -> Result<Option<i32>, ApiError> {
    if !integer_text(segment) {
        return Err(ApiError::invalid("id", "id must be an integer"));
    }
    // All digits but too long for i64: an integer, and certainly no row's id.
    Ok(segment.parse::<i64>().ok().and_then(row_id))
}

/// `?limit=N&cursor=ID` of `GET /users`.
#[derive(Debug)]
pub struct Page {
    pub limit: i64,
    pub cursor: Option<i32>,
}

pub fn page(url: &Url) -> Result<Page, ApiError> {
    let limit = query_int(url, "limit", 1, LIMIT_MAX)?.unwrap_or(LIMIT_DEFAULT);
    let cursor = query_int(url, "cursor", 0, i64::from(i32::MAX))?.and_then(|n| i32::try_from(n).ok());
    Ok(Page { limit, cursor })
}

/// An optional query parameter: decimal digits only (no sign, space or fraction), in min..=max.
fn query_int(url: &Url, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
    let Some((_, value)) = url.query_pairs().find(|(k, _)| k == name) else {
        return Ok(None);
    };
    match value.parse::<i64>() {
        Ok(n) if value.bytes().all(|b| b.is_ascii_digit()) && (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(ApiError::invalid(name, format!("{name} must be an integer from {min} to {max}"))),
    }
}

/// The body as a JSON object.
pub fn body_object(text: &str) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad_request("the body must be a JSON object")),
        Err(e) => Err(ApiError::bad_request(format!("malformed JSON body: {e}"))),
    }
}

fn string_of(value: &Value, field: &str, min: usize, max: usize) -> Result<String, ApiError> {
    match value {
        Value::String(s) if (min..=max).contains(&s.chars().count()) => Ok(s.clone()),
        _ => Err(ApiError::invalid(field, format!("{field} must be a string of {min} to {max} characters"))),
    }
}

fn name(value: &Value) -> Result<String, ApiError> {
    string_of(value, "name", 1, NAME_MAX)
}

fn email(value: &Value) -> Result<String, ApiError> {
    match value {
        Value::String(s) if s.contains('@') => Ok(s.clone()),
        _ => Err(ApiError::invalid("email", "email must be a string containing \"@\"")),
    }
}

fn required<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a Value, ApiError> {
    body.get(field).ok_or_else(|| ApiError::invalid(field, format!("{field} is required")))
}

/// The body of `POST /users`.
#[derive(Debug)]
pub struct NewUser {
    pub name: String,
    pub email: String,
}

pub fn new_user(body: &Map<String, Value>) -> Result<NewUser, ApiError> {
    Ok(NewUser { name: name(required(body, "name")?)?, email: email(required(body, "email")?)? })
}

/// The body of `PATCH /users/:id`: at least one of the two.
#[derive(Debug)]
pub struct UserPatch {
    pub name: Option<String>,
    pub email: Option<String>,
}

pub fn user_patch(body: &Map<String, Value>) -> Result<UserPatch, ApiError> {
    let patch =
        UserPatch { name: body.get("name").map(name).transpose()?, email: body.get("email").map(email).transpose()? };
    if patch.name.is_none() && patch.email.is_none() {
        return Err(ApiError::bad_request("nothing to update: give name and/or email"));
    }
    Ok(patch)
}

/// The body of `POST /posts/batch`.
#[derive(Debug)]
pub struct NewPosts {
    /// `None`: an integer no user can have (answered with 404).
    pub user_id: Option<i32>,
    pub posts: Vec<NewPost>,
}

#[derive(Debug)]
pub struct NewPost {
    pub title: String,
    /// `None`: the column's default (`''`).
    pub body: Option<String>,
}

/// A JSON integer naming a row (`field` in errors): 400 unless it is an integer; `None` for one no
/// row can have.
fn body_id(body: &Map<String, Value>, field: &str) -> Result<Option<i32>, ApiError> {
    match required(body, field)? {
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Ok(row_id(i)),
            // `1.0` is the integer 1 (as in JavaScript); beyond i64, no row's id.
            (None, Some(f)) if f.is_finite() && f.fract() == 0.0 => Ok(row_id(f as i64)),
            _ => Err(ApiError::invalid(field, format!("{field} must be an integer"))),
        },
        _ => Err(ApiError::invalid(field, format!("{field} must be an integer"))),
    }
}

/// The body of `POST /users/merge`: two different users (`None`: an integer no user can have).
#[derive(Debug)]
pub struct Merge {
    pub from: Option<i32>,
    pub into: Option<i32>,
}

pub fn merge(body: &Map<String, Value>) -> Result<Merge, ApiError> {
    let from = body_id(body, "from")?;
    let into = body_id(body, "into")?;
    // compared as JSON numbers (`3` and `3.0` are the same user), as JavaScript compares them
    if body.get("from").and_then(Value::as_f64) == body.get("into").and_then(Value::as_f64) {
        return Err(ApiError::invalid("into", "from and into must be different users"));
    }
    Ok(Merge { from, into })
}

pub fn new_posts(body: &Map<String, Value>) -> Result<NewPosts, ApiError> {
    let user_id = body_id(body, "userId")?;
    let items = match required(body, "posts")? {
        Value::Array(items) if (1..=POSTS_MAX).contains(&items.len()) => items,
        _ => return Err(ApiError::invalid("posts", format!("posts must be an array of 1 to {POSTS_MAX} posts"))),
    };
    let posts = items.iter().enumerate().map(|(i, item)| new_post(i, item)).collect::<Result<_, _>>()?;
    Ok(NewPosts { user_id, posts })
}

fn new_post(i: usize, item: &Value) -> Result<NewPost, ApiError> {
    let Value::Object(post) = item else {
        return Err(ApiError::invalid(format!("posts[{i}]"), format!("posts[{i}] must be an object")));
    };
    let field = format!("posts[{i}].title");
    let title = match post.get("title") {
        Some(v) => string_of(v, &field, 1, TITLE_MAX)?,
        None => return Err(ApiError::invalid(&field, format!("{field} is required"))),
    };
    let body = match post.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(ApiError::invalid(format!("posts[{i}].body"), format!("posts[{i}].body must be a string")))
        }
    };
    Ok(NewPost { title, body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    fn field_of<T: std::fmt::Debug>(r: Result<T, ApiError>) -> Option<String> {
        r.expect_err("an error").field
    }

    #[test]
    fn path_ids() {
        assert_eq!(path_id("42").ok(), Some(Some(42)));
        assert_eq!(path_id("0").ok(), Some(None));
        assert_eq!(path_id("-3").ok(), Some(None));
        assert_eq!(path_id("2147483648").ok(), Some(None));
        assert_eq!(path_id("99999999999999999999999").ok(), Some(None));
        for bad in ["", "-", "abc", "1.5", "1e3", " 1", "+1", "١"] {
            assert_eq!(path_id(bad).map_err(|e| e.status).err(), Some(400), "{bad:?}");
        }
    }

    #[test]
    fn pages() {
        let page_of = |q: &str| page(&Url::parse(&format!("http://x/users?{q}")).expect("url"));
        let p = page_of("").expect("default");
        assert_eq!((p.limit, p.cursor), (LIMIT_DEFAULT, None));
        let p = page_of("limit=100&cursor=0").expect("bounds");
        assert_eq!((p.limit, p.cursor), (100, Some(0)));
        for (q, field) in
            [("limit=0", "limit"), ("limit=+5", "limit"), ("cursor=-1", "cursor"), ("cursor=2147483648", "cursor")]
        {
            assert_eq!(field_of(page_of(q)).as_deref(), Some(field), "{q}");
        }
    }

    #[test]
    fn bodies() {
        assert!(body_object("[1]").is_err() && body_object("{").is_err());
        let u = new_user(&object(json!({"name": "é".repeat(100), "email": "a@b"}))).expect("valid");
        assert_eq!(u.name.chars().count(), 100);
        assert_eq!(
            field_of(new_user(&object(json!({"name": "x".repeat(101), "email": "a@b"})))).as_deref(),
            Some("name")
        );
        assert_eq!(field_of(user_patch(&object(json!({"email": "nope"})))).as_deref(), Some("email"));
        assert!(user_patch(&object(json!({}))).is_err());

        let p = new_posts(&object(json!({"userId": 1.0, "posts": [{"title": "t", "body": null}]}))).expect("valid");
        assert_eq!((p.user_id, p.posts[0].body.as_deref()), (Some(1), None));
        let p = new_posts(&object(json!({"userId": 1e12, "posts": [{"title": "t"}]}))).expect("valid");
        assert_eq!(p.user_id, None);
        let cases = [
            (json!({"userId": 1.5, "posts": [{"title": "t"}]}), "userId"),
            (json!({"userId": 1, "posts": []}), "posts"),
            (json!({"userId": 1, "posts": [{"title": "t"}, 3]}), "posts[1]"),
            (json!({"userId": 1, "posts": [{"title": ""}]}), "posts[0].title"),
            (json!({"userId": 1, "posts": [{"title": "t", "body": 1}]}), "posts[0].body"),
        ];
        for (body, field) in cases {
            assert_eq!(field_of(new_posts(&object(body))).as_deref(), Some(field));
        }
    }

    #[test]
    fn merge_needs_two_different_integers() {
        let ok = merge(&object(json!({ "from": 3, "into": 4.0 }))).unwrap();
        assert_eq!((ok.from, ok.into), (Some(3), Some(4)));
        // integers no row can have are valid input (the route answers 404)
        let far = merge(&object(json!({ "from": -1, "into": 1e12 }))).unwrap();
        assert_eq!((far.from, far.into), (None, None));
        for (body, field) in [
            (json!({ "from": 3, "into": 3 }), "into"),
            (json!({ "from": 3, "into": 3.0 }), "into"),
            (json!({ "into": 3 }), "from"),
            (json!({ "from": 3, "into": "4" }), "into"),
            (json!({ "from": 1.5, "into": 4 }), "from"),
        ] {
            assert_eq!(field_of(merge(&object(body.clone()))).as_deref(), Some(field), "{body}");
        }
    }
}
