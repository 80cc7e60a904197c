//! `pg_table!`: one declaration gives typed columns, row structs and the runtime table.

/// Declares a table with a typed face.
///
/// `pg_table! { pub users = "users" { id: serial("id").primary_key(), ... } }` creates a
/// module `users` with:
/// - `users::TABLE`: the table (usable wherever a runtime [`Table`](crate::schema::Table) is);
/// - one typed column handle per key (`users::id`), whose comparisons are type-checked;
/// - `users::Row`: the select row (`serde` struct; nullable columns are `Option`);
/// - `users::Insert`: the insert row (columns that may be omitted are `Option`, `None` meaning
///   the column's default; generated columns only accept `None`).
///
/// Column declarations use the same constructors and modifiers as the runtime builder
/// ([`crate::pg`]). Add `in "schema"` after the name for a schema-qualified table.
///
/// ```
/// use edgepg::pg::*;
/// edgepg::pg_table! {
///     pub users = "users" {
///         id: serial("id").primary_key(),
///         name: text("name").not_null(),
///         age: integer("age"),
///     }
/// }
/// let q = select().from(users::TABLE).filter(and([eq(users::name, "Ann"), gt(users::age, 30)]));
/// assert_eq!(
///     q.to_sql().unwrap().sql,
///     r#"select "id", "name", "age" from "users" where ("users"."name" = $1 and "users"."age" > $2)"#
/// );
/// let row = users::Insert { id: None, name: "Ann".into(), age: Some(31) };
/// let ins = insert(users::TABLE).values([row]).to_sql().unwrap();
/// assert_eq!(ins.sql, r#"insert into "users" ("id", "name", "age") values (default, $1, $2)"#);
/// ```
///
/// Comparing a column with a value of the wrong type does not compile:
///
/// ```compile_fail
/// use edgepg::pg::*;
/// edgepg::pg_table! { pub users = "users" { age: integer("age") } }
/// let _ = eq(users::age, "x");
/// ```
#[macro_export]
macro_rules! pg_table {
    (
        $(#[$meta:meta])*
        $vis:vis $module:ident = $name:literal $(in $schema:literal)? {
            $(
                $(#[$cmeta:meta])*
                $key:ident : $ctor:ident ( $($args:tt)* ) $( . $modi:ident ( $($margs:tt)* ) )*
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[allow(non_upper_case_globals, non_camel_case_types, dead_code, unused_imports)]
        $vis mod $module {
            use super::*;

            /// The table's type; see [`TABLE`].
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct Table;

            /// The table.
            pub const TABLE: Table = Table;

            impl $crate::sql::SqlArg for Table {
                fn push_to(self, out: &mut ::std::vec::Vec<$crate::sql::Chunk>) {
                    $crate::sql::SqlArg::push_to(<Self as $crate::typed::TableDecl>::table(), out)
                }
            }

            impl $crate::typed::TableDecl for Table {
                fn table() -> &'static $crate::schema::Table {
                    static T: ::std::sync::OnceLock<$crate::schema::Table> = ::std::sync::OnceLock::new();
                    T.get_or_init(|| {
                        use $crate::pg::*;
                        $crate::schema::table($name)
                            $(.schema($schema))?
                            $(.column(::core::stringify!($key), $ctor($($args)*) $(.$modi($($margs)*))* ))*
                            .build()
                    })
                }
            }

            #[repr(usize)]
            enum __Idx { $($key),* }

            $(
                $(#[$cmeta])*
                pub const $key: $crate::typed::Col<Table, <$crate::__spec!($ctor; $($modi)*) as $crate::typed::ColumnSpec>::SqlType> =
                    $crate::typed::Col::new(__Idx::$key as usize);
            )*

            /// A selected row.
            #[derive(Debug, Clone, PartialEq, $crate::__private::serde::Serialize, $crate::__private::serde::Deserialize)]
            #[serde(crate = "edgepg::__private::serde")]
            pub struct Row {
                $(
                    $(#[$cmeta])*
                    pub $key: <$crate::__spec!($ctor; $($modi)*) as $crate::typed::ColumnSpec>::Select,
                )*
            }

            /// A row to insert.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Insert {
                $(
                    $(#[$cmeta])*
                    pub $key: <$crate::__spec!($ctor; $($modi)*) as $crate::typed::ColumnSpec>::Insert,
                )*
            }

            impl $crate::query::IntoInsertRow for Insert {
                fn into_insert_row(self) -> $crate::query::InsertRow {
                    #[allow(unused_mut)]
                    let mut row = $crate::query::InsertRow::new();
                    $(
                        if let ::core::option::Option::Some(v) =
                            <$crate::__spec!($ctor; $($modi)*) as $crate::typed::ColumnSpec>::insert_value(self.$key)
                        {
                            row = row.set(::core::stringify!($key), v);
                        }
                    )*
                    row
                }
            }
        }
    };
}

/// Folds a column declaration into its [`Spec`](crate::typed::Spec) type.
#[doc(hidden)]
#[macro_export]
macro_rules! __spec {
    ($ctor:ident; $($modi:ident)*) => { $crate::__spec!(@fold [$crate::typed::ctor::$ctor] $($modi)*) };
    (@fold [$acc:ty]) => { $acc };
    (@fold [$acc:ty] $m:ident $($rest:ident)*) => {
        $crate::__spec!(@fold [<$crate::typed::modifier::$m as $crate::typed::Modify<$acc>>::Out] $($rest)*)
    };
}
