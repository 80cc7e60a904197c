//! Expression nodes and statements built from their typed descriptions ([`super::contract`]) on
//! edgepg's Rust builders. Every match over the contract's enums is exhaustive.

use super::contract::{
    self as c, ColRef, ConflictAction, FieldKey, Join, JoinType, Kind, MapWith, Mods, Node, Nodes, Part, Parts,
    Selection as Sel, SetOp, Statement as Desc, Strength, Subquery as SubqueryDesc,
};
use super::{bad, Registry};
use edgepg::query::{
    self as q, ConflictTarget, Count, Delete, Field, Insert, InsertRow, Select, Selection, SetValues, Source, Update,
};
use edgepg::schema::Column;
use edgepg::sql::{self, Chunk, Decoder, Sql, SqlArg, ValueOrSql};
use edgepg::typed::{Dyn, Operand};
use edgepg::types::Value;
use edgepg::Result;

/// A statement built from a description.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // built once per query and consumed at once: boxing buys nothing
pub enum Statement {
    /// `select`
    Select(Select),
    /// `insert`
    Insert(Insert),
    /// `update`
    Update(Update),
    /// `delete`
    Delete(Delete),
    /// a `sql` template (`db.execute(sql\`…\`)`)
    Sql(Sql),
    /// `$count`
    Count(Count),
}

/// A node built: an expression, a value, or a value slot of a cached shape (see [`super::SLOT`]).
#[derive(Clone, Debug)]
enum Built {
    Expr(Field),
    Val(Value),
    Slot(String, Option<Column>),
}

fn slot_chunk(name: String, encoder: Option<Column>) -> Chunk {
    Chunk::Placeholder(sql::Placeholder { name, encoder })
}

impl Built {
    fn field(self) -> Field {
        match self {
            Built::Expr(f) => f,
            Built::Val(v) => Field::Sql(sql::param(v)),
            Built::Slot(name, enc) => Field::Sql(Sql::from_chunks(vec![slot_chunk(name, enc)])),
        }
    }
    fn sql(self) -> Sql {
        match self.field() {
            Field::Sql(s) => s,
            other => {
                let mut chunks = Vec::with_capacity(1);
                other.push_to(&mut chunks);
                Sql::from_chunks(chunks)
            }
        }
    }
}

impl Operand<Dyn> for Built {
    fn into_operand(self, encoder: Option<&Column>) -> Chunk {
        match self {
            Built::Val(v) => Chunk::Param(v, encoder.cloned()),
            Built::Slot(name, own) => slot_chunk(name, own.or_else(|| encoder.cloned())),
            Built::Expr(f) => <Field as Operand<Dyn>>::into_operand(f, encoder),
        }
    }
}
impl q::ArrayOperand<Dyn> for Built {}

impl Registry {
    fn column_of(&self, c: ColRef<'_>) -> Result<Column> {
        self.table(c.table)?.col(c.key)
    }

    /// A node with its modifiers applied (a template and a subquery apply their own).
    fn node(&self, n: Node<'_>) -> Result<Built> {
        let mods = match n {
            Node::Column(_, m)
            | Node::Value(_, _, m)
            | Node::Slot(_, _, m)
            | Node::Table(_, m)
            | Node::Placeholder(_, m)
            | Node::Ident(_, m)
            | Node::Enum(_, _, m)
            | Node::Call(_, _, m)
            | Node::Embed(_, m) => m,
            Node::Template(..) | Node::Subquery(..) | Node::Nested(_) | Node::List(_) => return self.node_inner(n),
        };
        let built = self.node_inner(n)?;
        if mods.is_empty() {
            return Ok(built);
        }
        Ok(Built::Expr(self.modifiers(built.sql(), mods)?))
    }

    /// `"inline"`, `"map"` and `"as"` of a node (`.inlineParams()`, `.mapWith()`, `.as()`).
    fn modifiers(&self, mut s: Sql, mods: Mods<'_>) -> Result<Field> {
        if mods.inline {
            s = s.inline_params();
        }
        match mods.map {
            Some(MapWith::Number) => s = s.map_with(Decoder::Number),
            Some(MapWith::String) => s = s.map_with(Decoder::String),
            Some(MapWith::Column(c)) => s = s.map_with(Decoder::Column(self.column_of(c)?)),
            None => {}
        }
        Ok(match mods.alias {
            Some(alias) => Field::Aliased(s.as_(alias)),
            None => Field::Sql(s),
        })
    }

