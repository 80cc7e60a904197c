//! Expression nodes and statements from their JSON description (see the module docs).

use serde_json::Value as J;

use super::{bad, short, str_of, Registry};
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

/// An expression, a value, or a value slot of a cached shape (see [`super::SLOT`]).
#[derive(Clone, Debug)]
enum Node {
    Expr(Field),
    Val(Value),
    Slot(String, Option<Column>),
}

fn slot_chunk(name: String, encoder: Option<Column>) -> Chunk {
    Chunk::Placeholder(sql::Placeholder { name, encoder })
}

impl Node {
    fn field(self) -> Field {
        match self {
            Node::Expr(f) => f,
            Node::Val(v) => Field::Sql(sql::param(v)),
            Node::Slot(name, enc) => Field::Sql(Sql::from_chunks(vec![slot_chunk(name, enc)])),
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

impl Operand<Dyn> for Node {
    fn into_operand(self, encoder: Option<&Column>) -> Chunk {
        match self {
            Node::Val(v) => Chunk::Param(v, encoder.cloned()),
            Node::Slot(name, own) => slot_chunk(name, own.or_else(|| encoder.cloned())),
            Node::Expr(f) => <Field as Operand<Dyn>>::into_operand(f, encoder),
        }
    }
}
impl q::ArrayOperand<Dyn> for Node {}

fn arr<'a>(j: &'a J, key: &str) -> &'a [J] {
    j.get(key).and_then(J::as_array).map_or(&[], Vec::as_slice)
}

pub(super) fn present<'a>(j: &'a J, key: &str) -> Option<&'a J> {
    j.get(key).filter(|v| !v.is_null())
}

/// A JSON parameter value: `{"$bigint"}`, `{"$bytes"}`, `{"$json"}` tags; arrays element-wise.
pub(super) fn value(j: &J) -> Result<Value> {
    Ok(match j {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        J::String(s) => Value::Text(s.clone()),
        J::Array(a) => Value::Array(a.iter().map(value).collect::<Result<_>>()?),
        J::Object(o) => {
            if let Some(b) = o.get("$bigint").and_then(J::as_str) {
                match b.parse() {
                    Ok(i) => Value::BigInt(i),
                    // beyond 64 bits: its digits, as drizzle sends String(v) (numeric takes them;
                    // a bigint column gets PostgreSQL's out-of-range error)
                    Err(_) if is_integer_literal(b) => Value::Text(b.to_string()),
                    Err(_) => return Err(bad(format!("BigInt {b} is not an integer"))),
                }
            } else if let Some(h) = o.get("$bytes").and_then(J::as_str) {
                Value::Bytes(unhex(h)?)
            } else if let Some(n) = o.get("$number").and_then(J::as_str) {
                Value::Float(n.parse().unwrap_or(f64::NAN))
            } else if let Some(x) = o.get("$json") {
                Value::Json(x.clone())
            } else {
                Value::Json(j.clone())
            }
        }
    })
}

fn is_integer_literal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn unhex(h: &str) -> Result<Vec<u8>> {
    let b = h.as_bytes();
    if !b.len().is_multiple_of(2) {
        return Err(bad("odd-length hex bytes"));
    }
    b.chunks(2)
        .map(|p| match (edgepg::types::hex_digit(p[0]), edgepg::types::hex_digit(p[1])) {
            (Some(h), Some(l)) => Ok(h * 16 + l),
            _ => Err(bad("invalid hex bytes")),
        })
        .collect()
}

impl Registry {
    fn column_of(&self, j: &J) -> Result<Column> {
        let pair =
            j.as_array().filter(|a| a.len() == 2).ok_or_else(|| bad(format!("bad column reference {}", short(j))))?;
        let t = self.table(pair[0].as_u64().unwrap_or(u64::MAX))?;
        t.col(pair[1].as_str().unwrap_or(""))
    }

    fn node(&self, j: &J) -> Result<Node> {
        let n = self.node_inner(j)?;
        let modified = ["as", "map", "inline"].iter().any(|k| j.get(k).is_some());
        if !modified || j.get("s").is_some() || j.get("sq").is_some() {
            return Ok(n); // templates apply their own modifiers; a subquery's "as" is its alias
        }
        Ok(Node::Expr(self.modifiers(n.sql(), j)?))
    }

