//! Subqueries (`.as_("sq")`) and CTEs (drizzle's `$with('sq').as(...)`).

use std::fmt;
use std::sync::Arc;

use super::{Delete, Field, Insert, Select, Selection, Update};
use crate::schema::TableName;
use crate::sql::{Chunk, RenderSql, Renderer, Sql, SqlArg, SubqueryNode};
use crate::{Error, Result};

/// A named subquery or CTE. Cheap to clone. Its fields are read with
/// [`field`](Subquery::field): columns come back qualified with the alias.
#[derive(Clone)]
pub struct Subquery(Arc<SubqueryInner>);

struct SubqueryInner {
    alias: String,
    body: Arc<dyn RenderSql>,
    fields: Selection,
    is_with: bool,
    /// The schema of a view ([`view`]), which qualifies its name.
    schema: Option<String>,
}

impl fmt::Debug for Subquery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Subquery {
    pub(crate) fn new(alias: &str, body: Arc<dyn RenderSql>, fields: &Selection, is_with: bool) -> Subquery {
        let owner = Arc::new(TableName { schema: None, name: alias.into(), original: alias.into(), is_alias: true });
        Subquery(Arc::new(SubqueryInner {
            alias: alias.into(),
            body,
            fields: fields.proxied(&owner),
            is_with,
            schema: None,
        }))
    }
    /// The alias.
    pub fn alias(&self) -> &str {
        &self.0.alias
    }
    /// `true` for CTEs and views (referenced by name only).
    pub fn is_with(&self) -> bool {
        self.0.is_with
    }
    /// The schema qualifying a view's name.
    pub fn schema(&self) -> Option<&str> {
        self.0.schema.as_deref()
    }
    /// Its fields, as seen from outside.
    pub fn fields(&self) -> &Selection {
        &self.0.fields
    }
    /// The field under `key`, or an error naming the subquery and key.
    ///
    /// ```
    /// use edgepg::{sql, pg::*};
    /// let users = table("users").column("id", serial("id")).column("name", text("name")).build();
    /// let sq = select_fields(fields![id: users.col("id").unwrap(), nm: sql!("upper({})", users.col("name").unwrap()).as_("nm")])
    ///     .from(&users)
    ///     .as_("sub");
    /// let q = select().from(&sq).filter(gt(sq.field("id").unwrap(), 1)).to_sql().unwrap();
    /// assert_eq!(q.sql, r#"select "id", "nm" from (select "id", upper("name") as "nm" from "users") "sub" where "sub"."id" > $1"#);
    /// ```
    pub fn field(&self, key: &str) -> Result<Field> {
        self.0
            .fields
            .get(key)
            .cloned()
            .ok_or_else(|| Error::UnknownColumn { table: self.0.alias.clone(), column: key.into() })
    }
    /// The subquery as a chunk of SQL (what the renderer reads of it).
    pub(crate) fn chunk(&self) -> Chunk {
        Chunk::Subquery(self.0.clone())
    }
}

impl fmt::Debug for SubqueryInner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Subquery({:?}{})", self.alias, if self.is_with { ", cte" } else { "" })
    }
}

impl SubqueryNode for SubqueryInner {
    fn alias(&self) -> &str {
        &self.alias
    }
    fn schema(&self) -> Option<&str> {
        self.schema.as_deref()
    }
    fn is_with(&self) -> bool {
        self.is_with
    }
    fn render_body(&self, r: &mut Renderer) -> Result<()> {
        self.body.render(r)
    }
}

impl SqlArg for Subquery {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(self.chunk());
    }
}
impl SqlArg for &Subquery {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(self.chunk());
    }
}