    fn node_inner(&self, n: Node<'_>) -> Result<Built> {
        Ok(match n {
            Node::Column(c, _) => Built::Expr(Field::Column(self.column_of(c)?)),
            Node::Slot(i, enc, _) => Built::Slot(super::slot_name(i), enc.map(|e| self.column_of(e)).transpose()?),
            Node::Value(v, Some(enc), _) => {
                Built::Expr(Field::Sql(sql::param_with(c::value(v)?, &self.column_of(enc)?)))
            }
            Node::Value(v, None, _) => Built::Val(c::value(v)?),
            Node::Enum(name, schema, _) => {
                let en = match schema {
                    Some(schema) => edgepg::schema::pg_schema(schema).enum_(name, Vec::<String>::new()),
                    None => edgepg::schema::pg_enum(name, Vec::<String>::new()),
                };
                let mut chunks = Vec::with_capacity(1);
                (&en).push_to(&mut chunks);
                Built::Expr(Field::Sql(Sql::from_chunks(chunks)))
            }
            Node::Template(parts, mods) => Built::Expr(self.template(parts, mods)?),
            Node::Table(t, _) => Built::Expr(Field::Sql(Sql::from(&self.table(t)?))),
            Node::Placeholder(p, _) => Built::Expr(Field::Sql(sql::placeholder(p).into())),
            Node::Ident(i, _) => Built::Expr(Field::Sql(sql::identifier(i.to_owned()))),
            Node::Call(f, a, _) => Built::Expr(Field::Sql(self.call(f, a)?)),
            Node::Subquery(sq, key) => {
                let sq = self.subquery(sq)?;
                // a field's key, or the path to a field inside a nested selection
                Built::Expr(match key {
                    Some(FieldKey::One(k)) => sq.field(k)?,
                    Some(FieldKey::Path(path)) => {
                        let keys: Vec<&str> = path.iter().filter_map(|k| k.as_str()).collect();
                        let (first, rest) = keys.split_first().ok_or_else(|| bad("empty subquery field path"))?;
                        rest.iter().fold(sq.field(first)?, |f, k| f.get(k))
                    }
                    None => Field::Subquery(sq),
                })
            }
            Node::Embed(st, _) => Built::Expr(Field::Sql(self.statement(st)?.embed()?)),
            Node::Nested(_) => return Err(bad("a nested selection is only a field")),
            Node::List(_) => return Err(bad("a list of values is only an operand of inArray")),
        })
    }

    /// A `sql` template.
    pub(super) fn template(&self, parts: Parts<'_>, mods: Mods<'_>) -> Result<Field> {
        let mut chunks = Vec::new();
        for part in parts.iter() {
            match part? {
                Part::Raw(s) => sql::raw(s.to_owned()).push_to(&mut chunks),
                Part::Node(n) => match self.node(n)? {
                    Built::Val(v) => v.push_to(&mut chunks),
                    Built::Expr(f) => f.push_to(&mut chunks),
                    slot @ Built::Slot(..) => slot.field().push_to(&mut chunks),
                },
            }
        }
        self.modifiers(Sql::from_chunks(chunks), mods)
    }

    pub(super) fn sql(&self, n: Node<'_>) -> Result<Sql> {
        Ok(self.node(n)?.sql())
    }

    pub(super) fn sqls(&self, items: Nodes<'_>) -> Result<Vec<Sql>> {
        items.iter().map(|n| self.sql(n?)).collect()
    }

