//! The one renderer: walks a chunk tree and produces SQL text plus parameters.

use std::collections::HashMap;

use super::{Chunk, Placeholder, Sql};
use crate::types::Value;
use crate::{Error, Result};

/// Something that renders itself as a statement (query builders). Embedded in a fragment it is
/// wrapped in parentheses.
#[doc(hidden)]
pub trait RenderSql: Send + Sync {
    /// Renders the statement.
    fn render(&self, r: &mut Renderer) -> Result<()>;
}

/// One parameter of a rendered statement.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryParam {
    /// A value, already encoded for the driver.
    Value(Value),
    /// A placeholder, filled by [`Query::fill`].
    Placeholder(String),
}

/// A rendered statement: SQL text with `$n` parameters (drizzle's `.toSQL()`).
///
/// Render once, execute many times: [`fill`](Query::fill) replaces placeholders per execution.
///
/// ```
/// use edgepg::{pg::*, Value};
/// let users = table("users").column("id", serial("id")).build();
/// let q = select().from(&users).filter(eq(users.col("id").unwrap(), placeholder("id"))).to_sql().unwrap();
/// assert_eq!(q.sql, r#"select "id" from "users" where "users"."id" = $1"#);
/// let params = q.fill(&[("id", Value::Int(7))].into()).unwrap();
/// assert_eq!(params, vec![Value::Int(7)]);
/// assert!(q.fill(&Default::default()).is_err()); // No value for placeholder "id" was provided
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The SQL text.
    pub sql: String,
    /// Parameters in `$1..$n` order.
    pub params: Vec<QueryParam>,
    encoders: Vec<Option<crate::schema::Column>>,
}

impl Query {
    /// The column each parameter is bound to (its encoder), in `$1..$n` order; `None` for a
    /// parameter no column encodes.
    pub fn encoders(&self) -> &[Option<crate::schema::Column>] {
        &self.encoders
    }

    /// Parameter values with every placeholder filled from `values` (and encoded by the column
    /// it is bound to, as drizzle's `fillPlaceholders`).
    pub fn fill(&self, values: &HashMap<&str, Value>) -> Result<Vec<Value>> {
        self.fill_by(|name| values.get(name))
    }

    /// [`fill`](Query::fill) with a lookup function instead of a map.
    pub fn fill_by<'v>(&self, lookup: impl Fn(&str) -> Option<&'v Value>) -> Result<Vec<Value>> {
        self.fill_some(lookup)?
            .into_iter()
            .map(|p| match p {
                QueryParam::Value(v) => Ok(v),
                QueryParam::Placeholder(name) => Err(Error::MissingPlaceholder(name)),
            })
            .collect()
    }

    /// The parameters with the placeholders `lookup` knows filled (and encoded by their column);
    /// the others stay placeholders (what `.toSQL()` shows).
    pub fn fill_some<'v>(&self, lookup: impl Fn(&str) -> Option<&'v Value>) -> Result<Vec<QueryParam>> {
        self.params
            .iter()
            .zip(&self.encoders)
            .map(|(p, enc)| match p {
                QueryParam::Placeholder(name) => match lookup(name.as_str()) {
                    Some(v) => Ok(QueryParam::Value(match enc {
                        Some(c) => c.encode(v)?,
                        None => v.clone(),
                    })),
                    None => Ok(p.clone()),
                },
                other => Ok(other.clone()),
            })
            .collect()
    }

    /// Parameter values, failing if the statement has placeholders.
    pub fn values(&self) -> Result<Vec<Value>> {
        self.fill(&HashMap::new())
    }
}

/// Renderer state: output text, parameters, and whether values are inlined.
#[doc(hidden)]
pub struct Renderer {
    pub(crate) out: String,
    params: Vec<QueryParam>,
    encoders: Vec<Option<crate::schema::Column>>,
    inline: bool,
}

impl Renderer {
    pub(crate) fn new() -> Self {
        Renderer { out: String::with_capacity(256), params: Vec::new(), encoders: Vec::new(), inline: false }
    }

    pub(crate) fn finish(self) -> Query {
        Query { sql: self.out, params: self.params, encoders: self.encoders }
    }

    pub(crate) fn render_sql(mut self, s: &Sql) -> Result<Query> {
        self.sql(s)?;
        Ok(self.finish())
    }

    pub(crate) fn render_query(mut self, q: &dyn RenderSql) -> Result<Query> {
        q.render(&mut self)?;
        Ok(self.finish())
    }

    #[inline]
    pub(crate) fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// `"name"` with `"` doubled (drizzle's `escapeName`).
    pub(crate) fn name(&mut self, n: &str) {
        self.out.push('"');
        if n.contains('"') {
            self.out.push_str(&n.replace('"', "\"\""));
        } else {
            self.out.push_str(n);
        }
        self.out.push('"');
    }

