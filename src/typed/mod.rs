//! The typed Rust face: SQL-type markers, typed column handles, and the traits that make
//! `eq(users::age, "x")` fail to compile.
//!
//! Operators take a left side implementing [`Expr`] (which names its SQL type) and a right
//! side implementing [`Operand`] for that SQL type. Runtime columns and SQL fragments have the
//! SQL type [`Dyn`] and accept any value; typed columns from [`pg_table!`](crate::pg_table)
//! accept only values and columns of their own type.

mod relations_macro;
mod spec;
mod table_macro;

use std::marker::PhantomData;

use crate::schema::{Column, Table};
use crate::sql::{Aliased, Chunk, Placeholder, Sql, SqlArg};
use crate::types::Value;
use crate::Error;

pub use spec::*;

/// A SQL type marker, with the Rust type rows decode it to.
pub trait SqlType: 'static {
    /// The Rust type of a non-null value.
    type Rust;
}

macro_rules! markers {
    ($($(#[$m:meta])* $name:ident => $rust:ty;)*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl SqlType for $name { type Rust = $rust; }
    )*};
}

markers! {
    /// Untyped: runtime columns and SQL fragments. Accepts any value.
    Dyn => serde_json::Value;
    /// `smallint`, `smallserial`
    Int2 => i16;
    /// `integer`, `serial`
    Int4 => i32;
    /// `bigint`, `bigserial`
    Int8 => i64;
    /// `numeric`/`decimal` (text, to keep every digit)
    Numeric => String;
    /// `real`
    Float4 => f32;
    /// `double precision`
    Float8 => f64;
    /// `boolean`
    Bool => bool;
    /// `text`, `varchar`, `char`
    Text => String;
    /// `uuid`
    Uuid => String;
    /// `json`
    Json => serde_json::Value;
    /// `jsonb`
    Jsonb => serde_json::Value;
    /// `timestamp` (ISO-8601 text)
    Timestamp => String;
    /// `date` (`YYYY-MM-DD`)
    Date => String;
    /// `time`
    Time => String;
    /// `interval`
    Interval => String;
    /// `inet`, `cidr`, `macaddr`, `macaddr8`
    Network => String;
    /// `point`
    Point => (f64, f64);
    /// `line`
    Line => (f64, f64, f64);
    /// `vector`, `halfvec`
    Vector => Vec<f32>;
    /// `sparsevec`, `bit` (text forms)
    VectorText => String;
    /// enum columns
    Enum => String;
    /// custom column types (text form)
    Custom => String;
}

/// `T[]`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Array<T>(PhantomData<T>);
impl<T: SqlType> SqlType for Array<T> {
    type Rust = Vec<T::Rust>;
}

/// The left side of an operator: something with a SQL type that renders as SQL.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a SQL expression",
    label = "expected a column, a SQL fragment or a subquery field"
)]
pub trait Expr {
    /// Its SQL type ([`Dyn`] when unknown).
    type SqlType;
    #[doc(hidden)]
    fn into_chunk(self) -> Chunk;
    /// The column whose encoder binds values compared with it (drizzle's `bindIfParam`).
    #[doc(hidden)]
    fn encoder(&self) -> Option<Column>;
}

/// The right side of an operator whose left side has SQL type `ST`: a value of a matching
/// Rust type, a column of the same SQL type, a fragment, a placeholder or a subquery.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with a SQL expression of type `{ST}`",
    label = "wrong type for this column",
    note = "use a value of the column's Rust type, a column of the same SQL type, or an `edgepg::sql!` fragment"
)]
pub trait Operand<ST> {
    #[doc(hidden)]
    fn into_operand(self, encoder: Option<&Column>) -> Chunk;
}

// ---- Expr impls ----------------------------------------------------------------------------

impl Expr for Column {
    type SqlType = Dyn;
    fn into_chunk(self) -> Chunk {
        Chunk::Column(self)
    }
    fn encoder(&self) -> Option<Column> {
        Some(self.clone())
    }
}
impl Expr for &Column {
    type SqlType = Dyn;
    fn into_chunk(self) -> Chunk {
        Chunk::Column(self.clone())
    }
    fn encoder(&self) -> Option<Column> {
        Some((*self).clone())
    }
}
impl Expr for Sql {
    type SqlType = Dyn;
    fn into_chunk(self) -> Chunk {
        Chunk::Sql(self)
    }
    fn encoder(&self) -> Option<Column> {
        None
    }
}
impl Expr for &Sql {
    type SqlType = Dyn;
    fn into_chunk(self) -> Chunk {
        Chunk::Sql(self.clone())
    }
    fn encoder(&self) -> Option<Column> {
        None
    }
}
impl Expr for Aliased {
    type SqlType = Dyn;
    fn into_chunk(self) -> Chunk {
        let mut v = Vec::with_capacity(1);
        self.push_to(&mut v);
        Chunk::Sql(Sql::from_chunks(v))
    }
    fn encoder(&self) -> Option<Column> {
        None
    }
}