    /// `"inline"`, `"map"` and `"as"` of a node (`.inlineParams()`, `.mapWith()`, `.as()`).
    fn modifiers(&self, mut s: Sql, j: &J) -> Result<Field> {
        if j.get("inline").and_then(J::as_bool) == Some(true) {
            s = s.inline_params();
        }
        match j.get("map") {
            Some(J::String(m)) if m == "number" => s = s.map_with(Decoder::Number),
            Some(J::String(m)) if m == "string" => s = s.map_with(Decoder::String),
            Some(c @ J::Array(_)) => s = s.map_with(Decoder::Column(self.column_of(c)?)),
            _ => {}
        }
        Ok(match j.get("as").and_then(J::as_str) {
            Some(alias) => Field::Aliased(s.as_(alias)),
            None => Field::Sql(s),
        })
    }

    fn node_inner(&self, j: &J) -> Result<Node> {
        let o = j.as_object().ok_or_else(|| bad(format!("expected an expression, got {}", short(j))))?;
        if let Some(c) = o.get("c") {
            return Ok(Node::Expr(Field::Column(self.column_of(c)?)));
        }
        if let Some(i) = o.get("p").and_then(J::as_u64) {
            let enc = o.get("enc").map(|e| self.column_of(e)).transpose()?;
            return Ok(Node::Slot(super::slot_name(i), enc));
        }
        if let Some(v) = o.get("v") {
            if let Some(enc) = o.get("enc") {
                return Ok(Node::Expr(Field::Sql(sql::param_with(value(v)?, &self.column_of(enc)?))));
            }
            return Ok(Node::Val(value(v)?));
        }
        if let Some(e) = o.get("enum") {
            let name = e.get(0).and_then(J::as_str).unwrap_or("");
            let en = match e.get(1).and_then(J::as_str) {
                Some(schema) => edgepg::schema::pg_schema(schema).enum_(name, Vec::<String>::new()),
                None => edgepg::schema::pg_enum(name, Vec::<String>::new()),
            };
            let mut chunks = Vec::with_capacity(1);
            (&en).push_to(&mut chunks);
            return Ok(Node::Expr(Field::Sql(Sql::from_chunks(chunks))));
        }
        if o.contains_key("s") {
            return Ok(Node::Expr(self.template(j)?));
        }
        if let Some(t) = o.get("t") {
            return Ok(Node::Expr(Field::Sql(Sql::from(&self.table(t.as_u64().unwrap_or(u64::MAX))?))));
        }
        if let Some(p) = o.get("ph").and_then(J::as_str) {
            return Ok(Node::Expr(Field::Sql(sql::placeholder(p).into())));
        }
        if let Some(i) = o.get("id").and_then(J::as_str) {
            return Ok(Node::Expr(Field::Sql(sql::identifier(i.to_owned()))));
        }
        if let Some(f) = o.get("f").and_then(J::as_str) {
            return Ok(Node::Expr(Field::Sql(self.call(f, arr(j, "a"))?)));
        }
        if o.contains_key("sq") || o.contains_key("cte") {
            let sq = self.subquery(j)?;
            // `"k"`: a field's key, or the path to a field inside a nested selection
            return match o.get("k") {
                Some(J::String(k)) => Ok(Node::Expr(sq.field(k)?)),
                Some(J::Array(path)) => {
                    let keys: Vec<&str> = path.iter().filter_map(J::as_str).collect();
                    let (first, rest) = keys.split_first().ok_or_else(|| bad("empty subquery field path"))?;
                    Ok(Node::Expr(rest.iter().fold(sq.field(first)?, |f, k| f.get(k))))
                }
                Some(other) => Err(bad(format!("bad subquery field key {}", short(other)))),
                None => Ok(Node::Expr(Field::Subquery(sq))),
            };
        }
        if let Some(st) = o.get("q") {
            return Ok(Node::Expr(Field::Sql(self.statement(st)?.embed()?)));
        }
        Err(bad(format!("unknown expression {}", short(j))))
    }