    pub(crate) fn sql(&mut self, s: &Sql) -> Result<()> {
        let outer = self.inline;
        self.inline |= s.inline;
        let r = s.chunks.iter().try_for_each(|c| self.chunk(c));
        self.inline = outer;
        r
    }

    /// A select-list (or set-operation ORDER BY) expression where top-level columns print
    /// bare, as drizzle does for single-table queries. Nested fragments keep qualification.
    pub(crate) fn sql_bare_columns(&mut self, s: &Sql) -> Result<()> {
        let outer = self.inline;
        self.inline |= s.inline;
        let r = s.chunks.iter().try_for_each(|c| match c {
            Chunk::Column(col) => {
                self.name(&col.def.name);
                Ok(())
            }
            other => self.chunk(other),
        });
        self.inline = outer;
        r
    }

    fn param_marker(&mut self) {
        self.out.push('$');
        let n = self.params.len() + 1;
        // itoa-free fast path for the common small numbers
        if n < 10 {
            self.out.push(char::from(b'0' + n as u8));
        } else {
            self.out.push_str(&n.to_string());
        }
    }

    pub(crate) fn param(&mut self, v: Value) -> Result<()> {
        if self.inline {
            let lit = inline_literal(&v)?;
            self.out.push_str(&lit);
            return Ok(());
        }
        self.param_marker();
        self.params.push(QueryParam::Value(v));
        self.encoders.push(None);
        Ok(())
    }

    fn placeholder(&mut self, p: &Placeholder) {
        self.param_marker();
        self.params.push(QueryParam::Placeholder(p.name.clone()));
        self.encoders.push(p.encoder.clone());
    }

    /// `(a, b, c)`
    pub(crate) fn list(&mut self, items: &[Chunk]) -> Result<()> {
        self.out.push('(');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.chunk(item)?;
        }
        self.out.push(')');
        Ok(())
    }

    pub(crate) fn chunk(&mut self, c: &Chunk) -> Result<()> {
        match c {
            Chunk::Str(s) => self.push(s),
            Chunk::Name(n) => self.name(n),
            Chunk::Column(col) => {
                let t = &col.owner;
                if let (Some(s), false) = (&t.schema, t.is_alias) {
                    self.name(s);
                    self.out.push('.');
                }
                self.name(&t.name);
                self.out.push('.');
                self.name(&col.def.name);
            }
            Chunk::Table(t) => {
                if let (Some(s), false) = (&t.schema, t.is_alias) {
                    self.name(s);
                    self.out.push('.');
                }
                self.name(&t.name);
            }
            Chunk::Param(v, enc) => {
                let v = match enc {
                    Some(col) => col.encode(v)?,
                    None => v.clone(),
                };
                self.param(v)?;
            }
            Chunk::Placeholder(p) => self.placeholder(p),
            Chunk::Sql(s) => self.sql(s)?,
            Chunk::List(items) => self.list(items)?,
            Chunk::Aliased(a) => self.name(&a.alias),
            Chunk::Subquery(sq) => {
                if sq.is_with() {
                    if let Some(schema) = sq.schema() {
                        self.name(schema);
                        self.out.push('.');
                    }
                    self.name(sq.alias());
                } else {
                    self.out.push('(');
                    sq.render_body(self)?;
                    self.out.push_str(") ");
                    self.name(sq.alias());
                }
            }
            Chunk::Query(q) => {
                self.out.push('(');
                q.render(self)?;
                self.out.push(')');
            }
            Chunk::Enum(e) => {
                if let Some(s) = e.schema() {
                    self.name(s);
                    self.out.push('.');
                }
                self.name(e.name());
            }
            Chunk::Error(e) => return Err((**e).clone()),
        }
        Ok(())
    }
}

/// drizzle's `mapInlineParam` with `escapeString`.
fn inline_literal(v: &Value) -> Result<String> {
    let esc = |s: &str| format!("'{}'", s.replace('\'', "''"));
    Ok(match v {
        Value::Null => "null".into(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => v.js_string(),
        Value::Text(s) => esc(s),
        Value::Json(serde_json::Value::Object(_)) => esc(&v.to_json().to_string()),
        Value::Json(serde_json::Value::Null) => "null".into(),
        Value::Json(serde_json::Value::Number(n)) => n.to_string(),
        Value::Json(serde_json::Value::Bool(b)) => b.to_string(),
        Value::Json(_) | Value::Array(_) | Value::Bytes(_) => esc(&v.js_string()),
        Value::Numeric(_)
        | Value::Date(_)
        | Value::Timestamp(_)
        | Value::Timestamptz(_)
        | Value::Interval(_)
        | Value::Point { .. }
        | Value::Circle { .. } => esc(&v.js_string()),
        Value::BigInt(i) => return Err(Error::invalid(format!("Unexpected param value: {i}"))),
    })
}
