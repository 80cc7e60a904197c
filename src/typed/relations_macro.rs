//! `pg_relations!`: drizzle's `relations()` for tables declared with [`pg_table!`](crate::pg_table),
//! checked by the compiler.

/// Declares the relations of `pg_table!` tables (drizzle's `relations()` in the `schema` given to
/// `drizzle()`), as a function returning the [`Relations`](crate::relational::Relations) schema
/// (built once).
///
/// The tables are listed by their `pg_table!` module; each is the schema key of that name (what
/// `find_many("users", …)` takes). Each relation is `source.name = one(target, [fields] =>
/// [references])`, `one(target)`, or `many(target)`, optionally followed by a relation name
/// (drizzle's `relationName`). Tables and columns are the modules' own items, so a misspelled
/// table or column does not compile. Rows come back as nested serde structs, e.g. the table's
/// `Row` flattened beside `Vec<posts::Row>`.
///
/// ```
/// use edgepg::pg::*;
/// edgepg::pg_table! { pub users = "users" { id: serial("id").primary_key(), invited_by: integer("invited_by") } }
/// edgepg::pg_table! { pub posts = "posts" { id: serial("id").primary_key(), author_id: integer("author_id").not_null() } }
/// edgepg::pg_relations! {
///     /// Users, their posts and who invited them.
///     pub fn schema(users, posts) {
///         users.posts = many(posts);
///         users.inviter = one(users, [invited_by] => [id], "invites");
///         users.invitees = many(users, "invites");
///         posts.author = one(users, [author_id] => [id]);
///     }
/// }
/// use edgepg::relational::FindConfig;
/// let q = schema().find_many("posts", FindConfig::new().with("author", FindConfig::all()))?;
/// assert_eq!(
///     q.to_sql()?.sql,
///     r#"select "posts"."id", "posts"."author_id", "posts_author"."data" as "author" from "posts" "posts" left join lateral (select json_build_array("posts_author"."id", "posts_author"."invited_by") as "data" from (select * from "users" "posts_author" where "posts_author"."id" = "posts"."author_id" limit $1) "posts_author") "posts_author" on true"#
/// );
/// # Ok::<(), edgepg::Error>(())
/// ```
///
/// A column the table lacks does not compile:
///
/// ```compile_fail,E0425
/// use edgepg::pg::*;
/// edgepg::pg_table! { pub users = "users" { id: serial("id").primary_key() } }
/// edgepg::pg_table! { pub posts = "posts" { id: serial("id").primary_key(), author_id: integer("author_id") } }
/// edgepg::pg_relations! {
///     pub fn schema(users, posts) {
///         posts.author = one(users, [authorId] => [id]);
///     }
/// }
/// ```
#[macro_export]
macro_rules! pg_relations {
    (
        $(#[$meta:meta])*
        $vis:vis fn $fname:ident ( $($table:ident),+ $(,)? ) {
            $( $source:ident . $rel:ident = $kind:ident ( $($args:tt)* ) ; )*
        }
    ) => {
        $(#[$meta])*
        $vis fn $fname() -> &'static $crate::relational::Relations {
            static R: ::std::sync::OnceLock<$crate::relational::Relations> = ::std::sync::OnceLock::new();
            R.get_or_init(|| {
                $crate::relational::Relations::new()
                    $(.table(::core::stringify!($table), <$table::Table as $crate::typed::TableDecl>::table()))+
                    $(.relation(
                        ::core::stringify!($source),
                        ::core::stringify!($rel),
                        $crate::__pg_relation!($source; $kind($($args)*)),
                    ))*
            })
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __pg_relation {
    ($source:ident; many($target:ident $(, $name:literal)?)) => {{
        let _: $target::Table = $target::TABLE;
        $crate::relational::Relation::many(::core::stringify!($target)) $(.relation_name($name))?
    }};
    ($source:ident; one($target:ident $(, $name:literal)?)) => {{
        let _: $target::Table = $target::TABLE;
        $crate::relational::Relation::one(::core::stringify!($target)) $(.relation_name($name))?
    }};
    ($source:ident; one($target:ident, [$($field:ident),+ $(,)?] => [$($reference:ident),+ $(,)?] $(, $name:literal)?)) => {{
        let _ = ($($source::$field,)+ $($target::$reference,)+);
        $crate::relational::Relation::one(::core::stringify!($target))
            .fields([$(::core::stringify!($field)),+])
            .references([$(::core::stringify!($reference)),+])
            $(.relation_name($name))?
    }};
}