    /// A `sql` template node.
    pub(super) fn template(&self, j: &J) -> Result<Field> {
        let mut chunks = Vec::new();
        for part in arr(j, "s") {
            match part {
                J::String(s) => sql::raw(s.clone()).push_to(&mut chunks),
                other => match self.node(other)? {
                    Node::Val(v) => v.push_to(&mut chunks),
                    Node::Expr(f) => f.push_to(&mut chunks),
                    slot @ Node::Slot(..) => slot.field().push_to(&mut chunks),
                },
            }
        }
        self.modifiers(Sql::from_chunks(chunks), j)
    }

    pub(super) fn sql(&self, j: &J) -> Result<Sql> {
        Ok(self.node(j)?.sql())
    }

    fn sqls(&self, items: &[J]) -> Result<Vec<Sql>> {
        items.iter().map(|n| Ok(self.node(n)?.sql())).collect()
    }

    /// Operators and functions: the Rust builder functions of the same (drizzle) name.
    fn call(&self, f: &str, a: &[J]) -> Result<Sql> {
        let n = |i: usize| {
            a.get(i).ok_or_else(|| bad(format!("{f}() needs {} arguments", i + 1))).and_then(|j| self.node(j))
        };
        let e = |i: usize| n(i).map(Node::field);
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
            "inArray" | "notInArray" => {
                let list = a.get(1).ok_or_else(|| bad(format!("{f}() needs 2 arguments")))?;
                match list.as_array() {
                    Some(items) => {
                        let items = items.iter().map(|i| self.node(i)).collect::<Result<Vec<_>>>()?;
                        if f == "inArray" {
                            q::in_array(e(0)?, items)
                        } else {
                            q::not_in_array(e(0)?, items)
                        }
                    }
                    None if f == "inArray" => q::in_select(e(0)?, n(1)?.sql()),
                    None => q::not_in_select(e(0)?, n(1)?.sql()),
                }
            }
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
                if matches!(&right, Node::Val(Value::Array(a)) if a.is_empty()) {
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
                    Node::Val(Value::Array(items)) => {
                        let nums = items.iter().map(|v| match v {
                            Value::Int(i) => Ok(*i as f64),
                            Value::Float(x) => Ok(*x),
                            _ => Err(bad(format!("{f}() needs numbers"))),
                        });
                        dist!(nums.collect::<Result<Vec<f64>>>()?)
                    }
                    Node::Val(Value::Text(t)) => dist!(t.as_str()),
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

    fn subquery(&self, j: &J) -> Result<q::Subquery> {
        if let Some(name) = j.get("cte").and_then(J::as_str) {
            let body = self.statement(j.get("q").unwrap_or(&J::Null))?;
            let mut b = q::cte(name);
            if let Some(f) = present(j, "fields") {
                b = b.fields(self.selection(f)?);
            }
            if let Some(s) = j.get("schema").and_then(J::as_str) {
                b = b.schema(s);
            }
            return match body {
                Statement::Select(s) => Ok(b.as_(s)),
                Statement::Insert(s) => Ok(b.as_(s)),
                Statement::Update(s) => Ok(b.as_(s)),
                Statement::Delete(s) => Ok(b.as_(s)),
                Statement::Sql(s) => Ok(b.as_(s)),
                Statement::Count(_) => Err(bad("$count cannot be a CTE")),
            };
        }
        let alias = str_of(j, "as")?;
        match self.statement(j.get("sq").unwrap_or(&J::Null))? {
            Statement::Select(s) => Ok(s.as_(alias)),
            _ => Err(bad("only a select can be a subquery")),
        }
    }

    fn source(&self, j: &J) -> Result<Source> {
        if let Some(t) = j.get("t") {
            return Ok(Source::Table(self.table(t.as_u64().unwrap_or(u64::MAX))?));
        }
        if j.get("sq").is_some() || j.get("cte").is_some() {
            return Ok(Source::Subquery(self.subquery(j)?));
        }
        if j.get("s").is_some() {
            return Ok(Source::Sql(self.node(j)?.sql()));
        }
        Err(bad(format!("expected a table, a subquery or sql, got {}", short(j))))
    }

    /// `[[key, node | {"n": [...]}], ...]`
    fn selection(&self, j: &J) -> Result<Selection> {
        let mut sel = Selection::new();
        for pair in j.as_array().ok_or_else(|| bad(format!("bad field list {}", short(j))))? {
            let (k, v) = match pair.as_array().map(Vec::as_slice) {
                Some([J::String(k), v]) => (k, v),
                _ => return Err(bad(format!("bad field {}", short(pair)))),
            };
            sel = match v.get("n") {
                Some(nested) => sel.field(k, self.selection(nested)?),
                None => sel.field(k, self.node(v)?.field()),
            };
        }
        Ok(sel)
    }

    pub(super) fn value_or_sql(&self, j: &J) -> Result<ValueOrSql> {
        if let Some(p) = j.get("ph").and_then(J::as_str) {
            return Ok(ValueOrSql::Placeholder(p.to_owned()));
        }
        Ok(match self.node(j)? {
            Node::Val(v) => ValueOrSql::Value(v),
            Node::Slot(name, None) => ValueOrSql::Placeholder(name),
            other => ValueOrSql::Sql(other.sql()),
        })
    }

    fn set_values(&self, j: &J) -> Result<SetValues> {
        let mut set = SetValues::new();
        for pair in j.as_array().map_or(&[][..], Vec::as_slice) {
            match pair.as_array().map(Vec::as_slice) {
                Some([J::String(k), v]) => set = set.set(k, self.value_or_sql(v)?),
                _ => return Err(bad(format!("bad set entry {}", short(pair)))),
            }
        }
        Ok(set)
    }

    /// Builds a statement from its description.
    pub fn statement(&self, j: &J) -> Result<Statement> {
        match str_of(j, "k")? {
            "select" => self.select(j).map(Statement::Select),
            "insert" => self.insert(j).map(Statement::Insert),
            "update" => self.update(j).map(Statement::Update),
            "delete" => {
                let t = self.table(j.get("table").and_then(J::as_u64).unwrap_or(u64::MAX))?;
                let mut d = self.query_builder(j)?.delete(t);
                if let Some(w) = present(j, "where") {
                    d = d.filter(self.node(w)?.sql());
                }
                if let Some(r) = present(j, "returning") {
                    d = if r.is_boolean() { d.returning() } else { d.returning_fields(self.selection(r)?) };
                }
                Ok(Statement::Delete(d))
            }
            "sql" => match self.template(j)? {
                Field::Sql(s) => Ok(Statement::Sql(s)),
                _ => Err(bad("an aliased sql cannot be executed")),
            },
            "rel" => self.relational(j).map(Statement::Select),
            "count" => {
                let src = self.source(j.get("src").unwrap_or(&J::Null))?;
                let filter = present(j, "where").map(|w| self.node(w).map(Node::sql)).transpose()?;
                Ok(Statement::Count(q::count_rows(src, filter)))
            }
            other => Err(bad(format!("unknown statement kind {other:?}"))),
        }
    }

    /// The statement's `with` list (`db.with(cte, …)`).
    fn query_builder(&self, j: &J) -> Result<q::QueryBuilder> {
        let ctes = arr(j, "with").iter().map(|c| self.subquery(c)).collect::<Result<Vec<_>>>()?;
        Ok(if ctes.is_empty() { q::QueryBuilder::new() } else { q::with(ctes.iter()) })
    }

    fn select(&self, j: &J) -> Result<Select> {
        let fields = present(j, "fields").map(|f| self.selection(f)).transpose()?;
        let qb = self.query_builder(j)?;
        let builder = match (present(j, "distinct"), fields) {
            (Some(J::Array(on)), Some(f)) => qb.select_distinct_on_fields(self.sqls(on)?, f),
            (Some(J::Array(on)), None) => qb.select_distinct_on(self.sqls(on)?),
            (Some(_), Some(f)) => qb.select_distinct_fields(f),
            (Some(_), None) => qb.select_distinct(),
            (None, Some(f)) => qb.select_fields(f),
            (None, None) => qb.select(),
        };
        let mut s = builder.from(self.source(j.get("from").unwrap_or(&J::Null))?);
        for join in arr(j, "joins") {
            let src = self.source(join.get("src").unwrap_or(&J::Null))?;
            let on = present(join, "on").map(|o| self.node(o).map(Node::sql)).transpose()?;
            let lateral = join.get("lateral").and_then(J::as_bool) == Some(true);
            s = match (str_of(join, "type")?, lateral) {
                ("left", false) => s.left_join(src, on),
                ("left", true) => s.left_join_lateral(src, on),
                ("inner", false) => s.inner_join(src, on),
                ("inner", true) => s.inner_join_lateral(src, on),
                ("right", _) => s.right_join(src, on),
                ("full", _) => s.full_join(src, on),
                ("cross", false) => s.cross_join(src),
                ("cross", true) => s.cross_join_lateral(src),
                (other, _) => return Err(bad(format!("unknown join type {other:?}"))),
            };
        }
        if let Some(w) = present(j, "where") {
            s = s.filter(self.node(w)?.sql());
        }
        if !arr(j, "groupBy").is_empty() {
            s = s.group_by(self.sqls(arr(j, "groupBy"))?);
        }
        if let Some(h) = present(j, "having") {
            s = s.having(self.node(h)?.sql());
        }
        s = self.tail(s, j)?;
        if let Some(lock) = present(j, "lock") {
            let strength = match str_of(lock, "strength")? {
                "update" => q::LockStrength::Update,
                "no key update" => q::LockStrength::NoKeyUpdate,
                "share" => q::LockStrength::Share,
                "key share" => q::LockStrength::KeyShare,
                other => return Err(bad(format!("unknown lock strength {other:?}"))),
            };
            let mut opts = q::LockOptions::new();
            for of in arr(lock, "of") {
                opts = opts.of(self.source(of)?);
            }
            if lock.get("noWait").and_then(J::as_bool) == Some(true) {
                opts = opts.no_wait();
            }
            if lock.get("skipLocked").and_then(J::as_bool) == Some(true) {
                opts = opts.skip_locked();
            }
            s = s.for_(strength, opts);
        }
        for op in arr(j, "setOps") {
            let other = match self.statement(op.get("q").unwrap_or(&J::Null))? {
                Statement::Select(o) => o,
                _ => return Err(bad("set operations combine selects")),
            };
            s = match str_of(op, "op")? {
                "union" => s.union(other),
                "unionAll" => s.union_all(other),
                "intersect" => s.intersect(other),
                "intersectAll" => s.intersect_all(other),
                "except" => s.except(other),
                "exceptAll" => s.except_all(other),
                o => return Err(bad(format!("unknown set operation {o:?}"))),
            };
        }
        if let Some(after) = present(j, "after") {
            s = self.tail(s, after)?;
        }
        Ok(s)
    }

    /// `order by`, `limit`, `offset` (of a select, or of a compound select in `"after"`).
    fn tail(&self, mut s: Select, j: &J) -> Result<Select> {
        if !arr(j, "orderBy").is_empty() {
            s = s.order_by(self.sqls(arr(j, "orderBy"))?);
        }
        if let Some(l) = present(j, "limit") {
            s = s.limit(limit_of(l)?);
        }
        if let Some(o) = present(j, "offset") {
            s = s.offset(limit_of(o)?);
        }
        Ok(s)
    }

    fn insert(&self, j: &J) -> Result<Insert> {
        let t = self.table(j.get("table").and_then(J::as_u64).unwrap_or(u64::MAX))?;
        let mut b = self.query_builder(j)?.insert(t);
        if j.get("overriding").and_then(J::as_bool) == Some(true) {
            b = b.overriding_system_value();
        }
        let mut ins = match present(j, "select") {
            Some(sel) => match self.statement(sel)? {
                Statement::Select(s) => b.select(s),
                Statement::Sql(s) => b.select(s),
                _ => return Err(bad("insert().select() needs a select or sql")),
            },
            None => {
                let mut rows = Vec::new();
                for row in arr(j, "rows") {
                    let mut r = InsertRow::new();
                    for pair in row.as_array().map_or(&[][..], Vec::as_slice) {
                        match pair.as_array().map(Vec::as_slice) {
                            Some([J::String(k), v]) => r = r.set(k, self.value_or_sql(v)?),
                            _ => return Err(bad(format!("bad insert value {}", short(pair)))),
                        }
                    }
                    rows.push(r);
                }
                b.values(rows)
            }
        };
        if let Some(c) = present(j, "onConflict") {
            let target = match present(c, "target") {
                Some(t) => {
                    let cols = t.as_array().map_or(&[][..], Vec::as_slice);
                    let cols = cols.iter().map(|c| match self.node(c)? {
                        Node::Expr(Field::Column(col)) => Ok(col),
                        _ => Err(bad("a conflict target must be columns")),
                    });
                    let mut target = ConflictTarget::columns(cols.collect::<Result<Vec<_>>>()?);
                    if let Some(w) = present(c, "targetWhere") {
                        target = target.target_where(self.node(w)?.sql());
                    }
                    Some(target)
                }
                None => None,
            };
            ins = match (str_of(c, "do")?, target) {
                ("nothing", None) => ins.on_conflict_do_nothing(),
                ("nothing", Some(t)) => ins.on_conflict_do_nothing_on(t),
                ("update", Some(t)) => {
                    let set = self.set_values(c.get("set").unwrap_or(&J::Null))?;
                    let set_where = present(c, "setWhere").map(|w| self.node(w).map(Node::sql)).transpose()?;
                    ins.on_conflict_do_update_where(t, set, set_where)
                }
                ("update", None) => return Err(bad("onConflictDoUpdate needs a target")),
                (other, _) => return Err(bad(format!("unknown conflict action {other:?}"))),
            };
        }
        if let Some(r) = present(j, "returning") {
            ins = if r.is_boolean() { ins.returning() } else { ins.returning_fields(self.selection(r)?) };
        }
        Ok(ins)
    }

    fn update(&self, j: &J) -> Result<Update> {
        let t = self.table(j.get("table").and_then(J::as_u64).unwrap_or(u64::MAX))?;
        let mut u = self.query_builder(j)?.update(t).set(self.set_values(j.get("set").unwrap_or(&J::Null))?);
        if let Some(f) = present(j, "from") {
            u = u.from(self.source(f)?);
        }
        for join in arr(j, "joins") {
            let src = self.source(join.get("src").unwrap_or(&J::Null))?;
            let on = present(join, "on").map(|o| self.node(o).map(Node::sql)).transpose()?;
            u = match str_of(join, "type")? {
                "left" => u.left_join(src, on),
                "inner" => u.inner_join(src, on),
                "right" => u.right_join(src, on),
                "full" => u.full_join(src, on),
                other => return Err(bad(format!("unknown join type {other:?}"))),
            };
        }
        if let Some(w) = present(j, "where") {
            u = u.filter(self.node(w)?.sql());
        }
        if let Some(r) = present(j, "returning") {
            u = if r.is_boolean() { u.returning() } else { u.returning_fields(self.selection(r)?) };
        }
        Ok(u)
    }
}

pub(super) fn limit_of(j: &J) -> Result<q::Limit> {
    if let Some(p) = j.get("ph").and_then(J::as_str) {
        return Ok(q::Limit::Placeholder(p.into()));
    }
    if let Some(i) = j.get("p").and_then(J::as_u64) {
        return Ok(q::Limit::Placeholder(super::slot_name(i)));
    }
    let v = j.get("v").unwrap_or(j);
    v.as_i64().map(q::Limit::Value).ok_or_else(|| bad(format!("limit/offset must be an integer, got {}", short(j))))
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

    #[test]
    fn bigints_beyond_64_bits_travel_as_their_digits() {
        let v = |s: &str| value(&serde_json::from_str(s).unwrap());
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
    }

    #[test]
    fn unreadable_descriptions_name_the_value_problem() {
        let e = serde_json::from_str::<J>(r#"["a\ud800b"]"#).unwrap_err();
        assert!(crate::describe::malformed(&e).contains("lone UTF-16 surrogate"), "{e}");
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = serde_json::from_str::<J>(&deep).unwrap_err();
        assert!(crate::describe::malformed(&e).contains("deeper than 127 levels"));
    }
}
