//! The tables (the schema of `docs/worker-api.md`) and the JSON shapes of the API.

use serde::Serialize;

edgepg::pg_table! {
    pub users = "users" {
        id: serial("id").primary_key(),
        name: text("name").not_null(),
        email: text("email").not_null().unique(),
        created_at: timestamp("created_at").with_timezone().default_now().not_null(),
    }
}

edgepg::pg_table! {
    pub posts = "posts" {
        id: serial("id").primary_key(),
        user_id: integer("user_id").not_null().references("users", "id"),
        title: text("title").not_null(),
        body: text("body").not_null().default(""),
        created_at: timestamp("created_at").with_timezone().default_now().not_null(),
    }
}

edgepg::pg_relations! {
    /// The relations of the schema (drizzle's `relations()`): a user's posts, a post's author.
    pub fn relations(users, posts) {
        users.posts = many(posts);
        posts.author = one(users, [user_id] => [id]);
    }
}

/// A user with their posts, as a relational query returns it: the nested posts' timestamps are
/// JSON (`2026-04-01T12:34:56.789+00:00`), the user's PostgreSQL's text.
#[derive(Debug, serde::Deserialize)]
pub struct UserWithPostsRow {
    #[serde(flatten)]
    pub user: users::Row,
    pub posts: Vec<posts::Row>,
}

/// `User` of the API.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub created_at: String,
}

impl From<users::Row> for User {
    fn from(r: users::Row) -> Self {
        User { id: r.id, name: r.name, email: r.email, created_at: iso_timestamp(&r.created_at) }
    }
}

/// `Post` of the API.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    pub id: i32,
    pub user_id: i32,
    pub title: String,
    pub body: String,
    pub created_at: String,
}

impl From<posts::Row> for Post {
    fn from(r: posts::Row) -> Self {
        Post { id: r.id, user_id: r.user_id, title: r.title, body: r.body, created_at: iso_timestamp(&r.created_at) }
    }
}

/// PostgreSQL's text of a `timestamptz` (`2026-04-01 12:34:56.789012+00`, in the session's time
/// zone) as JavaScript's `Date.prototype.toISOString()` writes it (`2026-04-01T12:34:56.789Z`),
/// which is what a TypeScript Worker returning a `Date` sends (edgepg's pg-types-compatible
/// decoding does the work). Text that does not parse is returned unchanged.
pub fn iso_timestamp(pg: &str) -> String {
    use edgepg::types::{decode_text, js_value, oid, JsForm};
    // a timestamp nested in JSON (relational queries) has a `T` between date and time
    let text = pg.replacen('T', " ", 1);
    match decode_text(oid::TIMESTAMPTZ, &text).map(|v| js_value(oid::TIMESTAMPTZ, &v)) {
        Ok(JsForm::Date(d)) => d.to_iso_string().unwrap_or_else(|| pg.to_string()),
        _ => pg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::iso_timestamp;

    #[test]
    fn timestamptz_text_becomes_iso_8601_utc() {
        assert_eq!(iso_timestamp("2026-04-01 12:34:56.789012+00"), "2026-04-01T12:34:56.789Z");
        assert_eq!(iso_timestamp("2026-04-01 12:34:56+00"), "2026-04-01T12:34:56.000Z");
        assert_eq!(iso_timestamp("2026-04-01 00:30:00.5+02"), "2026-03-31T22:30:00.500Z");
        assert_eq!(iso_timestamp("2024-02-29 23:00:00-05:30"), "2024-03-01T04:30:00.000Z");
        assert_eq!(iso_timestamp("1970-01-01 00:00:00+00"), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_timestamp("infinity"), "infinity");
        assert_eq!(iso_timestamp("2026-04-01T12:34:56.789012+00:00"), "2026-04-01T12:34:56.789Z");
        // No offset (PostgreSQL always prints one for timestamptz): read as UTC, like pg-types in UTC.
        assert_eq!(iso_timestamp("2026-04-01 12:34:56"), "2026-04-01T12:34:56.000Z");
        assert_eq!(iso_timestamp("99999999999999999-01-01 00:00:00+00"), "99999999999999999-01-01 00:00:00+00");
        assert_eq!(iso_timestamp("not a timestamp"), "not a timestamp");
    }
}
