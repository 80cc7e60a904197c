//! WHERE operators (drizzle's `sql/expressions/conditions.ts`).
//!
//! Values compared with a column are encoded by that column (`bindIfParam`); `like` patterns
//! are not. `and`/`or` of nothing is an empty fragment, which `filter` leaves out.

use crate::sql::{Chunk, Sql, SqlArg};
use crate::typed::{Expr, Operand};
use crate::Error;

fn args(a: impl SqlArg) -> Chunk {
    let mut v = Vec::with_capacity(1);
    a.push_to(&mut v);
    if v.len() == 1 {
        v.pop().unwrap_or(Chunk::Str("".into()))
    } else {
        Chunk::Sql(Sql::from_chunks(v))
    }
}

fn binop<L: Expr, R: Operand<L::SqlType>>(l: L, op: &'static str, r: R) -> Sql {
    let enc = l.encoder();
    let left = l.into_chunk();
    Sql::from_chunks(vec![left, Sql::str(op), r.into_operand(enc.as_ref())])
}

macro_rules! binops {
    ($($(#[$m:meta])* $name:ident => $op:literal;)*) => {$(
        $(#[$m])*
        pub fn $name<L: Expr, R: Operand<L::SqlType>>(left: L, right: R) -> Sql {
            binop(left, $op, right)
        }
    )*};
}
binops! {
    /// `left = right` (a `None` value is a NULL parameter, not `is null`).
    eq => " = ";
    /// `left <> right`
    ne => " <> ";
    /// `left > right`
    gt => " > ";
    /// `left >= right`
    gte => " >= ";
    /// `left < right`
    lt => " < ";
    /// `left <= right`
    lte => " <= ";
}

macro_rules! pattern_ops {
    ($($(#[$m:meta])* $name:ident => $op:literal;)*) => {$(
        $(#[$m])*
        pub fn $name<L: Expr, P: Operand<crate::typed::Text>>(left: L, pattern: P) -> Sql {
            Sql::from_chunks(vec![left.into_chunk(), Sql::str($op), pattern.into_operand(None)])
        }
    )*};
}
pattern_ops! {
    /// `left like pattern`
    like => " like ";
    /// `left not like pattern`
    not_like => " not like ";
    /// `left ilike pattern`
    ilike => " ilike ";
    /// `left not ilike pattern`
    not_ilike => " not ilike ";
}

fn in_list<L, I, V>(left: L, values: I, op: &'static str, empty: &'static str) -> Sql
where
    L: Expr,
    I: IntoIterator<Item = V>,
    V: Operand<L::SqlType>,
{
    let enc = left.encoder();
    let items: Vec<Chunk> = values.into_iter().map(|v| v.into_operand(enc.as_ref())).collect();
    if items.is_empty() {
        return Sql::from_chunks(vec![Sql::str(empty)]);
    }
    Sql::from_chunks(vec![left.into_chunk(), Sql::str(op), Chunk::List(items)])
}

/// `left in ($1, $2, ...)`; an empty list is `false`.
pub fn in_array<L, I, V>(left: L, values: I) -> Sql
where
    L: Expr,
    I: IntoIterator<Item = V>,
    V: Operand<L::SqlType>,
{
    in_list(left, values, " in ", "false")
}

/// `left not in ($1, $2, ...)`; an empty list is `true`.
pub fn not_in_array<L, I, V>(left: L, values: I) -> Sql
where
    L: Expr,
    I: IntoIterator<Item = V>,
    V: Operand<L::SqlType>,
{
    in_list(left, values, " not in ", "true")
}

/// `left in (select ...)`, or `left in $1` for a placeholder holding a whole list.
pub fn in_select<L: Expr>(left: L, q: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![left.into_chunk(), Sql::str(" in "), args(q)])
}

/// `left not in (select ...)`.
pub fn not_in_select<L: Expr>(left: L, q: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![left.into_chunk(), Sql::str(" not in "), args(q)])
}

/// `expr is null`
pub fn is_null(e: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![args(e), Sql::str(" is null")])
}

/// `expr is not null`
pub fn is_not_null(e: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![args(e), Sql::str(" is not null")])
}

/// `exists (select ...)`
pub fn exists(q: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![Sql::str("exists "), args(q)])
}

/// `not exists (select ...)`
pub fn not_exists(q: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![Sql::str("not exists "), args(q)])
}