// ---- Operand impls -------------------------------------------------------------------------

fn bound(v: Value, enc: Option<&Column>) -> Chunk {
    Chunk::Param(v, enc.cloned())
}

macro_rules! passthrough_operand {
    ($($t:ty),*) => {$(
        impl<ST> Operand<ST> for $t {
            fn into_operand(self, _: Option<&Column>) -> Chunk {
                let mut v = Vec::with_capacity(1);
                self.push_to(&mut v);
                match v.len() { 1 => v.pop().unwrap_or(Chunk::Str("".into())), _ => Chunk::Sql(Sql::from_chunks(v)) }
            }
        }
    )*};
}
passthrough_operand!(Sql, &Sql, Column, &Column, Aliased, Placeholder);

impl<ST, T: Operand<ST>> Operand<ST> for Option<T> {
    fn into_operand(self, enc: Option<&Column>) -> Chunk {
        match self {
            Some(v) => v.into_operand(enc),
            None => bound(Value::Null, enc),
        }
    }
}

macro_rules! value_operand {
    ($t:ty => $($st:ty),+) => {$(
        impl Operand<$st> for $t {
            fn into_operand(self, enc: Option<&Column>) -> Chunk { bound(Value::from(self), enc) }
        }
    )+};
}
macro_rules! value_operands {
    ([$($t:ty),*] => $sts:tt) => {$( value_operands!(@one $t => $sts); )*};
    (@one $t:ty => [$($st:ty),*]) => { value_operand!($t => $($st),*); };
}

value_operands!([i8, i16, i32, i64, u8, u16, u32] => [Int2, Int4, Int8, Float4, Float8, Numeric, Dyn]);
value_operands!([f32, f64] => [Float4, Float8, Numeric, Dyn]);
value_operands!([bool] => [Bool, Dyn]);
value_operands!([&str, String, &String] => [Text, Numeric, Uuid, Timestamp, Date, Time, Interval, Network, Enum, Custom, VectorText, Vector, Dyn]);
value_operands!([serde_json::Value] => [Json, Jsonb, Point, Line, Dyn]);
value_operands!([(f64, f64)] => [Point, Dyn]);
value_operands!([(f64, f64, f64)] => [Line, Dyn]);
value_operands!([Value] => [Dyn]);

/// A `Vec` bound to a column is one parameter (encoded by the column: a Postgres array
/// literal for array columns); with no column it is a list `($1, $2)`, as in drizzle.
impl<T: Into<Value>> Operand<Dyn> for Vec<T> {
    fn into_operand(self, enc: Option<&Column>) -> Chunk {
        match enc {
            Some(_) => bound(Value::from(self), enc),
            None => Chunk::List(self.into_iter().map(|v| Chunk::Param(v.into(), None)).collect()),
        }
    }
}
impl<ST, T: Operand<ST> + Into<Value>> Operand<Array<ST>> for Vec<T> {
    fn into_operand(self, enc: Option<&Column>) -> Chunk {
        bound(Value::from(self), enc)
    }
}
impl Operand<Vector> for Vec<f32> {
    fn into_operand(self, enc: Option<&Column>) -> Chunk {
        bound(Value::from(self), enc)
    }
}
impl Operand<Vector> for Vec<f64> {
    fn into_operand(self, enc: Option<&Column>) -> Chunk {
        bound(Value::from(self), enc)
    }
}

/// Any `Serialize` value for a `json`/`jsonb` column.
///
/// ```
/// use edgepg::{pg::*, typed::AsJson};
/// #[derive(serde::Serialize)]
/// struct Meta { a: i32 }
/// let t = table("t").column("meta", jsonb("meta")).build();
/// let q = select().from(&t).filter(eq(t.col("meta").unwrap(), AsJson(Meta { a: 1 }))).to_sql().unwrap();
/// assert_eq!(q.params, vec![edgepg::QueryParam::Value(edgepg::Value::Text(r#"{"a":1}"#.into()))]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AsJson<T>(pub T);

