//! The contract between the npm package's facade and this module: what `pkg-template/sql.js`,
//! `operators.js`, `builders.js`, `relational.js` and `pg-core.js` write as JSON text, as typed
//! Rust views (its TypeScript declaration is `pkg-template/description.d.ts`). The rest of
//! `describe` reads descriptions only through these types, and every match over them is
//! exhaustive; no other code names a key of the JSON.
//!
//! The text is parsed by this module's small JSON reader (`json.rs`) into serde_json's `Value`
//! (linked anyway: parameter values carry JSON documents, [`edgepg::Value::Json`]); each type here
//! is a view that borrows the parsed value and classifies it on demand (a node's kind, a
//! statement's keys). Measured on the main wasm module (gzip): serde-derived owned types cost
//! +56 KB, hand-written owned types +17 KB, these views +8.5 KB over reading the JSON directly —
//! and the reader, replacing serde_json's deserializer, saves 13.5 KB: in all, the module is
//! 5 KB smaller than before the contract.
//!
//! Objects are read by key in any order; keys not named here are ignored. An expression node is
//! an object with ONE of the keys below (plus the modifiers `as`, `map`, `inline` where they
//! apply), or an array of nodes:
//!
//! | JSON | [`Node`] |
//! |---|---|
//! | `{"c":[table, "key"]}` | a column of a registered table (or alias) |
//! | `{"v": value, "enc"?: [table, "key"]}` | a parameter; `{"$bigint":"…"}` is a BigInt, `{"$bytes":"hex"}` bytes, `{"$number":"NaN"}` a float JSON cannot write, `{"$json": x}` a JSON document |
//! | `{"p": i, "enc"?: [table, "key"]}` | value slot `i` of a cached shape |
//! | `{"s":[part, …]}` | a `sql` template: string parts are raw text, others nodes |
//! | `{"t": table}` | a table reference |
//! | `{"ph": "name"}` | a placeholder |
//! | `{"id": "name"}` | an identifier |
//! | `{"enum": [name, schema?]}` | an enum type's name |
//! | `{"f": "eq", "a": [node, …]}` | an operator or function (`eq`, `and`, `count`, `desc`, …) |
//! | `{"q": statement}` | a statement, embedded as `(…)` |
//! | `{"sq": statement, "as": alias, "k"?: key or path}` | a subquery (as a source), or one of its fields |
//! | `{"cte": alias, "q": statement, "fields"?, "schema"?, "k"?}` | a CTE (`$with`), or one of its fields |
//! | `{"n": [[key, node], …]}` | a nested selection (inside a field list) |
//! | `[node, …]` | a list (`inArray`'s values) |
//!
//! Modifiers: `"as"` (`.as(alias)`), `"map"` (`.mapWith()`: `"number"`, `"string"` or a column
//! reference), `"inline"` (`.inlineParams()`). A statement is an object whose `"k"` names its
//! kind ([`Kind`]); [`Statement`]'s accessors name its other keys.

use serde_json::Value as J;

use super::{bad, short};
use edgepg::{Result, Value};

#[inline(never)]
fn expected<T>(what: &str, j: &J) -> Result<T> {
    Err(bad(format!("expected {what}, got {}", short(j))))
}

/// The value under `key`; `None` when absent or `null`.
#[inline(never)]
fn get<'a>(j: &'a J, key: &str) -> Option<&'a J> {
    j.get(key).filter(|v| !v.is_null())
}

#[inline(never)]
fn str_at<'a>(j: &'a J, key: &str) -> Result<Option<&'a str>> {
    match get(j, key) {
        None => Ok(None),
        Some(J::String(s)) => Ok(Some(s)),
        Some(other) => expected("a string", other),
    }
}

#[inline(never)]
fn u64_at(j: &J, key: &str) -> Result<Option<u64>> {
    match get(j, key) {
        None => Ok(None),
        Some(v) => {
            v.as_u64().map_or_else(|| expected(&format!("a non-negative integer for \"{key}\""), v), |n| Ok(Some(n)))
        }
    }
}

/// `true` under `key` (anything else is false).
#[inline(never)]
fn flag(j: &J, key: &str) -> bool {
    j.get(key) == Some(&J::Bool(true))
}

#[inline(never)]
fn items<'a>(j: &'a J, key: &str) -> Result<&'a [J]> {
    match get(j, key) {
        None => Ok(&[]),
        Some(J::Array(a)) => Ok(a),
        Some(other) => expected("an array", other),
    }
}

#[inline(never)]
fn required<T>(v: Option<T>, what: &str, j: &J) -> Result<T> {
    v.map_or_else(|| expected(what, j), Ok)
}

/// `[table id, "key"]`: a column of a registered table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColRef<'a> {
    /// The table's (or alias's) id.
    pub table: u64,
    /// The column's key.
    pub key: &'a str,
}

