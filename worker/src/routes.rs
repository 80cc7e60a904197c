//! The routes of `docs/worker-api.md`: workers-rs's `Router` (404 for an unknown path, 405 with
//! `Allow` for a known path with another method, both as JSON errors) and one handler per route.

#[cfg(target_arch = "wasm32")]
use edgepg::driver::ws::TransactionConfig;
use edgepg::driver::{Executable, Prepared};
use edgepg::pg::*;
use serde::Serialize;
use worker::{Context, Env, Method, Request, Response, RouteContext, Router};

use crate::error::{json, ApiError, OnForeignKey};
use crate::model::{posts, users, Post, User};
use crate::validate::{self, NewPosts, NewUser, UserPatch};

type Reply = Result<Response, ApiError>;

/// Answers one request; every failure becomes a JSON error response.
pub async fn handle(req: Request, env: Env, ctx: Context) -> worker::Result<Response> {
    let router = Router::with_data(ctx)
        .get_async("/health", |_, c| async move { reply(health(&c.env).await) })
        .get_async("/users", |req, c| async move { reply(list_users(&req, &c.env).await) })
        .post_async("/users", |mut req, c| async move { reply(create_user(&mut req, &c.env).await) })
        .get_async("/users/:id", |req, c| async move { reply(async { get_user(id(&c)?, &req, &c.env).await }.await) })
        .patch_async("/users/:id", |mut req, c| async move {
            reply(async { update_user(id(&c)?, &mut req, &c.env).await }.await)
        })
        .delete_async("/users/:id", |_, c| async move { reply(async { delete_user(id(&c)?, &c.env).await }.await) })
        .get_async("/users/:id/posts", |_, c| async move { reply(async { user_posts(id(&c)?, &c.env).await }.await) })
        .post_async("/posts/batch", |mut req, c| async move { reply(create_posts(&mut req, &c.env).await) })
        .post_async("/admin/migrate", |req, c| async move { reply(admin_migrate(&req, &c.env).await) });
    #[cfg(target_arch = "wasm32")]
    let router = router
        .post_async("/users/merge", |mut req, c| async move { reply(merge_users(&mut req, &c.env, &c.data).await) });
    let router = [
        ("/health", "GET"),
        ("/users", "GET, POST"),
        ("/users/merge", "POST"),
        ("/users/:id", "GET, PATCH, DELETE"),
        ("/users/:id/posts", "GET"),
        ("/posts/batch", "POST"),
        ("/admin/migrate", "POST"),
    ]
    .into_iter()
    .fold(router, |r, (pattern, allow)| not_allowed(r, pattern, allow))
    .or_else_any_method_async("/", |_, _| async { ApiError::not_found("not found").into_response() })
    .or_else_any_method_async("/*path", |_, _| async { ApiError::not_found("not found").into_response() });
    router.run(req, env).await
}

/// A handler's result as the Router wants it: errors as JSON responses.
fn reply(r: Reply) -> worker::Result<Response> {
    r.or_else(ApiError::into_response)
}

/// The `:id` of the route (400 unless it is an integer; `None` for one no row can have).
fn id(c: &RouteContext<Context>) -> Result<Option<i32>, ApiError> {
    validate::path_id(c.param("id").map_or("", String::as_str))
}

/// Registers `pattern`'s other methods: 405 with `Allow: allow` (the Router's own 405 is plain
/// text, without `Allow`).
fn not_allowed<'a>(router: Router<'a, Context>, pattern: &str, allow: &'static str) -> Router<'a, Context> {
    let handler =
        move |_: Request, _: RouteContext<Context>| async move { ApiError::method_not_allowed(allow).into_response() };
    let mut r = router;
    for m in [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete] {
        if allow.split(", ").any(|a| a == m.as_ref()) {
            continue;
        }
        r = match m {
            Method::Get => r.get_async(pattern, handler),
            Method::Post => r.post_async(pattern, handler),
            Method::Put => r.put_async(pattern, handler),
            Method::Patch => r.patch_async(pattern, handler),
            _ => r.delete_async(pattern, handler),
        };
    }
    r
}

