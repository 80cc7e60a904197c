//! Relational queries (drizzle 0.45's `relations()` + `db.query.<table>.findMany/findFirst`):
//! relations between the tables of a schema, and the one-statement query drizzle builds for a
//! `findMany` config: each relation in `with` is a `left join lateral` subquery that aggregates
//! its rows as JSON (`json_build_array` per row, `json_agg` for `many`). The SQL is
//! byte-identical to drizzle's `buildRelationalQueryWithoutPK` (`tests/golden`, `relational/*`).
//!
//! ```
//! use edgepg::pg::*;
//! use edgepg::relational::{FindConfig, Relation, Relations};
//! let users = table("users").column("id", serial("id").primary_key()).column("name", text("name")).build();
//! let posts = table("posts").column("id", serial("id")).column("authorId", integer("author_id")).build();
//! let schema = Relations::new()
//!     .table("users", &users)
//!     .table("posts", &posts)
//!     .relation("users", "posts", Relation::many("posts"))
//!     .relation("posts", "author", Relation::one("users").fields(["authorId"]).references(["id"]));
//! let q = schema.find_many("users", FindConfig::new().columns([("id", true)]).with("posts", FindConfig::all()))?;
//! assert_eq!(
//!     q.to_sql()?.sql,
//!     r#"select "users"."id", "users_posts"."data" as "posts" from "users" "users" left join lateral (select coalesce(json_agg(json_build_array("users_posts"."id", "users_posts"."author_id")), '[]'::json) as "data" from "posts" "users_posts" where "users_posts"."author_id" = "users"."id") "users_posts" on true"#
//! );
//! # Ok::<(), edgepg::Error>(())
//! ```

mod build;

use std::sync::Arc;

use crate::query::Limit;
use crate::schema::{Column, Table};
use crate::sql::{Aliased, Sql};
use crate::{Error, Result};

pub use build::{RelationalQuery, SelectedField, SelectedKind};

/// A relation from one table to another (drizzle's `one(...)` / `many(...)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The key of the table it points to.
    pub referenced: String,
    /// `one` (at most one row) or `many`.
    pub kind: RelationKind,
    /// For `one`: the source table's columns (keys) …
    pub fields: Vec<String>,
    /// … and the referenced table's columns they equal.
    pub references: Vec<String>,
    /// Disambiguates two relations between the same tables (drizzle's `relationName`).
    pub relation_name: Option<String>,
}

/// `one` or `many`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// `one(table, { fields, references })`: a nested object (or `null`).
    One,
    /// `many(table)`: a nested array.
    Many,
}

impl Relation {
    /// `one(table)`; give it [`fields`](Relation::fields) and [`references`](Relation::references)
    /// unless the other side declares them.
    pub fn one(referenced: &str) -> Relation {
        Relation {
            referenced: referenced.into(),
            kind: RelationKind::One,
            fields: vec![],
            references: vec![],
            relation_name: None,
        }
    }
    /// `many(table)`: the other side's `one` says how the tables join.
    pub fn many(referenced: &str) -> Relation {
        Relation { kind: RelationKind::Many, ..Relation::one(referenced) }
    }
    /// The source table's columns (keys).
    pub fn fields<I: IntoIterator<Item = S>, S: Into<String>>(mut self, keys: I) -> Self {
        self.fields = keys.into_iter().map(Into::into).collect();
        self
    }
    /// The referenced table's columns (keys), in the same order as [`fields`](Relation::fields).
    pub fn references<I: IntoIterator<Item = S>, S: Into<String>>(mut self, keys: I) -> Self {
        self.references = keys.into_iter().map(Into::into).collect();
        self
    }
    /// `relationName`.
    pub fn relation_name(mut self, name: &str) -> Self {
        self.relation_name = Some(name.into());
        self
    }
}

/// The tables of a schema, by key, with their relations (drizzle's `{ schema }` with
/// `relations(...)`).
#[derive(Debug, Clone, Default)]
pub struct Relations {
    tables: Vec<RelTable>,
}

#[derive(Debug, Clone)]
struct RelTable {
    key: String,
    table: Table,
    relations: Vec<(String, Relation)>,
}

impl Relations {
    /// An empty schema.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a table under `key` (its name in `db.query.<key>`).
    pub fn table(mut self, key: &str, table: &Table) -> Self {
        self.tables.push(RelTable { key: key.into(), table: table.clone(), relations: vec![] });
        self
    }
    /// Adds relation `name` to table `source` (unknown tables fail when a query uses them).
    pub fn relation(mut self, source: &str, name: &str, relation: Relation) -> Self {
        if let Some(t) = self.tables.iter_mut().find(|t| t.key == source) {
            t.relations.push((name.into(), relation));
        }
        self
    }

    fn get(&self, key: &str) -> Result<&RelTable> {
        self.tables
            .iter()
            .find(|t| t.key == key)
            .ok_or_else(|| Error::invalid(format!("Table \"{key}\" not found in schema")))
    }