    /// Operators and functions: the Rust builder functions of the same (drizzle) name.
    fn call(&self, f: &str, a: Nodes<'_>) -> Result<Sql> {
        let arg = |i: usize| a.get(i).unwrap_or_else(|| Err(bad(format!("{f}() needs {} arguments", i + 1))));
        let n = |i: usize| arg(i).and_then(|j| self.node(j));
        let e = |i: usize| n(i).map(Built::field);
        Ok(match f {
            "eq" => q::eq(e(0)?, n(1)?),
            "ne" => q::ne(e(0)?, n(1)?),
            "gt" => q::gt(e(0)?, n(1)?),
            "gte" => q::gte(e(0)?, n(1)?),
            "lt" => q::lt(e(0)?, n(1)?),
            "lte" => q::lte(e(0)?, n(1)?),
            "like" => q::like(e(0)?, n(1)?.sql()),
            "notLike" => q::not_like(e(0)?, n(1)?.sql()),
            "ilike" => q::ilike(e(0)?, n(1)?.sql()),
            "notIlike" => q::not_ilike(e(0)?, n(1)?.sql()),
            "inArray" | "notInArray" => match arg(1)? {
                Node::List(items) => {
                    let items = items.iter().map(|i| self.node(i?)).collect::<Result<Vec<_>>>()?;
                    if f == "inArray" {
                        q::in_array(e(0)?, items)
                    } else {
                        q::not_in_array(e(0)?, items)
                    }
                }
                _ if f == "inArray" => q::in_select(e(0)?, n(1)?.sql()),
                _ => q::not_in_select(e(0)?, n(1)?.sql()),
            },
            "isNull" => q::is_null(e(0)?),
            "isNotNull" => q::is_not_null(e(0)?),
            "exists" => q::exists(n(0)?.sql()),
            "notExists" => q::not_exists(n(0)?.sql()),
            "between" => q::between(e(0)?, n(1)?, n(2)?),
            "notBetween" => q::not_between(e(0)?, n(1)?, n(2)?),
            "and" => q::and(self.sqls(a)?),
            "or" => q::or(self.sqls(a)?),
            "not" => q::not(n(0)?.sql()),
            "arrayContains" | "arrayContained" | "arrayOverlaps" => {
                let right = n(1)?;
                if matches!(&right, Built::Val(Value::Array(a)) if a.is_empty()) {
                    return Err(bad(format!("{f} requires at least one value")));
                }
                match f {
                    "arrayContains" => q::array_contains(e(0)?, right),
                    "arrayContained" => q::array_contained(e(0)?, right),
                    _ => q::array_overlaps(e(0)?, right),
                }
            }
            "l2Distance" | "l1Distance" | "innerProduct" | "cosineDistance" | "hammingDistance" | "jaccardDistance" => {
                let col = e(0)?;
                macro_rules! dist {
                    ($arg:expr) => {
                        match f {
                            "l2Distance" => q::l2_distance(col, $arg),
                            "l1Distance" => q::l1_distance(col, $arg),
                            "innerProduct" => q::inner_product(col, $arg),
                            "cosineDistance" => q::cosine_distance(col, $arg),
                            "hammingDistance" => q::hamming_distance(col, $arg),
                            _ => q::jaccard_distance(col, $arg),
                        }
                    };
                }
                match n(1)? {
                    Built::Val(Value::Array(items)) => {
                        let nums = items.iter().map(|v| match v {
                            Value::Int(i) => Ok(*i as f64),
                            Value::Float(x) => Ok(*x),
                            _ => Err(bad(format!("{f}() needs numbers"))),
                        });
                        dist!(nums.collect::<Result<Vec<f64>>>()?)
                    }
                    Built::Val(Value::Text(t)) => dist!(t.as_str()),
                    other => dist!(other.sql()),
                }
            }
            "asc" => q::asc(e(0)?),
            "desc" => q::desc(e(0)?),
            "count" if a.is_empty() => q::count(),
            "count" => q::count_of(e(0)?),
            "countDistinct" => q::count_distinct(e(0)?),
            "sum" => q::sum(e(0)?),
            "sumDistinct" => q::sum_distinct(e(0)?),
            "avg" => q::avg(e(0)?),
            "avgDistinct" => q::avg_distinct(e(0)?),
            "min" => q::min(e(0)?),
            "max" => q::max(e(0)?),
            other => return Err(bad(format!("unknown function {other}()"))),
        })
    }

    fn subquery(&self, sq: SubqueryDesc<'_>) -> Result<q::Subquery> {
        match sq {
            SubqueryDesc::Cte { name, q, fields, schema } => {
                let mut b = q::cte(name);
                if let Some(f) = fields {
                    b = b.fields(self.selection(f)?);
                }
                if let Some(s) = schema {
                    b = b.schema(s);
                }
                match self.statement(q)? {
                    Statement::Select(s) => Ok(b.as_(s)),
                    Statement::Insert(s) => Ok(b.as_(s)),
                    Statement::Update(s) => Ok(b.as_(s)),
                    Statement::Delete(s) => Ok(b.as_(s)),
                    Statement::Sql(s) => Ok(b.as_(s)),
                    Statement::Count(_) => Err(bad("$count cannot be a CTE")),
                }
            }
            SubqueryDesc::Select { q, alias } => match self.statement(q)? {
                Statement::Select(s) => Ok(s.as_(alias)),
                _ => Err(bad("only a select can be a subquery")),
            },
        }
    }