impl<'a> ColRef<'a> {
    /// Reads `[table, "key"]`.
    #[inline(never)]
    pub fn read(j: &'a J) -> Result<ColRef<'a>> {
        match j.as_array().map(Vec::as_slice) {
            Some([J::Number(t), J::String(k)]) if t.as_u64().is_some() => {
                Ok(ColRef { table: t.as_u64().unwrap_or(u64::MAX), key: k })
            }
            _ => expected("a column reference [table, key]", j),
        }
    }
    fn at(j: &'a J, key: &str) -> Result<Option<ColRef<'a>>> {
        get(j, key).map(ColRef::read).transpose()
    }
}

/// `.mapWith(…)`: `"number"`, `"string"`, or a column's decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapWith<'a> {
    /// `Number`.
    Number,
    /// `String`.
    String,
    /// A column (`mapWith(users.id)`).
    Column(ColRef<'a>),
}

/// `.as()`, `.mapWith()`, `.inlineParams()` of a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mods<'a> {
    /// `.as(alias)`.
    pub alias: Option<&'a str>,
    /// `.mapWith(decoder)`.
    pub map: Option<MapWith<'a>>,
    /// `.inlineParams()`.
    pub inline: bool,
}

impl<'a> Mods<'a> {
    /// The modifiers of object `j`.
    #[inline(never)]
    pub fn read(j: &'a J) -> Result<Mods<'a>> {
        let map = match get(j, "map") {
            None => None,
            Some(J::String(s)) if s == "number" => Some(MapWith::Number),
            Some(J::String(s)) if s == "string" => Some(MapWith::String),
            Some(c @ J::Array(_)) => Some(MapWith::Column(ColRef::read(c)?)),
            Some(other) => return expected("\"number\", \"string\" or a column reference for \"map\"", other),
        };
        Ok(Mods { alias: str_at(j, "as")?, map, inline: flag(j, "inline") })
    }
    /// No modifier at all.
    pub fn is_empty(&self) -> bool {
        self.alias.is_none() && self.map.is_none() && !self.inline
    }
}

/// A subquery field's key, or the path to a field inside a nested selection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldKey<'a> {
    /// `"key"`.
    One(&'a str),
    /// `["group", "key"]`.
    Path(&'a [J]),
}

/// A list of nodes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nodes<'a>(pub &'a [J]);

impl<'a> Nodes<'a> {
    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// None at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The `i`-th node.
    pub fn get(&self, i: usize) -> Option<Result<Node<'a>>> {
        self.0.get(i).map(Node::read)
    }
    /// Each node.
    pub fn iter(&self) -> impl Iterator<Item = Result<Node<'a>>> + 'a {
        self.0.iter().map(Node::read)
    }
}

/// A part of a `sql` template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part<'a> {
    /// Raw SQL text.
    Raw(&'a str),
    /// Anything else.
    Node(Node<'a>),
}

/// The parts of a `sql` template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts<'a>(pub &'a [J]);

impl<'a> Parts<'a> {
    /// Each part.
    pub fn iter(&self) -> impl Iterator<Item = Result<Part<'a>>> + 'a {
        self.0.iter().map(|j| match j {
            J::String(s) => Ok(Part::Raw(s)),
            other => Node::read(other).map(Part::Node),
        })
    }
}

/// `[[key, node | {"n": …}], …]`: a selection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Selection<'a>(pub &'a [J]);

impl<'a> Selection<'a> {
    /// Each `(key, node)`.
    pub fn iter(&self) -> impl Iterator<Item = Result<(&'a str, Node<'a>)>> + 'a {
        self.0.iter().map(pair)
    }
}

/// `[key, node]`.
#[inline(never)]
fn pair(j: &J) -> Result<(&str, Node<'_>)> {
    match j.as_array().map(Vec::as_slice) {
        Some([J::String(k), v]) => Ok((k, Node::read(v)?)),
        _ => expected("a [key, node] pair", j),
    }
}

/// A subquery or a CTE.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Subquery<'a> {
    /// `{"sq": statement, "as": alias}`
    Select {
        /// The statement.
        q: Statement<'a>,
        /// Its alias.
        alias: &'a str,
    },
    /// `{"cte": alias, "q": statement, "fields"?, "schema"?}`
    Cte {
        /// Its name.
        name: &'a str,
        /// The statement.
        q: Statement<'a>,
        /// Its declared fields (`$with(alias, fields)`).
        fields: Option<Selection<'a>>,
        /// Its schema.
        schema: Option<&'a str>,
    },
}

/// An expression node (see the table in the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node<'a> {
    /// `{"c"}`
    Column(ColRef<'a>, Mods<'a>),
    /// `{"v"}`: the value's JSON (read with [`value`]).
    Value(&'a J, Option<ColRef<'a>>, Mods<'a>),
    /// `{"p"}`
    Slot(u64, Option<ColRef<'a>>, Mods<'a>),
    /// `{"s"}`
    Template(Parts<'a>, Mods<'a>),
    /// `{"t"}`
    Table(u64, Mods<'a>),
    /// `{"ph"}`
    Placeholder(&'a str, Mods<'a>),
    /// `{"id"}`
    Ident(&'a str, Mods<'a>),
    /// `{"enum"}`: name and schema.
    Enum(&'a str, Option<&'a str>, Mods<'a>),
    /// `{"f", "a"}`
    Call(&'a str, Nodes<'a>, Mods<'a>),
    /// `{"q"}`
    Embed(Statement<'a>, Mods<'a>),
    /// `{"sq"}` or `{"cte"}`, with `"k"` when it names one of its fields.
    Subquery(Subquery<'a>, Option<FieldKey<'a>>),
    /// `{"n"}`
    Nested(Selection<'a>),
    /// `[…]`
    List(Nodes<'a>),
}

impl<'a> Node<'a> {
    /// Classifies `j` (its children are read when used).
    #[inline(never)]
    pub fn read(j: &'a J) -> Result<Node<'a>> {
        let o = match j {
            J::Array(a) => return Ok(Node::List(Nodes(a))),
            J::Object(o) => o,
            other => return expected("an expression node", other),
        };
        let key = |k: &str| get(j, k);
        let field_key = || -> Result<Option<FieldKey<'a>>> {
            Ok(match get(j, "k") {
                None => None,
                Some(J::String(s)) => Some(FieldKey::One(s)),
                Some(J::Array(p)) => Some(FieldKey::Path(p)),
                Some(other) => return expected("a field's key or path", other),
            })
        };
        Ok(if let Some(c) = key("c") {
            Node::Column(ColRef::read(c)?, Mods::read(j)?)
        } else if let Some(v) = o.get("v") {
            Node::Value(v, ColRef::at(j, "enc")?, Mods::read(j)?)
        } else if let Some(i) = u64_at(j, "p")? {
            Node::Slot(i, ColRef::at(j, "enc")?, Mods::read(j)?)
        } else if let Some(s) = key("s") {
            let parts = s.as_array().map_or_else(|| expected("the parts of a sql template", s), Ok)?;
            Node::Template(Parts(parts), Mods::read(j)?)
        } else if let Some(t) = u64_at(j, "t")? {
            Node::Table(t, Mods::read(j)?)
        } else if let Some(name) = str_at(j, "ph")? {
            Node::Placeholder(name, Mods::read(j)?)
        } else if let Some(name) = str_at(j, "id")? {
            Node::Ident(name, Mods::read(j)?)
        } else if let Some(e) = key("enum") {
            let name = e.get(0).and_then(J::as_str).map_or_else(|| expected("an enum [name, schema]", e), Ok)?;
            Node::Enum(name, e.get(1).and_then(J::as_str), Mods::read(j)?)
        } else if let Some(f) = str_at(j, "f")? {
            Node::Call(f, Nodes(items(j, "a")?), Mods::read(j)?)
        } else if let Some(q) = key("sq") {
            let alias = required(str_at(j, "as")?, "a subquery with \"as\"", j)?;
            Node::Subquery(Subquery::Select { q: Statement::read(q)?, alias }, field_key()?)
        } else if let Some(name) = str_at(j, "cte")? {
            let q = Statement::read(required(key("q"), "a CTE with \"q\"", j)?)?;
            let fields =
                key("fields").map(|f| f.as_array().map_or_else(|| expected("a selection", f), Ok)).transpose()?;
            let cte = Subquery::Cte { name, q, fields: fields.map(|f| Selection(f)), schema: str_at(j, "schema")? };
            Node::Subquery(cte, field_key()?)
        } else if let Some(q) = key("q") {
            Node::Embed(Statement::read(q)?, Mods::read(j)?)
        } else if let Some(n) = key("n") {
            Node::Nested(Selection(n.as_array().map_or_else(|| expected("a nested selection", n), Ok)?))
        } else {
            return expected("an expression node (an object with \"c\", \"v\", \"p\", \"s\", \"f\", …)", j);
        })
    }
}

/// A parameter value: JSON scalars and arrays as [`Value`]s, `{"$bigint"}`, `{"$bytes"}`,
/// `{"$number"}` and `{"$json"}` by their tag, any other object as a JSON document.
pub fn value(j: &J) -> Result<Value> {
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
            let tag = ["$bigint", "$bytes", "$number"].into_iter().find_map(|t| Some((t, o.get(t)?.as_str()?)));
            match (tag, o.get("$json")) {
                (Some((t, s)), _) => tagged_value(t, s.to_owned()).map_err(bad)?,
                (None, Some(x)) => Value::Json(x.clone()),
                (None, None) => Value::Json(j.clone()),
            }
        }
    })
}

/// The value of a tagged parameter: `$bigint` digits, `$bytes` hex, `$number` text.
fn tagged_value(tag: &str, s: String) -> std::result::Result<Value, String> {
    match tag {
        "$bigint" => match s.parse() {
            Ok(i) => Ok(Value::BigInt(i)),
            // beyond 64 bits: its digits, as drizzle sends String(v) (numeric takes them;
            // a bigint column gets PostgreSQL's out-of-range error)
            Err(_) if is_integer_literal(&s) => Ok(Value::Text(s)),
            Err(_) => Err(format!("BigInt {s} is not an integer")),
        },
        "$bytes" => unhex(&s).map(Value::Bytes),
        _ => Ok(Value::Float(s.parse().unwrap_or(f64::NAN))),
    }
}

fn is_integer_literal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn unhex(h: &str) -> std::result::Result<Vec<u8>, String> {
    let b = h.as_bytes();
    if !b.len().is_multiple_of(2) {
        return Err("odd-length hex bytes".into());
    }
    b.chunks(2)
        .map(|p| match (edgepg::types::hex_digit(p[0]), edgepg::types::hex_digit(p[1])) {
            (Some(h), Some(l)) => Ok(h * 16 + l),
            _ => Err("invalid hex bytes".into()),
        })
        .collect()
}

/// Enums written as one of a few strings.
macro_rules! named {
    ($(#[$m:meta])* $t:ident, $what:literal, { $($(#[$vm:meta])* $name:literal => $v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $t {
            $($(#[$vm])* $v,)*
        }
        impl $t {
            /// Reads its JSON string.
            pub fn read(j: &J) -> Result<$t> {
                match j.as_str() {
                    $(Some($name) => Ok($t::$v),)*
                    _ => expected($what, j),
                }
            }
        }
    };
}

named!(
    /// A statement's kind (`"k"`).
    Kind, "a statement kind", {
        /// `select`
        "select" => Select,
        /// `insert`
        "insert" => Insert,
        /// `update`
        "update" => Update,
        /// `delete`
        "delete" => Delete,
        /// a `sql` template run as a statement
        "sql" => Sql,
        /// `$count`
        "count" => Count,
        /// a relational query (`findMany`/`findFirst`)
        "rel" => Rel,
    }
);
named!(
    /// A join's kind.
    JoinType, "a join type", {
        /// `left join`
        "left" => Left,
        /// `inner join`
        "inner" => Inner,
        /// `right join`
        "right" => Right,
        /// `full join`
        "full" => Full,
        /// `cross join`
        "cross" => Cross,
    }
);
named!(
    /// A lock's strength.
    Strength, "a lock strength", {
        /// `for update`
        "update" => Update,
        /// `for no key update`
        "no key update" => NoKeyUpdate,
        /// `for share`
        "share" => Share,
        /// `for key share`
        "key share" => KeyShare,
    }
);
named!(
    /// A set operator.
    SetOp, "a set operator", {
        /// `union`
        "union" => Union,
        /// `union all`
        "unionAll" => UnionAll,
        /// `intersect`
        "intersect" => Intersect,
        /// `intersect all`
        "intersectAll" => IntersectAll,
        /// `except`
        "except" => Except,
        /// `except all`
        "exceptAll" => ExceptAll,
    }
);
named!(
    /// What `on conflict` does.
    ConflictAction, "a conflict action", {
        /// `do nothing`
        "nothing" => Nothing,
        /// `do update`
        "update" => Update,
    }
);
named!(
    /// A relation's kind.
    RelationKind, "a relation kind", {
        /// `one(…)`
        "one" => One,
        /// `many(…)`
        "many" => Many,
    }
);
named!(
    /// `generatedAlwaysAsIdentity()` / `generatedByDefaultAsIdentity()`.
    Identity, "an identity kind", {
        /// `always`
        "always" => Always,
        /// `by default`
        "byDefault" => ByDefault,
    }
);

/// A statement: `"k"` names its kind; each kind reads its own keys through the accessors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Statement<'a>(&'a J);

/// A node under `key` of a view, if any.
macro_rules! node_at {
    ($($(#[$m:meta])* $fn:ident => $key:literal),* $(,)?) => {$(
        $(#[$m])*
        pub fn $fn(&self) -> Result<Option<Node<'a>>> {
            get(self.0, $key).map(Node::read).transpose()
        }
    )*};
}

/// The nodes under `key` of a view (none when absent).
macro_rules! nodes_at {
    ($($(#[$m:meta])* $fn:ident => $key:literal),* $(,)?) => {$(
        $(#[$m])*
        pub fn $fn(&self) -> Result<Nodes<'a>> {
            items(self.0, $key).map(Nodes)
        }
    )*};
}

impl<'a> Statement<'a> {
    /// A statement's JSON (an object).
    pub fn read(j: &'a J) -> Result<Statement<'a>> {
        if j.is_object() {
            Ok(Statement(j))
        } else {
            expected("a statement", j)
        }
    }
    /// `"k"`.
    pub fn kind(&self) -> Result<Kind> {
        Kind::read(required(get(self.0, "k"), "a statement with \"k\"", self.0)?)
    }
    /// drizzle's `casing` of the whole statement (root only).
    pub fn casing(&self) -> Result<Option<&'a str>> {
        str_at(self.0, "casing")
    }
    node_at! {
        /// select: its source.
        from => "from",
        /// `where`.
        filter => "where",
        /// select: `having`.
        having => "having",
        /// select: `limit`.
        limit => "limit",
        /// select: `offset`.
        offset => "offset",
        /// count: its source.
        src => "src",
    }
    nodes_at! {
        /// `db.with(…)`: CTE nodes.
        with => "with",
        /// select: `group by`.
        group_by => "groupBy",
        /// select: `order by`.
        order_by => "orderBy",
    }
    /// select: its fields (none: every column).
    pub fn fields(&self) -> Result<Option<Selection<'a>>> {
        get(self.0, "fields")
            .map(|f| f.as_array().map_or_else(|| expected("a selection", f), |a| Ok(Selection(a))))
            .transpose()
    }
    /// select: `distinct` — `Some(None)` for `select distinct`, `Some(Some(on))` for `distinct on (…)`.
    pub fn distinct(&self) -> Option<Option<Nodes<'a>>> {
        get(self.0, "distinct").map(|d| d.as_array().map(|a| Nodes(a)))
    }
    /// select and update: joins.
    pub fn joins(&self) -> Result<impl Iterator<Item = Result<Join<'a>>> + 'a> {
        Ok(items(self.0, "joins")?.iter().map(Join::read))
    }
    /// select: `for update` and friends.
    pub fn lock(&self) -> Result<Option<Lock<'a>>> {
        get(self.0, "lock").map(Lock::read).transpose()
    }
    /// select: `union`, `intersect`, `except`, … with another select.
    pub fn set_ops(&self) -> Result<impl Iterator<Item = Result<(SetOp, Statement<'a>)>> + 'a> {
        Ok(items(self.0, "setOps")?.iter().map(|o| {
            let op = SetOp::read(required(get(o, "op"), "a set operation with \"op\"", o)?)?;
            Ok((op, Statement::read(required(get(o, "q"), "a set operation with \"q\"", o)?)?))
        }))
    }
    /// select: the order, limit and offset of a compound select (a view of the same keys).
    pub fn after(&self) -> Result<Option<Statement<'a>>> {
        get(self.0, "after").map(Statement::read).transpose()
    }
    /// insert/update/delete: the table's id.
    pub fn table_id(&self) -> Result<u64> {
        required(u64_at(self.0, "table")?, "a write with a table id", self.0)
    }
    /// rel: the table's key in the schema.
    pub fn table_key(&self) -> Result<&'a str> {
        required(str_at(self.0, "table")?, "a relational query with its table's key", self.0)
    }
    /// insert: `overriding system value`.
    pub fn overriding(&self) -> bool {
        flag(self.0, "overriding")
    }
    /// insert: rows, each `[key, node]` pairs.
    pub fn rows(&self) -> Result<impl Iterator<Item = Result<Selection<'a>>> + 'a> {
        Ok(items(self.0, "rows")?
            .iter()
            .map(|r| r.as_array().map_or_else(|| expected("a row", r), |a| Ok(Selection(a)))))
    }
    /// insert: `insert … select`.
    pub fn select(&self) -> Result<Option<Statement<'a>>> {
        get(self.0, "select").map(Statement::read).transpose()
    }
    /// insert: `on conflict`.
    pub fn on_conflict(&self) -> Result<Option<OnConflict<'a>>> {
        get(self.0, "onConflict").map(OnConflict::read).transpose()
    }
    /// insert/update/delete: `returning` — `Some(None)`: every column.
    pub fn returning(&self) -> Result<Option<Option<Selection<'a>>>> {
        Ok(match get(self.0, "returning") {
            None => None,
            Some(J::Bool(_)) => Some(None),
            Some(J::Array(a)) => Some(Some(Selection(a))),
            Some(other) => return expected("true or a selection for \"returning\"", other),
        })
    }
    /// update: `set` pairs.
    pub fn set(&self) -> Result<Selection<'a>> {
        items(self.0, "set").map(Selection)
    }
    /// sql: the template's parts and modifiers.
    pub fn template(&self) -> Result<(Parts<'a>, Mods<'a>)> {
        Ok((Parts(items(self.0, "s")?), Mods::read(self.0)?))
    }
    /// rel: the relational schema's id.
    pub fn schema(&self) -> Result<u64> {
        required(u64_at(self.0, "schema")?, "a relational query with \"schema\"", self.0)
    }
    /// rel: `findFirst`.
    pub fn first(&self) -> bool {
        flag(self.0, "first")
    }
    /// rel: the query's config.
    pub fn config(&self) -> Result<FindConfig<'a>> {
        Ok(FindConfig(get(self.0, "config").unwrap_or(&J::Null)))
    }
}