    /// drizzle's `normalizeRelation`: the source and referenced columns of relation `name` of
    /// table `source`, from its own `fields`/`references` or from the other side's `one`.
    fn normalize(&self, source: &str, name: &str, relation: &Relation) -> Result<(Vec<Column>, Vec<Column>)> {
        let src = self.get(source)?;
        let referenced = self.get(&relation.referenced)?;
        let cols = |t: &Table, keys: &[String]| keys.iter().map(|k| t.col(k)).collect::<Result<Vec<_>>>();
        if relation.kind == RelationKind::One && !relation.fields.is_empty() {
            if relation.fields.len() != relation.references.len() {
                return Err(Error::invalid(format!(
                    "relation \"{source}.{name}\": fields and references must have the same length"
                )));
            }
            return Ok((cols(&src.table, &relation.fields)?, cols(&referenced.table, &relation.references)?));
        }
        let own = src.relations.iter().position(|(n, _)| n == name);
        let reverse: Vec<&Relation> = referenced
            .relations
            .iter()
            .enumerate()
            .filter(|(i, (_, r))| match &relation.relation_name {
                Some(rn) => !(referenced.key == src.key && Some(*i) == own) && r.relation_name.as_deref() == Some(rn),
                None => r.referenced == src.key,
            })
            .map(|(_, (_, r))| r)
            .collect();
        if reverse.len() > 1 {
            return Err(Error::invalid(match &relation.relation_name {
                Some(rn) => format!("There are multiple relations with name \"{rn}\" in table \"{}\"", referenced.key),
                None => format!(
                    "There are multiple relations between \"{}\" and \"{}\". Please specify relation name",
                    referenced.key,
                    src.table.name()
                ),
            }));
        }
        match reverse.first() {
            Some(r) if r.kind == RelationKind::One && !r.fields.is_empty() => {
                Ok((cols(&src.table, &r.references)?, cols(&referenced.table, &r.fields)?))
            }
            _ => Err(Error::invalid(format!("There is not enough information to infer relation \"{source}.{name}\""))),
        }
    }

    /// drizzle's `db.query.<table>.findMany(config)`.
    pub fn find_many(&self, table: &str, config: FindConfig) -> Result<RelationalQuery> {
        build::build(self, table, &With::Config(config), table, None)
    }

    /// drizzle's `findFirst(config)`: `findMany` with `limit 1`.
    pub fn find_first(&self, table: &str, config: FindConfig) -> Result<RelationalQuery> {
        self.find_many(table, config.limit(1))
    }
}

/// An expression of a relational config, written against the table under its alias in the
/// query (`users`, `users_posts`, …): a closure of the aliased table, or SQL already written
/// against it.
pub type ByTable<T> = Arc<dyn Fn(&Table) -> T + Send + Sync>;

/// What `with` gets for a relation: `true`, or a nested config.
#[derive(Clone)]
pub enum With {
    /// `true`: every column, no nested relations.
    All,
    /// A nested config.
    Config(FindConfig),
}

/// A `findMany` / `findFirst` config.
#[derive(Clone, Default)]
#[must_use]
pub struct FindConfig {
    columns: Option<Vec<(String, bool)>>,
    with: Vec<(String, With)>,
    filter: Option<ByTable<Sql>>,
    order_by: Option<ByTable<Vec<Sql>>>,
    limit: Option<Limit>,
    offset: Option<Limit>,
    extras: Option<ByTable<Vec<Aliased>>>,
}

impl FindConfig {
    /// An empty config (every column).
    pub fn new() -> Self {
        Self::default()
    }
    /// `true` (for [`with`](FindConfig::with)): every column of the related table.
    pub fn all() -> With {
        With::All
    }
    /// `columns: { key: true | false, … }`: include mode when any is `true`, else exclude mode.
    pub fn columns<I: IntoIterator<Item = (S, bool)>, S: Into<String>>(mut self, cols: I) -> Self {
        self.columns = Some(cols.into_iter().map(|(k, v)| (k.into(), v)).collect());
        self
    }
    /// `with: { relation: true | { … } }`.
    pub fn with(mut self, relation: &str, config: impl Into<With>) -> Self {
        self.with.push((relation.into(), config.into()));
        self
    }
    /// `where: (table, ops) => …`.
    pub fn filter_with(mut self, f: impl Fn(&Table) -> Sql + Send + Sync + 'static) -> Self {
        self.filter = Some(Arc::new(f));
        self
    }
    /// `orderBy: (table, ops) => [...]`.
    pub fn order_by_with(mut self, f: impl Fn(&Table) -> Vec<Sql> + Send + Sync + 'static) -> Self {
        self.order_by = Some(Arc::new(f));
        self
    }
    /// `limit`.
    pub fn limit(mut self, n: impl Into<Limit>) -> Self {
        self.limit = Some(n.into());
        self
    }
    /// `offset`.
    pub fn offset(mut self, n: impl Into<Limit>) -> Self {
        self.offset = Some(n.into());
        self
    }
    /// `where`, already written against the table under its alias in the query.
    pub fn filter(self, cond: Sql) -> Self {
        self.filter_with(move |_| cond.clone())
    }
    /// `orderBy`, already written against the table under its alias.
    pub fn order_by(self, exprs: Vec<Sql>) -> Self {
        self.order_by_with(move |_| exprs.clone())
    }
    /// `extras`, already written against the table under its alias.
    pub fn extras(self, extras: Vec<Aliased>) -> Self {
        self.extras_with(move |_| extras.clone())
    }
    /// `extras: (table, { sql }) => ({ key: sql`…`.as('key') })`.
    pub fn extras_with(mut self, f: impl Fn(&Table) -> Vec<Aliased> + Send + Sync + 'static) -> Self {
        self.extras = Some(Arc::new(f));
        self
    }
}

impl From<FindConfig> for With {
    fn from(c: FindConfig) -> Self {
        With::Config(c)
    }
}
