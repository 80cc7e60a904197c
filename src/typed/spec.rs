//! Type-level column specs: what a column declaration means for Rust types.
//!
//! [`pg_table!`](crate::pg_table) folds a declaration like `serial("id").primary_key()` into a
//! [`Spec`] type: the constructor picks the SQL type, and each modifier that changes
//! nullability, defaults or array-ness transforms it. [`ColumnSpec`] then gives the row and
//! insert field types.

use std::marker::PhantomData;

use super::{
    Array, Bool, Custom, Date, Enum, Float4, Float8, Int2, Int4, Int8, Interval, Json, Jsonb, Line, Network, Numeric,
    Point, SqlType, Text, Time, Timestamp, Uuid, Vector, VectorText,
};
use crate::types::Value;

/// Marker: the column may be NULL.
#[derive(Debug)]
pub struct Nullable;
/// Marker: `not null`.
#[derive(Debug)]
pub struct NotNull;
/// Marker: no default; required on insert when `not null`.
#[derive(Debug)]
pub struct NoDefault;
/// Marker: has a default (`default`, `$defaultFn`, `$onUpdate`, serial, identity).
#[derive(Debug)]
pub struct HasDefault;
/// Marker: `generatedAlwaysAs`: never inserted.
#[derive(Debug)]
pub struct IsGenerated;

/// A column's type-level description: SQL type, nullability, default kind.
pub struct Spec<ST, N, D>(PhantomData<(ST, N, D)>);

/// The value type of generated columns on insert: it has no values, so only `None` fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {}

/// Row and insert types of a column spec.
pub trait ColumnSpec {
    /// The SQL type marker.
    type SqlType: SqlType;
    /// The field type in select rows (`Option` when nullable).
    type Select;
    /// The field type in insert rows (`Option` when it may be omitted).
    type Insert;
    /// The value to send, or `None` to use the column's default.
    fn insert_value(v: Self::Insert) -> Option<Value>;
}

impl<ST: SqlType> ColumnSpec for Spec<ST, NotNull, NoDefault>
where
    ST::Rust: Into<Value>,
{
    type SqlType = ST;
    type Select = ST::Rust;
    type Insert = ST::Rust;
    fn insert_value(v: ST::Rust) -> Option<Value> {
        Some(v.into())
    }
}

macro_rules! optional_on_insert {
    ($($n:ty, $d:ty, $sel:ident;)*) => {$(
        impl<ST: SqlType> ColumnSpec for Spec<ST, $n, $d>
        where
            ST::Rust: Into<Value>,
        {
            type SqlType = ST;
            type Select = optional_on_insert!(@sel $sel ST);
            type Insert = Option<ST::Rust>;
            fn insert_value(v: Option<ST::Rust>) -> Option<Value> {
                v.map(Into::into)
            }
        }
    )*};
    (@sel plain $st:ident) => { $st::Rust };
    (@sel option $st:ident) => { Option<$st::Rust> };
}
optional_on_insert! {
    NotNull, HasDefault, plain;
    Nullable, HasDefault, option;
    Nullable, NoDefault, option;
}

impl<ST: SqlType> ColumnSpec for Spec<ST, NotNull, IsGenerated> {
    type SqlType = ST;
    type Select = ST::Rust;
    type Insert = Option<Generated>;
    fn insert_value(_: Option<Generated>) -> Option<Value> {
        None
    }
}
impl<ST: SqlType> ColumnSpec for Spec<ST, Nullable, IsGenerated> {
    type SqlType = ST;
    type Select = Option<ST::Rust>;
    type Insert = Option<Generated>;
    fn insert_value(_: Option<Generated>) -> Option<Value> {
        None
    }
}

/// A modifier's effect on a spec.
pub trait Modify<S> {
    /// The resulting spec.
    type Out;
}

/// Constructor specs, named like the runtime constructors in [`crate::pg`].
#[allow(non_camel_case_types)]
pub mod ctor {
    use super::*;
    macro_rules! specs {
        ($( $(#[$m:meta])* $fn:ident $js:literal [$st:ident, $n:ident, $d:ident] $(($arg:ident))? = $ty:expr; )*) => {$(
            #[doc = concat!("Spec of `", stringify!($fn), "(...)`.")]
            pub type $fn = Spec<$st, $n, $d>;
        )*};
    }
    // one spec per fixed-type builder, from the builders' one list (`schema/column.rs`)
    crate::__pg_core_builders!(specs);
    /// Spec of `enum_column(...)`.
    pub type enum_column = Spec<Enum, Nullable, NoDefault>;
    /// Spec of `custom(...)`.
    pub type custom = Spec<Custom, Nullable, NoDefault>;
}

/// Modifier markers, named like the [`ColumnBuilder`](crate::schema::ColumnBuilder) methods.
#[allow(non_camel_case_types)]
pub mod modifier {
    use super::*;
    macro_rules! same {
        ($($name:ident),*) => {$(
            #[doc = concat!("`.", stringify!($name), "(...)`: no effect on Rust types.")]
            pub struct $name;
            impl<S> Modify<S> for $name { type Out = S; }
        )*};
    }
    same!(
        unique,
        unique_with,
        references,
        on_delete,
        on_update_action,
        length,
        precision,
        scale,
        with_timezone,
        fields,
        mode_string,
        mode_date,
        mode_number,
        mode_bigint,
        mode_xy,
        mode_abc,
        enum_values,
        to_driver
    );

    macro_rules! set_not_null {
        ($($name:ident),*) => {$(
            #[doc = concat!("`.", stringify!($name), "()`: not null.")]
            pub struct $name;
            impl<ST, N, D> Modify<Spec<ST, N, D>> for $name { type Out = Spec<ST, NotNull, D>; }
        )*};
    }
    set_not_null!(not_null, primary_key);

    macro_rules! set_default {
        ($($name:ident),*) => {$(
            #[doc = concat!("`.", stringify!($name), "(...)`: may be omitted on insert.")]
            pub struct $name;
            impl<ST, N> Modify<Spec<ST, N, NoDefault>> for $name { type Out = Spec<ST, N, HasDefault>; }
            impl<ST, N> Modify<Spec<ST, N, HasDefault>> for $name { type Out = Spec<ST, N, HasDefault>; }
            impl<ST, N> Modify<Spec<ST, N, IsGenerated>> for $name { type Out = Spec<ST, N, IsGenerated>; }
        )*};
    }
    set_default!(default, default_now, default_random, default_fn, on_update);

    macro_rules! identity {
        ($($name:ident),*) => {$(
            #[doc = concat!("`.", stringify!($name), "(...)`: not null, with a default.")]
            pub struct $name;
            impl<ST, N, D> Modify<Spec<ST, N, D>> for $name { type Out = Spec<ST, NotNull, HasDefault>; }
        )*};
    }
    identity!(generated_always_as_identity, generated_by_default_as_identity);

    /// `.generatedAlwaysAs(sql)`: never inserted.
    pub struct generated_always_as;
    impl<ST, N, D> Modify<Spec<ST, N, D>> for generated_always_as {
        type Out = Spec<ST, N, IsGenerated>;
    }

    /// `.array()`
    pub struct array;
    impl<ST, N, D> Modify<Spec<ST, N, D>> for array {
        type Out = Spec<Array<ST>, N, D>;
    }
    /// `.array_sized(n)`
    pub struct array_sized;
    impl<ST, N, D> Modify<Spec<ST, N, D>> for array_sized {
        type Out = Spec<Array<ST>, N, D>;
    }
}