/// A join.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Join<'a> {
    /// Its kind.
    pub kind: JoinType,
    /// What is joined.
    pub src: Node<'a>,
    /// Its condition (none for a cross join).
    pub on: Option<Node<'a>>,
    /// `lateral`.
    pub lateral: bool,
}

impl<'a> Join<'a> {
    fn read(j: &'a J) -> Result<Join<'a>> {
        Ok(Join {
            kind: JoinType::read(required(get(j, "type"), "a join with \"type\"", j)?)?,
            src: Node::read(required(get(j, "src"), "a join with \"src\"", j)?)?,
            on: get(j, "on").map(Node::read).transpose()?,
            lateral: flag(j, "lateral"),
        })
    }
}

/// `.for(strength, { of, noWait, skipLocked })`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lock<'a> {
    /// The strength.
    pub strength: Strength,
    /// `of` sources.
    pub of: Nodes<'a>,
    /// `nowait`.
    pub no_wait: bool,
    /// `skip locked`.
    pub skip_locked: bool,
}

impl<'a> Lock<'a> {
    fn read(j: &'a J) -> Result<Lock<'a>> {
        Ok(Lock {
            strength: Strength::read(required(get(j, "strength"), "a lock with \"strength\"", j)?)?,
            of: Nodes(items(j, "of")?),
            no_wait: flag(j, "noWait"),
            skip_locked: flag(j, "skipLocked"),
        })
    }
}

/// `onConflictDoNothing` / `onConflictDoUpdate`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnConflict<'a>(&'a J);

impl<'a> OnConflict<'a> {
    fn read(j: &'a J) -> Result<OnConflict<'a>> {
        Ok(OnConflict(j))
    }
    /// What it does.
    pub fn action(&self) -> Result<ConflictAction> {
        ConflictAction::read(required(get(self.0, "do"), "a conflict clause with \"do\"", self.0)?)
    }
    /// The target columns.
    pub fn target(&self) -> Result<Option<Nodes<'a>>> {
        Ok(get(self.0, "target").map(|_| items(self.0, "target")).transpose()?.map(Nodes))
    }
    node_at! {
        /// The target's `where`.
        target_where => "targetWhere",
        /// The update's `where`.
        set_where => "setWhere",
    }
    /// `set` pairs.
    pub fn set(&self) -> Result<Selection<'a>> {
        items(self.0, "set").map(Selection)
    }
}