impl<T: serde::Serialize, ST> Operand<ST> for AsJson<T> {
    fn into_operand(self, enc: Option<&Column>) -> Chunk {
        match serde_json::to_value(&self.0) {
            Ok(v) => bound(Value::Json(v), enc),
            Err(e) => Chunk::Error(Box::new(Error::invalid(format!("cannot serialize JSON value: {e}")))),
        }
    }
}

// ---- typed columns -------------------------------------------------------------------------

/// A table declared with [`pg_table!`](crate::pg_table).
pub trait TableDecl: 'static {
    /// The runtime table (built once).
    fn table() -> &'static Table;
}

/// A typed column handle: column `index` of table `T`, of SQL type `ST`. `Copy`, zero-cost.
pub struct Col<T, ST> {
    index: usize,
    _m: PhantomData<fn() -> (T, ST)>,
}

impl<T, ST> Clone for Col<T, ST> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T, ST> Copy for Col<T, ST> {}
impl<T, ST> std::fmt::Debug for Col<T, ST> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Col({})", self.index)
    }
}

impl<T: TableDecl, ST> Col<T, ST> {
    #[doc(hidden)]
    pub const fn new(index: usize) -> Self {
        Col { index, _m: PhantomData }
    }
    /// The runtime column.
    pub fn column(self) -> Column {
        // The index comes from the declaring macro, so it is always in range.
        T::table().columns()[self.index].clone()
    }
}

impl<T: TableDecl, ST> Col<T, ST> {
    /// The column's key in its table (what a relational query's `columns` lists).
    pub fn key(self) -> &'static str {
        &T::table().columns()[self.index].def.key
    }
    /// This column of `table`: the same table under an alias, such as the aliased tables a
    /// relational query's `filter_with` / `order_by_with` / `extras_with` callbacks receive.
    /// Keeps the column's SQL type, so comparisons stay type-checked. A table without this
    /// column makes the statement fail to render, naming table and column.
    ///
    /// ```
    /// use edgepg::pg::*;
    /// edgepg::pg_table! { pub users = "users" { id: serial("id").primary_key() } }
    /// use edgepg::typed::TableDecl;
    /// let u = users::Table::table().alias("u");
    /// let q = select().from(&u).filter(eq(users::id.of(&u), 1));
    /// assert_eq!(q.to_sql()?.sql, r#"select "id" from "users" "u" where "u"."id" = $1"#);
    /// # Ok::<(), edgepg::Error>(())
    /// ```
    pub fn of(self, table: &Table) -> ColOf<ST> {
        let column = table.col(&T::table().columns()[self.index].def.key);
        ColOf { column, _m: PhantomData }
    }
}

/// A typed column of a given (usually aliased) table: [`Col::of`].
pub struct ColOf<ST> {
    column: crate::Result<Column>,
    _m: PhantomData<fn() -> ST>,
}

impl<ST> ColOf<ST> {
    fn chunk(self) -> Chunk {
        match self.column {
            Ok(c) => Chunk::Column(c),
            Err(e) => Chunk::Error(Box::new(e)),
        }
    }
}
impl<ST> Expr for ColOf<ST> {
    type SqlType = ST;
    fn into_chunk(self) -> Chunk {
        self.chunk()
    }
    fn encoder(&self) -> Option<Column> {
        self.column.as_ref().ok().cloned()
    }
}
impl<ST> Operand<ST> for ColOf<ST> {
    fn into_operand(self, _: Option<&Column>) -> Chunk {
        self.chunk()
    }
}
impl<ST> SqlArg for ColOf<ST> {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(self.chunk());
    }
}

impl<T: TableDecl, ST> Expr for Col<T, ST> {
    type SqlType = ST;
    fn into_chunk(self) -> Chunk {
        Chunk::Column(self.column())
    }
    fn encoder(&self) -> Option<Column> {
        Some(self.column())
    }
}
impl<T: TableDecl, ST> Operand<ST> for Col<T, ST> {
    fn into_operand(self, _: Option<&Column>) -> Chunk {
        Chunk::Column(self.column())
    }
}
impl<T: TableDecl, ST> SqlArg for Col<T, ST> {
    fn push_to(self, out: &mut Vec<Chunk>) {
        out.push(Chunk::Column(self.column()));
    }
}
impl<T: TableDecl, ST> From<Col<T, ST>> for Column {
    fn from(c: Col<T, ST>) -> Column {
        c.column()
    }
}

impl<T: TableDecl, ST> From<Col<T, ST>> for Sql {
    fn from(c: Col<T, ST>) -> Sql {
        Sql::from_chunks(vec![Chunk::Column(c.column())])
    }
}