fn respond<T: Serialize>(status: u16, body: &T) -> Reply {
    json(status, body).map_err(|e| ApiError::internal_logged(&e))
}

/// Database errors of every route but `POST /posts/batch`.
fn db_error(e: edgepg::Error) -> ApiError {
    ApiError::from_db(e, OnForeignKey::Conflict)
}

fn user_not_found() -> ApiError {
    ApiError::not_found("user not found")
}

async fn body_of(req: &mut Request) -> Result<serde_json::Map<String, serde_json::Value>, ApiError> {
    let text = req.text().await.map_err(|e| ApiError::bad_request(format!("cannot read the body: {e}")))?;
    validate::body_object(&text)
}

/// `GET /health`: `select 1` through the driver.
async fn health(env: &Env) -> Reply {
    #[derive(Serialize)]
    struct Health {
        ok: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        database: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<ApiError>,
    }
    let checked = match crate::database(env) {
        Ok(db) => db.execute(sql!("select 1")).await.map(|_| ()).map_err(db_error),
        Err(e) => Err(e),
    };
    match checked {
        Ok(()) => respond(200, &Health { ok: true, database: Some(true), error: None }),
        Err(e) => respond(503, &Health { ok: false, database: None, error: Some(e) }),
    }
}

/// `GET /users?limit=N&cursor=ID`: a page of users by id.
async fn list_users(req: &Request, env: &Env) -> Reply {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Page {
        users: Vec<User>,
        next_cursor: Option<i32>,
    }
    let url = req.url().map_err(|e| ApiError::bad_request(format!("bad URL: {e}")))?;
    let page = validate::page(&url)?;
    let db = crate::database(env)?;
    let mut query = select().from(users::TABLE);
    if let Some(cursor) = page.cursor {
        query = query.filter(gt(users::id, cursor));
    }
    let rows: Vec<users::Row> = db.all(query.order_by([asc(users::id)]).limit(page.limit)).await.map_err(db_error)?;
    let full = i64::try_from(rows.len()).is_ok_and(|n| n == page.limit);
    let next_cursor = if full { rows.last().map(|u| u.id) } else { None };
    respond(200, &Page { users: rows.into_iter().map(User::from).collect(), next_cursor })
}

/// `POST /users`.
async fn create_user(req: &mut Request, env: &Env) -> Reply {
    let NewUser { name, email } = validate::new_user(&body_of(req).await?)?;
    let db = crate::database(env)?;
    let row: Option<users::Row> = db
        .first(insert(users::TABLE).values([users::Insert { id: None, name, email, created_at: None }]).returning())
        .await
        .map_err(db_error)?;
    let user = row.ok_or_else(|| ApiError::internal_logged(&"insert … returning gave no row"))?;
    respond(201, &User::from(user))
}

/// `GET /users/:id` (`?with=posts`: the user with their posts, one relational query).
async fn get_user(id: Option<i32>, req: &Request, env: &Env) -> Reply {
    let url = req.url().map_err(|e| ApiError::bad_request(format!("bad URL: {e}")))?;
    let with = url.query_pairs().find(|(k, _)| k == "with").map(|(_, v)| v.into_owned());
    let id = match (id, with.as_deref()) {
        (_, Some(w)) if w != "posts" => return Err(ApiError::invalid("with", "with must be \"posts\"")),
        (Some(id), Some(_)) => return user_with_posts(id, env).await,
        (id, _) => id.ok_or_else(user_not_found)?,
    };
    let db = crate::database(env)?;
    let row: Option<users::Row> =
        db.first(select().from(users::TABLE).filter(eq(users::id, id))).await.map_err(db_error)?;
    respond(200, &User::from(row.ok_or_else(user_not_found)?))
}

