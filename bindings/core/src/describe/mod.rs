//! Statements described as typed JSON: how the npm package's facade hands a query to the core
//! in ONE crossing (the JS builders only record what was called; this module replays it on the
//! Rust builders, so there is still one renderer). The contract — every node, statement, table
//! and relation the facade may write — is [`contract`], read by serde; this module keeps the
//! registry of tables and the cache of rendered statement shapes.
//!
//! Tables are defined once ([`Registry::define_table`]) and referred to by id.

pub mod contract;
pub(crate) mod json;
mod relational;
mod schema;
mod statement;

use std::collections::HashMap;

use edgepg::driver::{Executable, Prepared};
use edgepg::query::{Count, Delete, Insert, Select, Update};
use edgepg::schema::Table;
use edgepg::sql::Sql;
use edgepg::types::Value;
use edgepg::{Error, Result};

pub use statement::Statement;

/// Tables defined by the JS side, by id, and rendered statement shapes.
#[derive(Default, Debug)]
pub struct Registry {
    tables: Vec<Table>,
    /// The `casing` of the statement being described (its description's root `"casing"`).
    casing: std::cell::Cell<Option<edgepg::schema::Casing>>,
    /// Relational schemas (`defineRelations`), by id.
    relations: Vec<edgepg::relational::Relations>,
    /// Tables with a casing applied, made on first use (few: a list).
    cased: std::cell::RefCell<Vec<((u64, edgepg::schema::Casing), Table)>>,
    shapes: HashMap<u32, Prepared>,
    shape_ids: HashMap<String, u32>,
    /// The id the next new shape gets. Ids are never reused, not even after
    /// [`clear_shapes`](Registry::clear_shapes): a caller still holding an old id gets an
    /// "unknown shape" error, never another statement's SQL.
    next_shape: u32,
}

/// Prefix of slot placeholder names (`\u{1}0`, `\u{1}1`, …: cannot collide with a user's placeholder).
pub const SLOT: char = '\u{1}';

pub(crate) fn slot_name(i: u64) -> String {
    format!("{SLOT}{i}")
}

/// The value of slot placeholder `name` (`None` for a user's placeholder or a slot out of range).
fn slot_value<'v>(name: &str, values: &'v [Value]) -> Option<&'v Value> {
    name.strip_prefix(SLOT).and_then(|i| i.parse::<usize>().ok()).and_then(|i| values.get(i))
}

