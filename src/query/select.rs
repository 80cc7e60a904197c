//! SELECT: fields, joins, where/group/having/order/limit/offset, locking, set operations.

use std::sync::Arc;

use super::subquery::render_with;
use super::{Field, IntoSource, Selection, Source, Subquery};
use crate::schema::Table;
use crate::sql::{Chunk, Placeholder, Query, RenderSql, Renderer, Sql, SqlArg};
use crate::types::Value;
use crate::{Error, Result};

/// `distinct` / `distinct on (...)`.
#[derive(Clone, Debug, Default)]
pub(crate) enum Distinct {
    #[default]
    None,
    All,
    On(Vec<Sql>),
}

/// A `limit`/`offset` value: a number or a placeholder.
#[derive(Clone, Debug)]
pub enum Limit {
    /// A number. Negative limits are omitted, and so is an offset of 0 (drizzle's rules).
    Value(i64),
    /// Filled at execute time.
    Placeholder(String),
}

macro_rules! limit_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Limit { fn from(v: $t) -> Self { Limit::Value(i64::from(v)) } }
    )*};
}
limit_from!(i32, i64, u8, u16, u32);
impl From<Placeholder> for Limit {
    fn from(p: Placeholder) -> Self {
        Limit::Placeholder(p.name)
    }
}

impl Limit {
    fn render(&self, r: &mut Renderer, keyword: &str, is_offset: bool) -> Result<()> {
        match self {
            Limit::Value(v) if (is_offset && *v == 0) || (!is_offset && *v < 0) => Ok(()),
            Limit::Value(v) => {
                r.push(keyword);
                r.param(Value::Int(*v))
            }
            Limit::Placeholder(name) => {
                r.push(keyword);
                r.chunk(&Chunk::Placeholder(Placeholder { name: name.clone(), encoder: None }))
            }
        }
    }
}

/// Row-lock strength for `.for_(...)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockStrength {
    /// `for update`
    Update,
    /// `for no key update`
    NoKeyUpdate,
    /// `for share`
    Share,
    /// `for key share`
    KeyShare,
}

/// Options of a locking clause: `of` tables, `nowait` (wins over `skip locked`), `skip locked`.
#[derive(Clone, Debug, Default)]
pub struct LockOptions {
    of: Vec<Table>,
    no_wait: bool,
    skip_locked: bool,
}