/// `GET /users/:id?with=posts`: drizzle's `db.query.users.findFirst({ with: { posts } })`.
async fn user_with_posts(id: i32, env: &Env) -> Reply {
    use edgepg::relational::FindConfig;
    #[derive(Serialize)]
    struct UserWithPosts {
        #[serde(flatten)]
        user: User,
        posts: Vec<Post>,
    }
    let q = crate::model::relations()
        .find_first(
            "users",
            FindConfig::new()
                .filter_with(move |u| eq(users::id.of(u), id))
                .with("posts", FindConfig::new().order_by_with(|p| vec![asc(posts::id.of(p))])),
        )
        .map_err(|e| ApiError::internal_logged(&e))?;
    let db = crate::database(env)?;
    let row: Option<crate::model::UserWithPostsRow> = db.find_first(&q).await.map_err(db_error)?;
    let row = row.ok_or_else(user_not_found)?;
    let posts = row.posts.into_iter().map(Post::from).collect();
    respond(200, &UserWithPosts { user: User::from(row.user), posts })
}

/// `PATCH /users/:id`: `name` and/or `email`.
async fn update_user(id: Option<i32>, req: &mut Request, env: &Env) -> Reply {
    let UserPatch { name, email } = validate::user_patch(&body_of(req).await?)?;
    let id = id.ok_or_else(user_not_found)?;
    let mut set = SetValues::new();
    if let Some(name) = name {
        set = set.col(users::name, name);
    }
    if let Some(email) = email {
        set = set.col(users::email, email);
    }
    let db = crate::database(env)?;
    let row: Option<users::Row> =
        db.first(update(users::TABLE).set(set).filter(eq(users::id, id)).returning()).await.map_err(db_error)?;
    respond(200, &User::from(row.ok_or_else(user_not_found)?))
}

/// `DELETE /users/:id` (their posts go with them: `on delete cascade`).
async fn delete_user(id: Option<i32>, env: &Env) -> Reply {
    let id = id.ok_or_else(user_not_found)?;
    let db = crate::database(env)?;
    let done = db.execute(delete(users::TABLE).filter(eq(users::id, id))).await.map_err(db_error)?;
    if done.row_count == Some(0) {
        return Err(user_not_found());
    }
    Response::empty().map(|r| r.with_status(204)).map_err(|e| ApiError::internal_logged(&e))
}

/// `GET /users/:id/posts`: the user's existence and their posts in one batch (one request).
async fn user_posts(id: Option<i32>, env: &Env) -> Reply {
    #[derive(Serialize)]
    struct Posts {
        posts: Vec<Post>,
    }
    let id = id.ok_or_else(user_not_found)?;
    let prepare = |q: &dyn Executable| q.prepare().map_err(|e| ApiError::internal_logged(&e));
    let statements: [Prepared; 2] = [
        prepare(&select_fields(fields![id: users::id]).from(users::TABLE).filter(eq(users::id, id)))?,
        prepare(&select().from(posts::TABLE).filter(eq(posts::user_id, id)).order_by([asc(posts::id)]))?,
    ];
    let db = crate::database(env)?;
    let results = db.batch(&statements).await.map_err(db_error)?;
    match results.as_slice() {
        [user, posts] if !user.rows.is_empty() => {
            let rows: Vec<posts::Row> = posts.all().map_err(db_error)?;
            respond(200, &Posts { posts: rows.into_iter().map(Post::from).collect() })
        }
        [_, _] => Err(user_not_found()),
        _ => Err(ApiError::internal_logged(&"the batch gave an unexpected number of results")),
    }
}

/// `POST /users/merge` `{"from", "into"}`: in ONE interactive transaction over a WebSocket,
/// `from`'s posts move to `into` and `from` is deleted. Either user missing: 404, and the
/// transaction is rolled back (nothing changed). The connection lives for this request only
/// (a WebSocket cannot outlive it): it is closed after the response, with `ctx.wait_until`.
#[cfg(target_arch = "wasm32")]
async fn merge_users(req: &mut Request, env: &Env, ctx: &Context) -> Reply {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Merged {
        into: i32,
        moved_posts: u64,
        deleted_users: u64,
    }
    let validate::Merge { from, into } = validate::merge(&body_of(req).await?)?;
    let (Some(from), Some(into)) = (from, into) else { return Err(user_not_found()) };
    let mut db = crate::websocket(env).await?;
    let merged = db
        .transaction(TransactionConfig::default(), async |tx| {
            // both rows locked until commit: neither can be deleted or merged meanwhile
            let found = tx
                .execute(
                    select_fields(fields![id: users::id])
                        .from(users::TABLE)
                        .filter(in_array(users::id, [from, into]))
                        .for_(LockStrength::Update, LockOptions::new()),
                )
                .await?;
            if found.rows.len() != 2 {
                return Err(user_not_found()); // rolls the transaction back
            }
            let moved = tx
                .execute(
                    update(posts::TABLE)
                        .set(SetValues::new().col(posts::user_id, into))
                        .filter(eq(posts::user_id, from)),
                )
                .await?;
            let deleted = tx.execute(delete(users::TABLE).filter(eq(users::id, from))).await?;
            Ok(Merged {
                into,
                moved_posts: moved.row_count.unwrap_or(0),
                deleted_users: deleted.row_count.unwrap_or(0),
            })
        })
        .await;
    ctx.wait_until(async move { db.end().await });
    respond(200, &merged?)
}

