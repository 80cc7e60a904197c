//! Sequences, roles and row-level-security policies (drizzle's `pgSequence`, `pgRole`,
//! `pgPolicy`): schema objects for migrations and tools. Interpolated in `sql!`, a sequence or a
//! role is its quoted (schema-qualified) name.

use super::IdentityOptions;
use crate::sql::Sql;

/// drizzle's `pgSequence(name, options)` / `pgSchema(…).sequence(…)`.
///
/// ```
/// use edgepg::{sql, pg::*};
/// let s = pg_schema("app").sequence("ids", IdentityOptions::default().start_with(10));
/// assert_eq!(sql!("alter sequence {} restart", &s).to_sql()?.sql, r#"alter sequence "app"."ids" restart"#);
/// # Ok::<(), edgepg::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PgSequence {
    /// The sequence's name.
    pub name: String,
    /// Its schema.
    pub schema: Option<String>,
    /// `start with`, `increment`, bounds, `cache`, `cycle`.
    pub options: IdentityOptions,
}

/// Declares a sequence in the default schema.
pub fn pg_sequence(name: &str, options: IdentityOptions) -> PgSequence {
    PgSequence { name: name.into(), schema: None, options }
}

/// drizzle's `pgRole(name, { createDb, createRole, inherit })`, `.existing()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PgRole {
    /// The role's name.
    pub name: String,
    /// `createdb`.
    pub create_db: Option<bool>,
    /// `createrole`.
    pub create_role: Option<bool>,
    /// `inherit`.
    pub inherit: Option<bool>,
    /// Declared elsewhere (migrations leave it alone).
    pub existing: bool,
}

/// Declares a role.
///
/// ```
/// use edgepg::{sql, pg::*};
/// let reader = pg_role("reader").existing();
/// assert_eq!(sql!("grant select on t to {}", &reader).to_sql()?.sql, r#"grant select on t to "reader""#);
/// # Ok::<(), edgepg::Error>(())
/// ```
pub fn pg_role(name: &str) -> PgRole {
    PgRole { name: name.into(), ..PgRole::default() }
}

impl PgRole {
    /// `createDb`.
    pub fn create_db(mut self, v: bool) -> Self {
        self.create_db = Some(v);
        self
    }
    /// `createRole`.
    pub fn create_role(mut self, v: bool) -> Self {
        self.create_role = Some(v);
        self
    }
    /// `inherit`.
    pub fn inherit(mut self, v: bool) -> Self {
        self.inherit = Some(v);
        self
    }
    /// `.existing()`: declared elsewhere.
    pub fn existing(mut self) -> Self {
        self.existing = true;
        self
    }
}

/// A row-level-security policy (drizzle's `pgPolicy(name, config)`); a table gets it with
/// [`TableBuilder::build_with`](super::TableBuilder::build_with) (it lands in the table's extras).
#[derive(Debug, Clone, Default)]
pub struct PgPolicy {
    /// The policy's name.
    pub name: String,
    /// `permissive` / `restrictive`.
    pub as_: Option<String>,
    /// `all`, `select`, `insert`, `update`, `delete`.
    pub for_: Option<String>,
    /// The roles it applies to.
    pub to: Vec<String>,
    /// `using (…)`.
    pub using: Option<Sql>,
    /// `with check (…)`.
    pub with_check: Option<Sql>,
}

/// Declares a policy.
pub fn pg_policy(name: &str) -> PgPolicy {
    PgPolicy { name: name.into(), ..PgPolicy::default() }
}

impl PgPolicy {
    /// `as: 'permissive' | 'restrictive'`.
    pub fn as_(mut self, v: &str) -> Self {
        self.as_ = Some(v.into());
        self
    }
    /// `for: 'all' | 'select' | 'insert' | 'update' | 'delete'`.
    pub fn for_(mut self, v: &str) -> Self {
        self.for_ = Some(v.into());
        self
    }
    /// `to`: a role (repeat for more).
    pub fn to(mut self, role: &str) -> Self {
        self.to.push(role.into());
        self
    }
    /// `using`.
    pub fn using(mut self, s: Sql) -> Self {
        self.using = Some(s);
        self
    }
    /// `withCheck`.
    pub fn with_check(mut self, s: Sql) -> Self {
        self.with_check = Some(s);
        self
    }
}