impl LockOptions {
    /// No options.
    pub fn new() -> Self {
        LockOptions::default()
    }
    /// `of <table>` (call again for more tables).
    pub fn of(mut self, t: impl IntoSource) -> Self {
        if let Source::Table(t) = t.into_source() {
            self.of.push(t);
        }
        self
    }
    /// `nowait`
    pub fn no_wait(mut self) -> Self {
        self.no_wait = true;
        self
    }
    /// `skip locked`
    pub fn skip_locked(mut self) -> Self {
        self.skip_locked = true;
        self
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Join {
    pub(crate) kind: &'static str,
    pub(crate) lateral: bool,
    pub(crate) source: Source,
    pub(crate) on: Option<Sql>,
}

pub(crate) fn render_joins(r: &mut Renderer, joins: &[Join]) -> Result<()> {
    for j in joins {
        r.push(" ");
        r.push(j.kind);
        r.push(" join");
        if j.lateral {
            r.push(" lateral");
        }
        r.push(" ");
        j.source.render(r)?;
        if let Some(on) = &j.on {
            r.push(" on ");
            r.sql(on)?;
        }
    }
    Ok(())
}

#[derive(Clone, Debug)]
struct SetOp {
    kind: &'static str,
    all: bool,
    right: Arc<Select>,
    order_by: Vec<Sql>,
    limit: Option<Limit>,
    offset: Option<Limit>,
}

/// `select()` before `.from(...)`.
#[must_use]
pub struct SelectBuilder {
    pub(crate) fields: Option<Selection>,
    pub(crate) with: Vec<Subquery>,
    pub(crate) distinct: Distinct,
}

impl SelectBuilder {
    /// The table, subquery, CTE or SQL to select from.
    pub fn from(self, source: impl IntoSource) -> Select {
        let source = source.into_source();
        let partial = self.fields.is_some();
        let fields = self.fields.unwrap_or_else(|| source.selection());
        let base = source.name().map(str::to_owned);
        let nullability = base.iter().map(|b| (b.clone(), true)).collect();
        Select {
            with: self.with,
            distinct: self.distinct,
            source,
            fields,
            partial,
            base,
            nullability,
            joins: Vec::new(),
            where_: None,
            group_by: Vec::new(),
            having: None,
            order_by: Vec::new(),
            limit: None,
            offset: None,
            lock: None,
            set_ops: Vec::new(),
            error: None,
        }
    }
}

/// A SELECT statement. Methods consume and return it, so conditional composition is plain
/// Rust (drizzle's `$dynamic()`): `let mut q = select().from(&t); if cond { q = q.limit(5) }`.
///
/// ```
/// use edgepg::pg::*;
/// let users = table("users").column("id", serial("id")).column("name", text("name")).build();
/// let (id, name) = (users.col("id").unwrap(), users.col("name").unwrap());
/// let q = select_fields(fields![id: id.clone()])
///     .from(&users)
///     .filter(and([eq(&name, "Ann"), in_array(&id, [1, 2, 3])]))
///     .order_by([desc(&id)])
///     .limit(10)
///     .offset(20)
///     .to_sql()
///     .unwrap();
/// assert_eq!(q.sql, r#"select "id" from "users" where ("users"."name" = $1 and "users"."id" in ($2, $3, $4)) order by "users"."id" desc limit $5 offset $6"#);
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Select {
    with: Vec<Subquery>,
    distinct: Distinct,
    source: Source,
    fields: Selection,
    partial: bool,
    base: Option<String>,
    nullability: Vec<(String, bool)>,
    joins: Vec<Join>,
    where_: Option<Sql>,
    group_by: Vec<Sql>,
    having: Option<Sql>,
    order_by: Vec<Sql>,
    limit: Option<Limit>,
    offset: Option<Limit>,
    lock: Option<(LockStrength, LockOptions)>,
    set_ops: Vec<SetOp>,
    error: Option<Error>,
}

/// Drops empty conditions (drizzle's `undefined`, e.g. `and()` of nothing).
pub(crate) fn condition(c: impl Into<Option<Sql>>) -> Option<Sql> {
    c.into().filter(|s| !s.is_empty())
}

impl Select {
    fn fail(mut self, e: Error) -> Self {
        self.error.get_or_insert(e);
        self
    }

    fn join(mut self, kind: &'static str, lateral: bool, source: impl IntoSource, on: Option<Sql>) -> Self {
        let source = source.into_source();
        let name = source.name().map(str::to_owned);
        if let Some(n) = &name {
            if self.joins.iter().any(|j| j.source.name() == Some(n)) {
                return self.fail(Error::invalid(format!("Alias \"{n}\" is already used in this query")));
            }
        }
        if !self.partial {
            if self.nullability.len() == 1 {
                if let Some(base) = &self.base {
                    let inner = std::mem::take(&mut self.fields);
                    self.fields = Selection::new().field(base, Field::Nested(inner));
                }
            }
            if let (Some(n), false) = (&name, matches!(source, Source::Sql(_))) {
                self.fields.set(n, Field::Nested(source.selection()));
            }
        }
        if let Some(n) = name {
            let set_all = |v: &mut Vec<(String, bool)>, to: bool| v.iter_mut().for_each(|(_, b)| *b = to);
            match kind {
                "left" => upsert(&mut self.nullability, n, false),
                "right" => {
                    set_all(&mut self.nullability, false);
                    upsert(&mut self.nullability, n, true);
                }
                "full" => {
                    set_all(&mut self.nullability, false);
                    upsert(&mut self.nullability, n, false);
                }
                _ => upsert(&mut self.nullability, n, true),
            }
        }
        self.joins.push(Join { kind, lateral, source, on });
        self
    }

    /// `left join <source> on <cond>`
    pub fn left_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("left", false, source, condition(on))
    }
    /// `inner join <source> on <cond>`
    pub fn inner_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("inner", false, source, condition(on))
    }
    /// `right join <source> on <cond>`
    pub fn right_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("right", false, source, condition(on))
    }
    /// `full join <source> on <cond>`
    pub fn full_join(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("full", false, source, condition(on))
    }
    /// `cross join <source>`
    pub fn cross_join(self, source: impl IntoSource) -> Self {
        self.join("cross", false, source, None)
    }
    /// `left join lateral (<subquery>) "alias" on <cond>`
    pub fn left_join_lateral(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("left", true, source, condition(on))
    }
    /// `inner join lateral (<subquery>) "alias" on <cond>`
    pub fn inner_join_lateral(self, source: impl IntoSource, on: impl Into<Option<Sql>>) -> Self {
        self.join("inner", true, source, condition(on))
    }
    /// `cross join lateral (<subquery>) "alias"`
    pub fn cross_join_lateral(self, source: impl IntoSource) -> Self {
        self.join("cross", true, source, None)
    }

    /// `where <cond>`; an empty condition (e.g. `and` of nothing) leaves it out. Named
    /// `filter` because `where` is a Rust keyword.
    pub fn filter(mut self, cond: impl Into<Option<Sql>>) -> Self {
        self.where_ = condition(cond);
        self
    }
    /// `where` built from the selected fields (drizzle's callback form); aliased expressions
    /// are seen as their SQL.
    pub fn filter_with(self, f: impl FnOnce(&Selection) -> Sql) -> Self {
        let cond = f(&self.fields.view(false));
        self.filter(cond)
    }
    /// `group by ...`
    pub fn group_by<I: IntoIterator<Item = S>, S: Into<Sql>>(mut self, exprs: I) -> Self {
        self.group_by = exprs.into_iter().map(Into::into).collect();
        self
    }
    /// `group by` built from the selected fields; aliased expressions are referenced by alias.
    pub fn group_by_with<I: IntoIterator<Item = S>, S: Into<Sql>>(self, f: impl FnOnce(&Selection) -> I) -> Self {
        let exprs = f(&self.fields.view(true));
        self.group_by(exprs)
    }
    /// `having <cond>`
    pub fn having(mut self, cond: impl Into<Option<Sql>>) -> Self {
        self.having = condition(cond);
        self
    }
    /// `having` built from the selected fields (drizzle's callback form).
    pub fn having_with(self, f: impl FnOnce(&Selection) -> Sql) -> Self {
        let cond = f(&self.fields.view(false));
        self.having(cond)
    }
    /// `order by ...` (after a set operation: ordering of the combined result).
    pub fn order_by<I: IntoIterator<Item = S>, S: Into<Sql>>(mut self, exprs: I) -> Self {
        let exprs = exprs.into_iter().map(Into::into).collect();
        match self.set_ops.last_mut() {
            Some(op) => op.order_by = exprs,
            None => self.order_by = exprs,
        }
        self
    }
    /// `order by` built from the selected fields; aliased expressions are referenced by alias.
    pub fn order_by_with<I: IntoIterator<Item = S>, S: Into<Sql>>(self, f: impl FnOnce(&Selection) -> I) -> Self {
        let exprs = f(&self.fields.view(true));
        self.order_by(exprs)
    }
    /// `limit $n` (0 is kept; negative numbers are left out, as in drizzle).
    pub fn limit(mut self, n: impl Into<Limit>) -> Self {
        let n = Some(n.into());
        match self.set_ops.last_mut() {
            Some(op) => op.limit = n,
            None => self.limit = n,
        }
        self
    }
    /// `offset $n` (0 is left out, as in drizzle).
    pub fn offset(mut self, n: impl Into<Limit>) -> Self {
        let n = Some(n.into());
        match self.set_ops.last_mut() {
            Some(op) => op.offset = n,
            None => self.offset = n,
        }
        self
    }
    /// `for update|no key update|share|key share [of ...] [nowait|skip locked]`.
    pub fn for_(mut self, strength: LockStrength, options: LockOptions) -> Self {
        self.lock = Some((strength, options));
        self
    }

    fn set_op(mut self, kind: &'static str, all: bool, right: Select) -> Self {
        let same = self.fields.keys().eq(right.fields.keys());
        if !same {
            return self.fail(Error::invalid(
                "Set operator error (union / intersect / except): selected fields are not the same or are in a different order",
            ));
        }
        self.set_ops.push(SetOp { kind, all, right: Arc::new(right), order_by: Vec::new(), limit: None, offset: None });
        self
    }
    /// `(<this>) union (<other>)`
    pub fn union(self, other: Select) -> Self {
        self.set_op("union", false, other)
    }
    /// `(<this>) union all (<other>)`
    pub fn union_all(self, other: Select) -> Self {
        self.set_op("union", true, other)
    }
    /// `(<this>) intersect (<other>)`
    pub fn intersect(self, other: Select) -> Self {
        self.set_op("intersect", false, other)
    }
    /// `(<this>) intersect all (<other>)`
    pub fn intersect_all(self, other: Select) -> Self {
        self.set_op("intersect", true, other)
    }
    /// `(<this>) except (<other>)`
    pub fn except(self, other: Select) -> Self {
        self.set_op("except", false, other)
    }
    /// `(<this>) except all (<other>)`
    pub fn except_all(self, other: Select) -> Self {
        self.set_op("except", true, other)
    }

    /// `.as('alias')`: use this select as a subquery.
    pub fn as_(self, alias: &str) -> Subquery {
        let fields = self.fields.clone();
        Subquery::new(alias, Arc::new(self), &fields, false)
    }

    /// The fields this select returns (after joins, for a full select).
    pub fn selected_fields(&self) -> &Selection {
        &self.fields
    }

    /// Which joined tables may be null in a row (drizzle's `joinsNotNullableMap`): `true`
    /// means never null.
    pub fn joins_not_nullable(&self) -> &[(String, bool)] {
        &self.nullability
    }

    /// Renders the statement (drizzle's `.toSQL()`).
    pub fn to_sql(&self) -> Result<Query> {
        Renderer::new().render_query(self)
    }

    fn check_fields(&self) -> Result<()> {
        let from = self.source.name();
        let in_query = |c: &crate::schema::Column| {
            let owner = c.table_name();
            Some(owner) == from || self.joins.iter().any(|j| j.source.name() == Some(owner))
        };
        // Fast path without allocations; paths are only built for the error message.
        let ok = self.fields.try_leaves(|f| match f {
            Field::Column(c) if !in_query(c) => Err(Error::invalid("")),
            _ => Ok(()),
        });
        if ok.is_ok() {
            return Ok(());
        }
        for (path, f) in self.fields.leaves() {
            if let Field::Column(c) = f {
                if !in_query(c) {
                    let owner = c.table_name();
                    return Err(Error::invalid(format!(
                        "Your \"{}\" field references a column \"{owner}\".\"{}\", but the table \"{owner}\" is not part of the query! Did you forget to join it?",
                        path.join("->"),
                        c.name()
                    )));
                }
            }
        }
        Ok(())
    }

    fn render_core(&self, r: &mut Renderer) -> Result<()> {
        self.check_fields()?;
        render_with(r, &self.with)?;
        r.push("select");
        match &self.distinct {
            Distinct::None => {}
            Distinct::All => r.push(" distinct"),
            Distinct::On(on) => {
                r.push(" distinct on (");
                for (i, e) in on.iter().enumerate() {
                    if i > 0 {
                        r.push(", ");
                    }
                    r.sql(e)?;
                }
                r.push(")");
            }
        }
        r.push(" ");
        self.fields.render(r, self.joins.is_empty())?;
        r.push(" from ");
        self.source.render(r)?;
        render_joins(r, &self.joins)?;
        if let Some(w) = &self.where_ {
            r.push(" where ");
            r.sql(w)?;
        }
        if !self.group_by.is_empty() {
            r.push(" group by ");
            render_list(r, &self.group_by, false)?;
        }
        if let Some(h) = &self.having {
            r.push(" having ");
            r.sql(h)?;
        }
        if !self.order_by.is_empty() {
            r.push(" order by ");
            render_list(r, &self.order_by, false)?;
        }
        if let Some(l) = &self.limit {
            l.render(r, " limit ", false)?;
        }
        if let Some(o) = &self.offset {
            o.render(r, " offset ", true)?;
        }
        if let Some((strength, opts)) = &self.lock {
            r.push(match strength {
                LockStrength::Update => " for update",
                LockStrength::NoKeyUpdate => " for no key update",
                LockStrength::Share => " for share",
                LockStrength::KeyShare => " for key share",
            });
            if !opts.of.is_empty() {
                r.push(" of ");
                for (i, t) in opts.of.iter().enumerate() {
                    if i > 0 {
                        r.push(", ");
                    }
                    r.chunk(&Chunk::Table(t.table_name().clone()))?;
                }
            }
            if opts.no_wait {
                r.push(" nowait");
            } else if opts.skip_locked {
                r.push(" skip locked");
            }
        }
        Ok(())
    }
}