fn range<L: Expr, A: Operand<L::SqlType>, B: Operand<L::SqlType>>(left: L, op: &'static str, min: A, max: B) -> Sql {
    let enc = left.encoder();
    let (min, max) = (min.into_operand(enc.as_ref()), max.into_operand(enc.as_ref()));
    Sql::from_chunks(vec![left.into_chunk(), Sql::str(op), min, Sql::str(" and "), max])
}

/// `left between min and max`
pub fn between<L: Expr, A: Operand<L::SqlType>, B: Operand<L::SqlType>>(left: L, min: A, max: B) -> Sql {
    range(left, " between ", min, max)
}

/// `left not between min and max`
pub fn not_between<L: Expr, A: Operand<L::SqlType>, B: Operand<L::SqlType>>(left: L, min: A, max: B) -> Sql {
    range(left, " not between ", min, max)
}

fn junction<I, C>(conds: I, sep: &'static str) -> Sql
where
    I: IntoIterator<Item = C>,
    C: Into<Option<Sql>>,
{
    let conds: Vec<Sql> = conds.into_iter().filter_map(|c| c.into()).filter(|c| !c.is_empty()).collect();
    match conds.len() {
        0 => Sql::default(),
        1 => conds.into_iter().next().unwrap_or_default(),
        _ => {
            let mut chunks = Vec::with_capacity(conds.len() * 2 + 1);
            chunks.push(Sql::str("("));
            for (i, c) in conds.into_iter().enumerate() {
                if i > 0 {
                    chunks.push(Sql::str(sep));
                }
                chunks.push(Chunk::Sql(c));
            }
            chunks.push(Sql::str(")"));
            Sql::from_chunks(chunks)
        }
    }
}

/// `(a and b and ...)`: `None` and empty entries are dropped; one condition gets no
/// parentheses; none gives an empty fragment (no WHERE).
pub fn and<I, C>(conds: I) -> Sql
where
    I: IntoIterator<Item = C>,
    C: Into<Option<Sql>>,
{
    junction(conds, " and ")
}

/// `(a or b or ...)`, with the same rules as [`and`].
pub fn or<I, C>(conds: I) -> Sql
where
    I: IntoIterator<Item = C>,
    C: Into<Option<Sql>>,
{
    junction(conds, " or ")
}

/// `not <cond>` (no parentheses are added, as in drizzle).
pub fn not(cond: impl SqlArg) -> Sql {
    Sql::from_chunks(vec![Sql::str("not "), args(cond)])
}

/// The right side of `array_contains` & co.: a `Vec` of values (which must not be empty) or
/// an expression (a column, a fragment, a placeholder).
pub trait ArrayOperand<ST>: Operand<ST> {
    #[doc(hidden)]
    fn is_empty_array(&self) -> bool {
        false
    }
}
impl<ST, T> ArrayOperand<ST> for Vec<T>
where
    Vec<T>: Operand<ST>,
{
    fn is_empty_array(&self) -> bool {
        self.is_empty()
    }
}
impl<ST> ArrayOperand<ST> for Sql {}
impl<ST> ArrayOperand<ST> for crate::schema::Column {}
impl<ST> ArrayOperand<ST> for &crate::schema::Column {}
impl<ST> ArrayOperand<ST> for crate::sql::Placeholder {}
impl<T: crate::typed::TableDecl, ST> ArrayOperand<ST> for crate::typed::Col<T, ST> {}

fn array_op<L, R>(left: L, values: R, op: &'static str, name: &str) -> Sql
where
    L: Expr,
    R: ArrayOperand<L::SqlType>,
{
    if values.is_empty_array() {
        return Sql::error(Error::invalid(format!("{name} requires at least one value")));
    }
    binop(left, op, values)
}

/// `left @> $1` (the array is one parameter, a Postgres array literal). Empty is an error.
pub fn array_contains<L: Expr, R: ArrayOperand<L::SqlType>>(left: L, values: R) -> Sql {
    array_op(left, values, " @> ", "arrayContains")
}

/// `left <@ $1`
pub fn array_contained<L: Expr, R: ArrayOperand<L::SqlType>>(left: L, values: R) -> Sql {
    array_op(left, values, " <@ ", "arrayContained")
}

/// `left && $1`
pub fn array_overlaps<L: Expr, R: ArrayOperand<L::SqlType>>(left: L, values: R) -> Sql {
    array_op(left, values, " && ", "arrayOverlaps")
}