/// `POST /posts/batch`: every insert in ONE `db.batch` (one HTTP request, one transaction).
async fn create_posts(req: &mut Request, env: &Env) -> Reply {
    #[derive(Serialize)]
    struct Posts {
        posts: Vec<Post>,
    }
    let NewPosts { user_id, posts: new } = validate::new_posts(&body_of(req).await?)?;
    let user_id = user_id.ok_or_else(user_not_found)?;
    let inserts: Vec<_> = new
        .into_iter()
        .map(|p| {
            let row = posts::Insert { id: None, user_id, title: p.title, body: p.body, created_at: None };
            insert(posts::TABLE).values([row]).returning()
        })
        .collect();
    let db = crate::database(env)?;
    // 23503 (the user does not exist) → 404.
    let results = db.batch(&inserts).await.map_err(|e| ApiError::from_db(e, OnForeignKey::NotFound))?;
    let mut created = Vec::with_capacity(results.len());
    for r in &results {
        let row: posts::Row =
            r.first().map_err(db_error)?.ok_or_else(|| ApiError::internal_logged(&"insert … returning gave no row"))?;
        created.push(Post::from(row));
    }
    respond(201, &Posts { posts: created })
}

/// `POST /admin/migrate`: applies the drizzle-kit folder `worker/drizzle/`, embedded at build time,
/// all pending migrations in ONE transaction (one HTTP request). Needs `Authorization: Bearer
/// <ADMIN_TOKEN>`; refused (403) while the `ADMIN_TOKEN` secret is not set.
async fn admin_migrate(req: &Request, env: &Env) -> Reply {
    use edgepg::migrate::{migrate_http, MigrateConfig, Migrations};
    #[derive(Serialize)]
    struct Applied {
        applied: Vec<String>,
    }
    let token = env.secret("ADMIN_TOKEN").map(|s| s.to_string()).ok().filter(|s| !s.is_empty());
    let Some(token) = token else {
        return Err(ApiError::new(403, "admin routes are disabled: set the ADMIN_TOKEN secret"));
    };
    let given = req.headers().get("authorization").ok().flatten().unwrap_or_default();
    if !same_secret(given.as_bytes(), format!("Bearer {token}").as_bytes()) {
        return Err(ApiError::new(401, "a valid Authorization: Bearer <ADMIN_TOKEN> is required"));
    }
    let migrations = Migrations::from_files(include_str!("../drizzle/meta/_journal.json"), |tag| {
        (tag == "0000_users_and_posts").then(|| include_str!("../drizzle/0000_users_and_posts.sql").to_owned())
    })
    .map_err(|e| ApiError::internal_logged(&e))?;
    let db = crate::database(env)?;
    match migrate_http(&db, &migrations, &MigrateConfig::default()).await {
        Ok(applied) => respond(200, &Applied { applied }),
        Err(e @ edgepg::Error::Migration { .. }) => {
            worker::console_error!("{e}");
            let mut err = ApiError::new(500, e.to_string());
            err.code = e.code().map(str::to_owned);
            Err(err)
        }
        Err(e) => Err(db_error(e)),
    }
}

/// Compares secrets in time independent of where they differ (the length is not secret).
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