/// A relational query's config at one level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FindConfig<'a>(&'a J);

impl<'a> FindConfig<'a> {
    /// `columns`: `(key, included)` pairs.
    pub fn columns(&self) -> Result<Option<Vec<(String, bool)>>> {
        let Some(cols) = get(self.0, "columns") else { return Ok(None) };
        let cols = cols.as_array().map_or_else(|| expected("[key, boolean] pairs for \"columns\"", cols), Ok)?;
        Ok(Some(
            cols.iter()
                .filter_map(|p| match p.as_array().map(Vec::as_slice) {
                    Some([J::String(k), J::Bool(b)]) => Some((k.clone(), *b)),
                    _ => None,
                })
                .collect(),
        ))
    }
    /// `with`: each relation, `None` for `true` (all of it) or its own config.
    pub fn with(&self) -> Result<impl Iterator<Item = Result<(&'a str, Option<FindConfig<'a>>)>> + 'a> {
        Ok(items(self.0, "with")?.iter().map(|w| match w.as_array().map(Vec::as_slice) {
            Some([J::String(k), J::Bool(true)]) => Ok((k.as_str(), None)),
            Some([J::String(k), c @ J::Object(_)]) => Ok((k.as_str(), Some(FindConfig(c)))),
            _ => expected("a [key, true | config] pair in \"with\"", w),
        }))
    }
    node_at! {
        /// `where`.
        filter => "where",
        /// `limit`.
        limit => "limit",
        /// `offset`.
        offset => "offset",
    }
    nodes_at! {
        /// `orderBy`.
        order_by => "orderBy",
        /// `extras`: templates with `"as"`.
        extras => "extras",
    }
}