/// Shapes kept at most; the cache starts over beyond (a program that builds unbounded distinct
/// SQL, e.g. with `sql.raw` of data, must not grow memory without bound). The npm facade keeps a
/// smaller limit of its own and clears both caches together, so this one is only a backstop.
const MAX_SHAPES: usize = 1 << 16;

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The table with this id (with the casing of the statement being described, if any).
    pub fn table(&self, id: u64) -> Result<Table> {
        let t = usize::try_from(id)
            .ok()
            .and_then(|i| self.tables.get(i))
            .ok_or_else(|| bad(format!("unknown table id {id}")))?;
        let Some(casing) = self.casing.get() else { return Ok(t.clone()) };
        let mut cased = self.cased.borrow_mut();
        if let Some((_, c)) = cased.iter().find(|(k, _)| *k == (id, casing)) {
            return Ok(c.clone());
        }
        let c = t.with_casing(casing);
        cased.push(((id, casing), c.clone()));
        Ok(c)
    }

    /// Registers an alias of table `id` (drizzle's `alias(table, name)`); returns its id.
    pub fn alias(&mut self, id: u64, alias: &str) -> Result<u32> {
        let t = self.table(id)?.alias(alias);
        self.push(t)
    }

    /// A statement SHAPE: its description with every value replaced by a slot `{"p": i}`.
    /// Rendered once and cached by its text; returns its id and whether it was new.
    /// [`fill_shape`](Registry::fill_shape) gives the parameters for the slots' values.
    ///
    /// ```
    /// use edgepg::Value;
    /// use edgepg_js::describe::Registry;
    /// let mut r = Registry::new();
    /// r.define_table_json(r#"{"name": "t", "columns": [{"key": "id", "name": "id", "type": "integer"}]}"#)?;
    /// let key = r#"{"k":"select","from":{"t":0},"where":{"f":"eq","a":[{"c":[0,"id"]},{"p":0}]}}"#;
    /// let (id, _) = r.shape(key)?;
    /// assert_eq!(r.shape_query(id)?.query().sql, r#"select "id" from "t" where "t"."id" = $1"#);
    /// assert_eq!(r.fill_shape(id, &[Value::Int(7)])?, vec![Value::Int(7)]);
    /// assert_eq!(r.shape(key)?, (id, false));
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn shape(&mut self, key: &str) -> Result<(u32, bool)> {
        if let Some(id) = self.shape_ids.get(key) {
            return Ok((*id, false));
        }
        let j = contract::parse(key)?;
        let desc = contract::Statement::read(&j)?;
        let casing = match desc.casing()? {
            Some(c) => Some(edgepg::schema::Casing::from_js(c).ok_or_else(|| bad(format!("unknown casing {c:?}")))?),
            None => None,
        };
        self.casing.set(casing);
        let prepared = self.statement(desc).and_then(|s| s.prepare());
        self.casing.set(None);
        let prepared = prepared?;
        if self.shapes.len() >= MAX_SHAPES {
            self.clear_shapes();
        }
        let id = self.next_shape;
        self.next_shape = id.checked_add(1).ok_or_else(|| bad("too many statement shapes"))?;
        self.shapes.insert(id, prepared);
        self.shape_ids.insert(key.to_owned(), id);
        Ok((id, true))
    }

    /// The rendered statement of shape `id`; an error once the shape was evicted (ids are never
    /// reused, so an old id can never name another statement).
    pub fn shape_query(&self, id: u32) -> Result<&Prepared> {
        self.shapes.get(&id).ok_or_else(|| bad(format!("unknown statement shape {id} (the cache was reset)")))
    }

    /// Parameters of shape `id` for these slot values (encoded by the columns they are bound to),
    /// plus named placeholders.
    pub fn fill_shape_named(&self, id: u32, values: &[Value], named: &HashMap<String, Value>) -> Result<Vec<Value>> {
        self.shape_query(id)?.query().fill_by(|name| slot_value(name, values).or_else(|| named.get(name)))
    }

    /// The parameters of shape `id` as `.toSQL()` shows them: slots filled (and encoded), named
    /// placeholders left as placeholders.
    pub fn shape_params(&self, id: u32, values: &[Value]) -> Result<Vec<edgepg::QueryParam>> {
        let params = self.shape_query(id)?.query().fill_some(|name| slot_value(name, values))?;
        match params.iter().find_map(|p| match p {
            edgepg::QueryParam::Placeholder(name) if name.starts_with(SLOT) => Some(name.clone()),
            _ => None,
        }) {
            Some(slot) => Err(Error::MissingPlaceholder(slot)),
            None => Ok(params),
        }
    }

    /// [`fill_shape_named`](Registry::fill_shape_named) without named placeholders.
    pub fn fill_shape(&self, id: u32, values: &[Value]) -> Result<Vec<Value>> {
        self.fill_shape_named(id, values, &HashMap::new())
    }

    /// Forgets every cached shape.
    pub fn clear_shapes(&mut self) {
        self.shapes.clear();
        self.shape_ids.clear();
    }

    fn push(&mut self, t: Table) -> Result<u32> {
        let id = u32::try_from(self.tables.len()).map_err(|_| bad("too many tables"))?;
        self.tables.push(t);
        Ok(id)
    }
}

/// A described statement, ready to render or execute.
impl Executable for Statement {
    fn prepare(&self) -> Result<Prepared> {
        match self {
            Statement::Select(s) => s.prepare(),
            Statement::Insert(s) => s.prepare(),
            Statement::Update(s) => s.prepare(),
            Statement::Delete(s) => s.prepare(),
            Statement::Sql(s) => s.prepare(),
            Statement::Count(s) => s.prepare(),
        }
    }
}

impl Statement {
    /// The rendered SQL (drizzle's `.toSQL()`).
    pub fn to_sql(&self) -> Result<edgepg::Query> {
        Ok(self.prepare()?.query().clone())
    }
}

#[allow(dead_code)]
fn _kinds(_: Select, _: Insert, _: Update, _: Delete, _: Sql, _: Count) {}

pub(crate) fn bad(msg: impl Into<String>) -> Error {
    Error::InvalidQuery(msg.into())
}