    fn source(&self, n: Node<'_>) -> Result<Source> {
        match n {
            Node::Table(t, _) => Ok(Source::Table(self.table(t)?)),
            Node::Subquery(sq, None) => Ok(Source::Subquery(self.subquery(sq)?)),
            Node::Template(..) => Ok(Source::Sql(self.sql(n)?)),
            _ => Err(bad("expected a table, a subquery or sql as a source")),
        }
    }

    /// `[[key, node | {"n": [...]}], ...]`
    pub(super) fn selection(&self, fields: Sel<'_>) -> Result<Selection> {
        let mut sel = Selection::new();
        for field in fields.iter() {
            let (k, v) = field?;
            sel = match v {
                Node::Nested(nested) => sel.field(k, self.selection(nested)?),
                other => sel.field(k, self.node(other)?.field()),
            };
        }
        Ok(sel)
    }

    /// A value, a placeholder, or SQL (column defaults, inserted and set values).
    pub(super) fn value_or_sql(&self, n: Node<'_>) -> Result<ValueOrSql> {
        if let Node::Placeholder(p, _) = n {
            return Ok(ValueOrSql::Placeholder(p.to_owned()));
        }
        Ok(match self.node(n)? {
            Built::Val(v) => ValueOrSql::Value(v),
            Built::Slot(name, None) => ValueOrSql::Placeholder(name),
            other => ValueOrSql::Sql(other.sql()),
        })
    }

    fn set_values(&self, pairs: Sel<'_>) -> Result<SetValues> {
        let mut set = SetValues::new();
        for pair in pairs.iter() {
            let (k, v) = pair?;
            set = set.set(k, self.value_or_sql(v)?);
        }
        Ok(set)
    }

    /// Builds a statement from its description.
    pub fn statement(&self, d: Desc<'_>) -> Result<Statement> {
        match d.kind()? {
            Kind::Select => self.select(d).map(Statement::Select),
            Kind::Insert => self.insert(d).map(Statement::Insert),
            Kind::Update => self.update(d).map(Statement::Update),
            Kind::Delete => {
                let mut del = self.query_builder(d)?.delete(self.table(d.table_id()?)?);
                if let Some(w) = d.filter()? {
                    del = del.filter(self.sql(w)?);
                }
                if let Some(r) = d.returning()? {
                    del = match r {
                        None => del.returning(),
                        Some(f) => del.returning_fields(self.selection(f)?),
                    };
                }
                Ok(Statement::Delete(del))
            }
            Kind::Sql => {
                let (parts, mods) = d.template()?;
                match self.template(parts, mods)? {
                    Field::Sql(s) => Ok(Statement::Sql(s)),
                    _ => Err(bad("an aliased sql cannot be executed")),
                }
            }
            Kind::Rel => self.relational(d).map(Statement::Select),
            Kind::Count => {
                let src = self.source(d.src()?.ok_or_else(|| bad("$count needs a source"))?)?;
                let filter = d.filter()?.map(|w| self.sql(w)).transpose()?;
                Ok(Statement::Count(q::count_rows(src, filter)))
            }
        }
    }