/// A schema's tables (by key → registered id) and relations (`defineRelations`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relations<'a>(&'a J);

/// One relation of a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation<'a> {
    /// The table (key) it belongs to.
    pub source: &'a str,
    /// Its name.
    pub name: &'a str,
    /// one or many.
    pub kind: RelationKind,
    /// The table (key) it points to.
    pub referenced: &'a str,
    /// `fields` (one).
    pub fields: Vec<String>,
    /// `references` (one).
    pub references: Vec<String>,
    /// `relationName`.
    pub relation_name: Option<&'a str>,
}

#[inline(never)]
fn strings(j: &J, key: &str) -> Result<Vec<String>> {
    items(j, key)?.iter().map(|s| s.as_str().map(str::to_owned).map_or_else(|| expected("a string", s), Ok)).collect()
}

impl<'a> Relations<'a> {
    /// A schema's JSON.
    pub fn read(j: &'a J) -> Result<Relations<'a>> {
        if j.is_object() {
            Ok(Relations(j))
        } else {
            expected("a schema's relations", j)
        }
    }
    /// `(key, table id)` pairs.
    pub fn tables(&self) -> Result<impl Iterator<Item = Result<(&'a str, u64)>> + 'a> {
        Ok(items(self.0, "tables")?.iter().map(|t| match t.as_array().map(Vec::as_slice) {
            Some([J::String(k), id]) if id.as_u64().is_some() => Ok((k.as_str(), id.as_u64().unwrap_or(u64::MAX))),
            _ => expected("a [key, table id] pair", t),
        }))
    }
    /// The relations.
    pub fn relations(&self) -> Result<impl Iterator<Item = Result<Relation<'a>>> + 'a> {
        Ok(items(self.0, "relations")?.iter().map(|r| {
            let need = |k: &str| required(str_at(r, k)?, "a relation with source, name and referenced", r);
            Ok(Relation {
                source: need("source")?,
                name: need("name")?,
                kind: RelationKind::read(required(get(r, "kind"), "a relation with \"kind\"", r)?)?,
                referenced: need("referenced")?,
                fields: strings(r, "fields")?,
                references: strings(r, "references")?,
                relation_name: str_at(r, "relationName")?,
            })
        }))
    }
}

/// A table (`pgTable(…)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Table<'a>(&'a J);

impl<'a> Table<'a> {
    /// A table's JSON.
    pub fn read(j: &'a J) -> Result<Table<'a>> {
        if j.is_object() {
            Ok(Table(j))
        } else {
            expected("a table", j)
        }
    }
    /// Its name.
    pub fn name(&self) -> Result<&'a str> {
        required(str_at(self.0, "name")?, "a table with \"name\"", self.0)
    }
    /// Its schema.
    pub fn schema(&self) -> Result<Option<&'a str>> {
        str_at(self.0, "schema")
    }
    /// Its columns, in order.
    pub fn columns(&self) -> Result<impl Iterator<Item = Column<'a>> + 'a> {
        let cols = required(get(self.0, "columns"), "a table with \"columns\"", self.0)?;
        let cols = cols.as_array().map_or_else(|| expected("the columns of a table", cols), Ok)?;
        Ok(cols.iter().map(Column))
    }
}

/// A column of a table: pg-core's builder name and config, and the column's flags. Config
/// values are read loosely (one of another JSON type is ignored, as the JS builders ignore it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column<'a>(&'a J);

/// `.unique(name, { nulls })`: the constraint's name and `nulls not distinct`.
pub type Unique<'a> = (Option<&'a str>, bool);

