//! Relational descriptions: a schema's relations (`defineRelations`) and `findMany`/`findFirst`
//! statements (`{"k":"rel", …}`), rendered by [`edgepg::relational`].
//!
//! ```text
//! relations: {"tables": [[key, tableId], …], "relations": [{"source", "name", "kind": "one"|"many",
//!             "referenced", "fields"?: [key…], "references"?: [key…], "relationName"?}]}
//! statement: {"k": "rel", "schema": id, "table": key, "first"?: true, "config": config}
//! config:    {"columns"?: [[key, bool]…], "with"?: [[key, true | config]…], "where"?: node,
//!             "orderBy"?: [node…], "limit"?: node, "offset"?: node, "extras"?: [node with "as"…]}
//! ```
//! `where`, `orderBy` and `extras` are written against the table under its alias in the query
//! (the facade evaluates drizzle's callbacks with those columns).

use serde_json::Value as J;

use super::statement::{limit_of, present};
use super::{bad, short, str_of, Registry};
use edgepg::query::{Field, Select};
use edgepg::relational::{FindConfig, Relation, Relations, With};
use edgepg::Result;

impl Registry {
    /// Registers a schema's tables and relations; returns its id.
    pub fn define_relations(&mut self, j: &J) -> Result<u32> {
        let mut r = Relations::new();
        for t in j.get("tables").and_then(J::as_array).map_or(&[][..], Vec::as_slice) {
            let (key, id) = match t.as_array().map(Vec::as_slice) {
                Some([J::String(k), id]) => (k, id.as_u64().unwrap_or(u64::MAX)),
                _ => return Err(bad(format!("bad relational table {}", short(t)))),
            };
            r = r.table(key, &self.table(id)?);
        }
        for rel in j.get("relations").and_then(J::as_array).map_or(&[][..], Vec::as_slice) {
            let keys = |k: &str| -> Vec<String> {
                rel.get(k)
                    .and_then(J::as_array)
                    .map_or(vec![], |a| a.iter().filter_map(J::as_str).map(String::from).collect())
            };
            let referenced = str_of(rel, "referenced")?;
            let mut relation = match str_of(rel, "kind")? {
                "one" => Relation::one(referenced).fields(keys("fields")).references(keys("references")),
                "many" => Relation::many(referenced),
                other => return Err(bad(format!("unknown relation kind {other:?}"))),
            };
            if let Some(n) = rel.get("relationName").and_then(J::as_str) {
                relation = relation.relation_name(n);
            }
            r = r.relation(str_of(rel, "source")?, str_of(rel, "name")?, relation);
        }
        let id = u32::try_from(self.relations.len()).map_err(|_| bad("too many schemas"))?;
        self.relations.push(r);
        Ok(id)
    }

    /// A `{"k":"rel"}` statement.
    pub(super) fn relational(&self, j: &J) -> Result<Select> {
        let id = j.get("schema").and_then(J::as_u64).unwrap_or(u64::MAX);
        let schema = usize::try_from(id)
            .ok()
            .and_then(|i| self.relations.get(i))
            .ok_or_else(|| bad(format!("unknown relational schema {id}")))?;
        let table = str_of(j, "table")?;
        let config = self.find_config(j.get("config").unwrap_or(&J::Null))?;
        let q = if j.get("first").and_then(J::as_bool) == Some(true) {
            schema.find_first(table, config)?
        } else {
            schema.find_many(table, config)?
        };
        Ok(q.select().clone())
    }

    fn find_config(&self, j: &J) -> Result<FindConfig> {
        let mut c = FindConfig::new();
        if let Some(cols) = present(j, "columns").and_then(J::as_array) {
            c = c.columns(cols.iter().filter_map(|p| match p.as_array().map(Vec::as_slice) {
                Some([J::String(k), J::Bool(b)]) => Some((k.clone(), *b)),
                _ => None,
            }));
        }
        for w in present(j, "with").and_then(J::as_array).map_or(&[][..], Vec::as_slice) {
            match w.as_array().map(Vec::as_slice) {
                Some([J::String(k), J::Bool(true)]) => c = c.with(k, With::All),
                Some([J::String(k), sub]) => c = c.with(k, self.find_config(sub)?),
                _ => return Err(bad(format!("bad with entry {}", short(w)))),
            }
        }
        if let Some(w) = present(j, "where") {
            c = c.filter(self.sql(w)?);
        }
        if let Some(o) = present(j, "orderBy").and_then(J::as_array) {
            c = c.order_by(o.iter().map(|n| self.sql(n)).collect::<Result<_>>()?);
        }
        if let Some(l) = present(j, "limit") {
            c = c.limit(limit_of(l)?);
        }
        if let Some(o) = present(j, "offset") {
            c = c.offset(limit_of(o)?);
        }
        if let Some(e) = present(j, "extras").and_then(J::as_array) {
            let mut extras = Vec::with_capacity(e.len());
            for n in e {
                match self.template(n)? {
                    Field::Aliased(a) => extras.push(a),
                    _ => return Err(bad("an extra needs .as('name')")),
                }
            }
            c = c.extras(extras);
        }
        Ok(c)
    }
}