fn upsert(v: &mut Vec<(String, bool)>, key: String, val: bool) {
    match v.iter_mut().find(|(k, _)| *k == key) {
        Some(slot) => slot.1 = val,
        None => v.push((key, val)),
    }
}

fn render_list(r: &mut Renderer, items: &[Sql], bare: bool) -> Result<()> {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            r.push(", ");
        }
        if bare {
            r.sql_bare_columns(e)?;
        } else {
            r.sql(e)?;
        }
    }
    Ok(())
}

impl RenderSql for Select {
    fn render(&self, r: &mut Renderer) -> Result<()> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        for _ in &self.set_ops {
            r.push("(");
        }
        self.render_core(r)?;
        for op in &self.set_ops {
            r.push(") ");
            r.push(op.kind);
            r.push(if op.all { " all (" } else { " (" });
            op.right.render(r)?;
            r.push(")");
            if !op.order_by.is_empty() {
                r.push(" order by ");
                render_list(r, &op.order_by, true)?;
                r.push(" ");
            }
            if let Some(l) = &op.limit {
                l.render(r, " limit ", false)?;
            }
            if let Some(o) = &op.offset {
                o.render(r, " offset ", true)?;
            }
        }
        Ok(())
    }
}

impl SqlArg for Select {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Query(Arc::new(self)));
    }
}
impl SqlArg for &Select {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Query(Arc::new(self.clone())));
    }
}
impl<ST> crate::typed::Operand<ST> for Select {
    fn into_operand(self, _: Option<&crate::schema::Column>) -> Chunk {
        Chunk::Query(Arc::new(self))
    }
}

macro_rules! set_fn {
    ($($(#[$m:meta])* $name:ident => $method:ident;)*) => {$(
        $(#[$m])*
        pub fn $name(left: Select, right: Select) -> Select { left.$method(right) }
    )*};
}
set_fn! {
    /// Standalone `union(a, b)`.
    union => union;
    /// Standalone `unionAll(a, b)`.
    union_all => union_all;
    /// Standalone `intersect(a, b)`.
    intersect => intersect;
    /// Standalone `intersectAll(a, b)`.
    intersect_all => intersect_all;
    /// Standalone `except(a, b)`.
    except => except;
    /// Standalone `exceptAll(a, b)`.
    except_all => except_all;
}