impl<'a> Column<'a> {
    /// Its key in the table object.
    pub fn key(&self) -> Result<&'a str> {
        required(str_at(self.0, "key")?, "a column with \"key\"", self.0)
    }
    /// Its SQL name (none: declared without a name, the key is its name and a casing applies).
    pub fn name(&self) -> Result<Option<&'a str>> {
        if flag(self.0, "keyAsName") {
            return Ok(None);
        }
        str_at(self.0, "name")
    }
    /// pg-core's builder name (`integer`, `doublePrecision`, `custom`, `enum`, …).
    pub fn builder(&self) -> Result<&'a str> {
        required(str_at(self.0, "type")?, "a column with \"type\"", self.0)
    }
    /// A config value that is a non-negative whole number.
    pub fn cfg_u32(&self, key: &str) -> Option<u32> {
        self.0.get("cfg")?.get(key)?.as_u64().and_then(|n| u32::try_from(n).ok())
    }
    /// A config value that is a string.
    pub fn cfg_str(&self, key: &str) -> Option<&'a str> {
        self.0.get("cfg")?.get(key)?.as_str()
    }
    /// A config value that is `true`.
    pub fn cfg_flag(&self, key: &str) -> bool {
        self.0.get("cfg").is_some_and(|c| flag(c, key))
    }
    /// The strings of a config value that is an array (`values`, `enumValues`).
    pub fn cfg_strs(&self, key: &str) -> Option<Vec<&'a str>> {
        Some(self.0.get("cfg")?.get(key)?.as_array()?.iter().filter_map(J::as_str).collect())
    }
    /// `.array(size?)` for each dimension.
    pub fn array(&self) -> Vec<Option<u32>> {
        let dims = self.0.get("array").and_then(J::as_array).map_or(&[][..], Vec::as_slice);
        dims.iter().map(|d| d.as_u64().and_then(|n| u32::try_from(n).ok())).collect()
    }
    /// A flag (`notNull`, `primary`, `defaultNow`, `defaultRandom`, `hasDefaultFn`).
    pub fn flag(&self, key: &str) -> bool {
        flag(self.0, key)
    }
    /// `.unique()`.
    pub fn unique(&self) -> Option<Unique<'a>> {
        let u = get(self.0, "unique")?;
        Some((u.get("name").and_then(J::as_str), flag(u, "nnd")))
    }
    node_at! {
        /// `.default(value | sql)`.
        default => "default",
        /// `.generatedAlwaysAs(sql)`.
        generated => "generated",
    }
    /// An identity column.
    pub fn identity(&self) -> Result<Option<Identity>> {
        get(self.0, "identity").map(Identity::read).transpose()
    }
}