    /// The statement's `with` list (`db.with(cte, …)`).
    fn query_builder(&self, d: Desc<'_>) -> Result<q::QueryBuilder> {
        let ctes = d
            .with()?
            .iter()
            .map(|c| match c? {
                Node::Subquery(sq, None) => self.subquery(sq),
                _ => Err(bad("with() takes CTEs")),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(if ctes.is_empty() { q::QueryBuilder::new() } else { q::with(ctes.iter()) })
    }

    fn select(&self, d: Desc<'_>) -> Result<Select> {
        let fields = d.fields()?.map(|f| self.selection(f)).transpose()?;
        let qb = self.query_builder(d)?;
        let builder = match (d.distinct(), fields) {
            (Some(Some(on)), Some(f)) => qb.select_distinct_on_fields(self.sqls(on)?, f),
            (Some(Some(on)), None) => qb.select_distinct_on(self.sqls(on)?),
            (Some(None), Some(f)) => qb.select_distinct_fields(f),
            (Some(None), None) => qb.select_distinct(),
            (None, Some(f)) => qb.select_fields(f),
            (None, None) => qb.select(),
        };
        let mut s = builder.from(self.source(d.from()?.ok_or_else(|| bad("a select needs \"from\""))?)?);
        for join in d.joins()? {
            let Join { kind, src, on, lateral } = join?;
            let src = self.source(src)?;
            let on = on.map(|o| self.sql(o)).transpose()?;
            s = match (kind, lateral) {
                (JoinType::Left, false) => s.left_join(src, on),
                (JoinType::Left, true) => s.left_join_lateral(src, on),
                (JoinType::Inner, false) => s.inner_join(src, on),
                (JoinType::Inner, true) => s.inner_join_lateral(src, on),
                (JoinType::Right, _) => s.right_join(src, on),
                (JoinType::Full, _) => s.full_join(src, on),
                (JoinType::Cross, false) => s.cross_join(src),
                (JoinType::Cross, true) => s.cross_join_lateral(src),
            };
        }
        if let Some(w) = d.filter()? {
            s = s.filter(self.sql(w)?);
        }
        let group_by = d.group_by()?;
        if !group_by.is_empty() {
            s = s.group_by(self.sqls(group_by)?);
        }
        if let Some(h) = d.having()? {
            s = s.having(self.sql(h)?);
        }
        s = self.tail(s, d)?;
        if let Some(lock) = d.lock()? {
            let strength = match lock.strength {
                Strength::Update => q::LockStrength::Update,
                Strength::NoKeyUpdate => q::LockStrength::NoKeyUpdate,
                Strength::Share => q::LockStrength::Share,
                Strength::KeyShare => q::LockStrength::KeyShare,
            };
            let mut opts = q::LockOptions::new();
            for of in lock.of.iter() {
                opts = opts.of(self.source(of?)?);
            }
            if lock.no_wait {
                opts = opts.no_wait();
            }
            if lock.skip_locked {
                opts = opts.skip_locked();
            }
            s = s.for_(strength, opts);
        }
        for op in d.set_ops()? {
            let (op, q) = op?;
            let other = match self.statement(q)? {
                Statement::Select(o) => o,
                _ => return Err(bad("set operations combine selects")),
            };
            s = match op {
                SetOp::Union => s.union(other),
                SetOp::UnionAll => s.union_all(other),
                SetOp::Intersect => s.intersect(other),
                SetOp::IntersectAll => s.intersect_all(other),
                SetOp::Except => s.except(other),
                SetOp::ExceptAll => s.except_all(other),
            };
        }
        if let Some(after) = d.after()? {
            s = self.tail(s, after)?;
        }
        Ok(s)
    }

    /// `order by`, `limit`, `offset` (of a select, or of a compound select in `"after"`).
    fn tail(&self, mut s: Select, d: Desc<'_>) -> Result<Select> {
        let order_by = d.order_by()?;
        if !order_by.is_empty() {
            s = s.order_by(self.sqls(order_by)?);
        }
        if let Some(l) = d.limit()? {
            s = s.limit(limit_of(l)?);
        }
        if let Some(o) = d.offset()? {
            s = s.offset(limit_of(o)?);
        }
        Ok(s)
    }

    fn insert(&self, d: Desc<'_>) -> Result<Insert> {
        let mut b = self.query_builder(d)?.insert(self.table(d.table_id()?)?);
        if d.overriding() {
            b = b.overriding_system_value();
        }
        let mut ins = match d.select()? {
            Some(sel) => match self.statement(sel)? {
                Statement::Select(s) => b.select(s),
                Statement::Sql(s) => b.select(s),
                _ => return Err(bad("insert().select() needs a select or sql")),
            },
            None => {
                let mut rows = Vec::new();
                for row in d.rows()? {
                    let mut r = InsertRow::new();
                    for pair in row?.iter() {
                        let (k, v) = pair?;
                        r = r.set(k, self.value_or_sql(v)?);
                    }
                    rows.push(r);
                }
                b.values(rows)
            }
        };
        if let Some(c) = d.on_conflict()? {
            let target = match c.target()? {
                Some(cols) => {
                    let cols = cols.iter().map(|c| match self.node(c?)? {
                        Built::Expr(Field::Column(col)) => Ok(col),
                        _ => Err(bad("a conflict target must be columns")),
                    });
                    let mut target = ConflictTarget::columns(cols.collect::<Result<Vec<_>>>()?);
                    if let Some(w) = c.target_where()? {
                        target = target.target_where(self.sql(w)?);
                    }
                    Some(target)
                }
                None => None,
            };
            ins = match (c.action()?, target) {
                (ConflictAction::Nothing, None) => ins.on_conflict_do_nothing(),
                (ConflictAction::Nothing, Some(t)) => ins.on_conflict_do_nothing_on(t),
                (ConflictAction::Update, Some(t)) => {
                    let set = self.set_values(c.set()?)?;
                    let set_where = c.set_where()?.map(|w| self.sql(w)).transpose()?;
                    ins.on_conflict_do_update_where(t, set, set_where)
                }
                (ConflictAction::Update, None) => return Err(bad("onConflictDoUpdate needs a target")),
            };
        }
        if let Some(r) = d.returning()? {
            ins = match r {
                None => ins.returning(),
                Some(f) => ins.returning_fields(self.selection(f)?),
            };
        }
        Ok(ins)
    }

    fn update(&self, d: Desc<'_>) -> Result<Update> {
        let set = self.set_values(d.set()?)?;
        let mut u = self.query_builder(d)?.update(self.table(d.table_id()?)?).set(set);
        if let Some(f) = d.from()? {
            u = u.from(self.source(f)?);
        }
        for join in d.joins()? {
            let Join { kind, src, on, .. } = join?;
            let src = self.source(src)?;
            let on = on.map(|o| self.sql(o)).transpose()?;
            u = match kind {
                JoinType::Left => u.left_join(src, on),
                JoinType::Inner => u.inner_join(src, on),
                JoinType::Right => u.right_join(src, on),
                JoinType::Full => u.full_join(src, on),
                JoinType::Cross => return Err(bad("an update cannot cross join")),
            };
        }
        if let Some(w) = d.filter()? {
            u = u.filter(self.sql(w)?);
        }
        if let Some(r) = d.returning()? {
            u = match r {
                None => u.returning(),
                Some(f) => u.returning_fields(self.selection(f)?),
            };
        }
        Ok(u)
    }
}

/// A `limit`/`offset` node: a value, a slot, or a placeholder.
pub(super) fn limit_of(n: Node<'_>) -> Result<q::Limit> {
    match n {
        Node::Placeholder(p, _) => Ok(q::Limit::Placeholder(p.to_owned())),
        Node::Slot(i, _, _) => Ok(q::Limit::Placeholder(super::slot_name(i))),
        Node::Value(v, _, _) => v.as_i64().map(q::Limit::Value).ok_or_else(|| bad("limit/offset must be an integer")),
        _ => Err(bad("limit/offset must be an integer")),
    }
}

impl Statement {
    /// The statement embedded in a fragment (`(select …)`).
    fn embed(self) -> Result<Sql> {
        Ok(match self {
            Statement::Select(s) => {
                let mut chunks = Vec::with_capacity(1);
                s.push_to(&mut chunks);
                Sql::from_chunks(chunks)
            }
            Statement::Sql(s) => s,
            Statement::Count(c) => Sql::from(c),
            _ => return Err(bad("only a select, a sql fragment or $count can be embedded")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::describe::contract::{parse, value};

    #[test]
    fn bigints_beyond_64_bits_travel_as_their_digits() {
        let v = |s: &str| parse(s).and_then(|j| value(&j));
        assert_eq!(v(r#"{"$bigint":"-9223372036854775808"}"#).unwrap(), Value::BigInt(i64::MIN));
        assert_eq!(v(r#"{"$bigint":"18446744073709551616"}"#).unwrap(), Value::Text("18446744073709551616".into()));
        assert_eq!(
            v(r#"{"$bigint":"-1000000000000000000000"}"#).unwrap(),
            Value::Text("-1000000000000000000000".into())
        );
        assert!(v(r#"{"$bigint":"1e30"}"#).is_err());
        assert!(
            v(r#"{"$number":"-0"}"#).is_ok_and(|x| matches!(x, Value::Float(f) if f == 0.0 && f.is_sign_negative()))
        );
        assert_eq!(v(r#"{"$bytes":"4142"}"#).unwrap(), Value::Bytes(vec![0x41, 0x42]));
        assert!(v(r#"{"$bytes":"41x"}"#).is_err());
    }

    #[test]
    fn unreadable_descriptions_name_the_value_problem() {
        let e = parse(r#"["a\ud800b"]"#).unwrap_err();
        assert!(e.to_string().contains("lone UTF-16 surrogate"), "{e}");
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = parse(&deep).unwrap_err();
        assert!(e.to_string().contains("deeper than 127 levels"), "{e}");
    }
}