/// A statement that can be a subquery or CTE body.
pub trait Statement: sealed::Sealed {
    #[doc(hidden)]
    fn into_body(self) -> (Arc<dyn RenderSql>, Selection);
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! statement {
    ($($t:ty => |$s:ident| $fields:expr;)*) => {$(
        impl sealed::Sealed for $t {}
        impl Statement for $t {
            fn into_body(self) -> (Arc<dyn RenderSql>, Selection) {
                let $s = &self;
                let fields = $fields;
                (Arc::new(self), fields)
            }
        }
    )*};
}
statement! {
    Select => |s| s.selected_fields().clone();
    Insert => |s| s.returning_selection().cloned().unwrap_or_default();
    Update => |s| s.returning_selection().cloned().unwrap_or_default();
    Delete => |s| s.returning_selection().cloned().unwrap_or_default();
    Sql => |_s| Selection::new();
}

impl RenderSql for Sql {
    fn render(&self, r: &mut Renderer) -> Result<()> {
        r.sql(self)
    }
}

/// drizzle's `$with(alias)`: starts a CTE.
///
/// ```
/// use edgepg::pg::*;
/// let users = table("users").column("id", serial("id")).build();
/// let sq = cte("sq").as_(select().from(&users).filter(eq(users.col("id").unwrap(), 42)));
/// let q = with([&sq]).select().from(&sq).to_sql().unwrap();
/// assert_eq!(q.sql, r#"with "sq" as (select "id" from "users" where "users"."id" = $1) select "id" from "sq""#);
/// ```
pub fn cte(alias: &str) -> CteBuilder {
    CteBuilder { alias: alias.into(), fields: None, schema: None }
}

/// drizzle's `pgView(name).as(query)` (and `pgMaterializedView`), as a query source: referenced
/// by its name (schema-qualified with [`schema`](CteBuilder::schema)), its fields as the query
/// selects them; unlike a CTE it is never written into a `with` clause (the view exists in the
/// database).
///
/// ```
/// use edgepg::pg::*;
/// let users = table("users").column("id", serial("id")).column("name", text("name")).build();
/// let v = view("active").schema("app").as_(select_fields(fields![id: users.col("id").unwrap()]).from(&users));
/// let q = select().from(&v).filter(eq(v.field("id").unwrap(), 1)).to_sql().unwrap();
/// assert_eq!(q.sql, r#"select "id" from "app"."active" where "active"."id" = $1"#);
/// ```
pub fn view(name: &str) -> CteBuilder {
    cte(name)
}

/// drizzle's `db.refreshMaterializedView(view)`: `refresh materialized view [concurrently] <view>
/// [with no data]`.
///
/// ```
/// use edgepg::pg::*;
/// let posts = table("posts").column("id", serial("id")).build();
/// let v = view("post_ids").as_(select().from(&posts));
/// assert_eq!(refresh_materialized_view(&v).concurrently().into_sql().to_sql()?.sql, r#"refresh materialized view concurrently "post_ids""#);
/// assert!(refresh_materialized_view(&v).concurrently().with_no_data().into_sql().to_sql().is_err());
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn refresh_materialized_view(view: &Subquery) -> RefreshMaterializedView {
    RefreshMaterializedView { view: view.clone(), concurrently: false, with_no_data: false }
}

/// A `refresh materialized view` statement; see [`refresh_materialized_view`].
#[must_use]
#[derive(Debug, Clone)]
pub struct RefreshMaterializedView {
    view: Subquery,
    concurrently: bool,
    with_no_data: bool,
}

impl RefreshMaterializedView {
    /// `concurrently` (not together with [`with_no_data`](Self::with_no_data)).
    pub fn concurrently(mut self) -> Self {
        self.concurrently = true;
        self
    }
    /// `with no data` (not together with [`concurrently`](Self::concurrently)).
    pub fn with_no_data(mut self) -> Self {
        self.with_no_data = true;
        self
    }
    /// The statement (an error when both options are set, as drizzle's).
    pub fn into_sql(self) -> Sql {
        if self.concurrently && self.with_no_data {
            return Sql::error(Error::invalid("Cannot use concurrently and withNoData together"));
        }
        let concurrently = if self.concurrently { " concurrently" } else { "" };
        let no_data = if self.with_no_data { " with no data" } else { "" };
        crate::sql!(
            "refresh materialized view{} {}{}",
            crate::sql::raw(concurrently),
            &self.view,
            crate::sql::raw(no_data)
        )
    }
}

/// A CTE being declared; finish it with [`as_`](CteBuilder::as_).
#[must_use]
pub struct CteBuilder {
    alias: String,
    fields: Option<Selection>,
    schema: Option<String>,
}

impl CteBuilder {
    /// Declares the CTE's fields explicitly (drizzle's `$with(alias, fields)`), e.g. for a raw
    /// SQL body.
    pub fn fields(mut self, fields: Selection) -> Self {
        self.fields = Some(fields);
        self
    }
    /// The schema a view's name is qualified with (`pgSchema(…).view(name)`).
    pub fn schema(mut self, schema: &str) -> Self {
        self.schema = Some(schema.into());
        self
    }
    /// The CTE's body: a select, an insert/update/delete (its `returning` fields are the CTE's
    /// fields), or raw SQL.
    pub fn as_(self, body: impl Statement) -> Subquery {
        let (body, fields) = body.into_body();
        let sq = Subquery::new(&self.alias, body, self.fields.as_ref().unwrap_or(&fields), true);
        match self.schema {
            None => sq,
            Some(schema) => Subquery(Arc::new(SubqueryInner {
                alias: sq.0.alias.clone(),
                body: sq.0.body.clone(),
                fields: sq.0.fields.clone(),
                is_with: true,
                schema: Some(schema),
            })),
        }
    }
}

/// Renders `with "a" as (...), "b" as (...) ` (drizzle's `buildWithCTE`).
pub(crate) fn render_with(r: &mut Renderer, ctes: &[Subquery]) -> Result<()> {
    if ctes.is_empty() {
        return Ok(());
    }
    r.push("with ");
    for (i, c) in ctes.iter().enumerate() {
        if i > 0 {
            r.push(", ");
        }
        r.name(c.alias());
        r.push(" as (");
        c.0.body.render(r)?;
        r.push(")");
    }
    r.push(" ");
    Ok(())
}