/// Parses a description's JSON text (read it through the views above).
pub fn parse(json: &str) -> Result<J> {
    super::json::parse(json).map_err(|e| bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_by_their_key_in_any_order() {
        let j = parse(r#"{"a":[{"c":[0,"id"]},{"p":0}],"f":"eq"}"#).unwrap();
        let Node::Call("eq", args, m) = Node::read(&j).unwrap() else { panic!("a call") };
        assert!(m.is_empty());
        assert_eq!(args.get(0).unwrap().unwrap(), Node::Column(ColRef { table: 0, key: "id" }, Mods::default()));
        assert_eq!(args.get(1).unwrap().unwrap(), Node::Slot(0, None, Mods::default()));
        let j = parse(r#"{"s":["x = ",{"v":null}],"as":"y","map":"number"}"#).unwrap();
        let Node::Template(parts, mods) = Node::read(&j).unwrap() else { panic!("a template") };
        assert_eq!(mods, Mods { alias: Some("y"), map: Some(MapWith::Number), inline: false });
        let parts: Vec<_> = parts.iter().collect::<Result<_>>().unwrap();
        assert_eq!(parts[0], Part::Raw("x = "));
        assert!(matches!(parts[1], Part::Node(Node::Value(J::Null, None, _))));
        let j = parse(r#"[{"v":{"$bigint":"9007199254740993"}},{"v":{"a":1}}]"#).unwrap();
        let Node::List(items) = Node::read(&j).unwrap() else { panic!("a list") };
        let Node::Value(v, ..) = items.get(0).unwrap().unwrap() else { panic!("a value") };
        assert_eq!(value(v).unwrap(), Value::BigInt(9007199254740993));
        for bad in
            [r#"{}"#, r#""x""#, r#"{"sq":{"k":"select"}}"#, r#"{"map":"nope","c":[0,"x"]}"#, r#"{"c":["0","x"]}"#]
        {
            assert!(Node::read(&parse(bad).unwrap()).is_err(), "{bad}");
        }
    }

    #[test]
    fn statements_and_tables() {
        let j = parse(r#"{"k":"select","from":{"t":0},"distinct":true,"limit":{"p":1},"x":1}"#).unwrap();
        let s = Statement::read(&j).unwrap();
        assert_eq!(s.kind().unwrap(), Kind::Select);
        assert_eq!(s.distinct(), Some(None));
        assert_eq!(s.from().unwrap(), Some(Node::Table(0, Mods::default())));
        let j = parse(r#"{"k":"nope"}"#).unwrap();
        assert!(Statement::read(&j).unwrap().kind().is_err());
        let j = parse(
            r#"{"name":"t","columns":[{"key":"v","type":"vector","cfg":{"dimensions":3,"mode":{}},"array":[null,2]}]}"#,
        )
        .unwrap();
        let c = Table::read(&j).unwrap().columns().unwrap().next().unwrap();
        assert_eq!((c.cfg_u32("dimensions"), c.cfg_str("mode"), c.array()), (Some(3), None, vec![None, Some(2)]));
        assert!(Table::read(&parse(r#"{"name":"t"}"#).unwrap()).unwrap().columns().is_err());
    }
}