/// The start of a JSON value, for error messages.
pub(crate) fn short(j: &serde_json::Value) -> String {
    let s = j.to_string();
    if s.len() > 120 {
        format!("{}…", &s[..s.char_indices().nth(117).map_or(s.len(), |(i, _)| i)])
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reg() -> Registry {
        let mut r = Registry::new();
        r.define_table_json(
            &json!({"name": "users", "columns": [
            {"key": "id", "name": "id", "type": "serial", "primary": true},
            {"key": "name", "name": "name", "type": "text", "notNull": true},
            {"key": "age", "name": "age", "type": "integer"},
            {"key": "tags", "name": "tags", "type": "text", "array": [null]},
            {"key": "meta", "name": "meta", "type": "jsonb"}]})
            .to_string(),
        )
        .unwrap();
        r.define_table_json(
            &json!({"name": "posts", "columns": [
            {"key": "id", "name": "id", "type": "serial", "primary": true},
            {"key": "authorId", "name": "author_id", "type": "integer", "notNull": true}]})
            .to_string(),
        )
        .unwrap();
        r
    }

    fn sql(r: &Registry, j: serde_json::Value) -> (String, Vec<edgepg::QueryParam>) {
        let q = r.statement(contract::Statement::read(&j).unwrap()).unwrap().to_sql().unwrap();
        (q.sql, q.params)
    }

    #[test]
    fn select_with_join_and_operators() {
        let r = reg();
        let (s, p) = sql(
            &r,
            json!({"k": "select",
                "fields": [["name", {"c": [0, "name"]}], ["post", {"n": [["id", {"c": [1, "id"]}]]}]],
                "from": {"t": 0},
                "joins": [{"type": "left", "src": {"t": 1}, "on": {"f": "eq", "a": [{"c": [1, "authorId"]}, {"c": [0, "id"]}]}}],
                "where": {"f": "and", "a": [{"f": "gt", "a": [{"c": [0, "age"]}, {"v": 30}]},
                                             {"f": "inArray", "a": [{"c": [0, "id"]}, [{"v": 1}, {"v": 2}]]}]},
                "orderBy": [{"f": "desc", "a": [{"c": [0, "id"]}]}], "limit": {"v": 10}}),
        );
        assert_eq!(
            s,
            r#"select "users"."name", "posts"."id" from "users" left join "posts" on "posts"."author_id" = "users"."id" where ("users"."age" > $1 and "users"."id" in ($2, $3)) order by "users"."id" desc limit $4"#
        );
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn writes_and_templates() {
        let r = reg();
        let (s, p) = sql(
            &r,
            json!({"k": "insert", "table": 0, "rows": [[["name", {"v": "Ann"}], ["tags", {"v": ["a", "b"]}], ["meta", {"v": {"$json": {"x": 1}}}]]],
                "onConflict": {"do": "update", "target": [{"c": [0, "id"]}], "set": [["name", {"v": "B"}]]}, "returning": true}),
        );
        assert_eq!(
            s,
            r#"insert into "users" ("id", "name", "age", "tags", "meta") values (default, $1, default, $2, $3) on conflict ("id") do update set "name" = $4 returning "id", "name", "age", "tags", "meta""#
        );
        assert_eq!(p[1], edgepg::QueryParam::Value(edgepg::Value::Text("{\"a\",\"b\"}".into())));
        assert_eq!(p[2], edgepg::QueryParam::Value(edgepg::Value::Text("{\"x\":1}".into())));
        let (s, _) = sql(
            &r,
            json!({"k": "update", "table": 0, "set": [["age", {"v": 3}]], "where": {"f": "isNull", "a": [{"c": [0, "age"]}]}}),
        );
        assert_eq!(s, r#"update "users" set "age" = $1 where "users"."age" is null"#);
        let (s, p) = sql(
            &r,
            json!({"k": "sql", "s": ["select ", {"c": [0, "id"]}, " from ", {"t": 0}, " where x = ", {"v": {"$bigint": "9007199254740993"}}]}),
        );
        assert_eq!(s, r#"select "users"."id" from "users" where x = $1"#);
        assert_eq!(p, vec![edgepg::QueryParam::Value(edgepg::Value::BigInt(9007199254740993))]);
        let (s, _) = sql(
            &r,
            json!({"k": "count", "src": {"t": 0}, "where": {"f": "eq", "a": [{"c": [0, "name"]}, {"v": "x"}]}}),
        );
        assert_eq!(s, r#"select count(*) as count from "users" where "users"."name" = $1;"#);
    }

    #[test]
    fn bad_descriptions_are_errors() {
        let r = reg();
        for bad in [
            json!({"k": "nope"}),
            json!({"k": "select", "from": {"t": 9}}),
            json!({"k": "select", "from": {"t": 0}, "where": {"f": "frobnicate", "a": []}}),
            json!({"k": "select", "from": {"t": 0}, "where": {"c": [0, "nope"]}}),
            json!({"k": "select", "from": {"t": 0}, "limit": "x"}),
        ] {
            let d = contract::Statement::read(&bad);
            assert!(d.is_err() || r.statement(d.unwrap()).and_then(|s| s.to_sql()).is_err(), "{bad}");
        }
    }

    #[test]
    fn shape_ids_are_never_reused() {
        let mut r = reg();
        let a = r#"{"k":"select","from":{"t":0},"where":{"f":"eq","a":[{"c":[0,"id"]},{"p":0}]}}"#;
        let b = r#"{"k":"select","from":{"t":1},"where":{"f":"eq","a":[{"c":[1,"id"]},{"p":0}]}}"#;
        let (old, _) = r.shape(a).unwrap();
        r.clear_shapes();
        let (new, fresh) = r.shape(b).unwrap();
        assert!(fresh);
        assert_ne!(old, new, "an id handed out before a reset names no other shape");
        let e = r.fill_shape(old, &[Value::Int(1)]).unwrap_err();
        assert!(e.to_string().contains("unknown statement shape"), "{e}");
        let (again, fresh) = r.shape(a).unwrap();
        assert!(fresh && again != old && again != new);
        assert_eq!(
            r.shape_query(again).unwrap().query().sql,
            r#"select "id", "name", "age", "tags", "meta" from "users" where "users"."id" = $1"#
        );
    }
}
