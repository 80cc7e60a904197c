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

use super::contract::{self, FindConfig, RelationKind, Relations as Desc, Statement};
use super::statement::limit_of;
use super::{bad, Registry};
use edgepg::query::{Field, Select};
use edgepg::relational::{FindConfig as Find, Relation, Relations, With};
use edgepg::Result;

impl Registry {
    /// Registers a schema's tables and relations; returns its id.
    pub fn define_relations(&mut self, d: Desc<'_>) -> Result<u32> {
        let mut r = Relations::new();
        for t in d.tables()? {
            let (key, id) = t?;
            r = r.table(key, &self.table(id)?);
        }
        for rel in d.relations()? {
            let rel = rel?;
            let mut relation = match rel.kind {
                RelationKind::One => Relation::one(rel.referenced).fields(rel.fields).references(rel.references),
                RelationKind::Many => Relation::many(rel.referenced),
            };
            if let Some(n) = rel.relation_name {
                relation = relation.relation_name(n);
            }
            r = r.relation(rel.source, rel.name, relation);
        }
        let id = u32::try_from(self.relations.len()).map_err(|_| bad("too many schemas"))?;
        self.relations.push(r);
        Ok(id)
    }

    /// [`define_relations`](Registry::define_relations) of the description's JSON text.
    pub fn define_relations_json(&mut self, json: &str) -> Result<u32> {
        let j = contract::parse(json)?;
        self.define_relations(Desc::read(&j)?)
    }

    /// A `{"k":"rel"}` statement.
    pub(super) fn relational(&self, d: Statement<'_>) -> Result<Select> {
        let id = d.schema()?;
        let schema = usize::try_from(id)
            .ok()
            .and_then(|i| self.relations.get(i))
            .ok_or_else(|| bad(format!("unknown relational schema {id}")))?;
        let table = d.table_key()?;
        let config = self.find_config(d.config()?)?;
        let q = if d.first() { schema.find_first(table, config)? } else { schema.find_many(table, config)? };
        Ok(q.select().clone())
    }

    fn find_config(&self, d: FindConfig<'_>) -> Result<Find> {
        let mut c = Find::new();
        if let Some(cols) = d.columns()? {
            c = c.columns(cols);
        }
        for w in d.with()? {
            c = match w? {
                (k, None) => c.with(k, With::All),
                (k, Some(sub)) => c.with(k, self.find_config(sub)?),
            };
        }
        if let Some(w) = d.filter()? {
            c = c.filter(self.sql(w)?);
        }
        let order_by = d.order_by()?;
        if !order_by.is_empty() {
            c = c.order_by(self.sqls(order_by)?);
        }
        if let Some(l) = d.limit()? {
            c = c.limit(limit_of(l)?);
        }
        if let Some(o) = d.offset()? {
            c = c.offset(limit_of(o)?);
        }
        let extras = d.extras()?;
        if !extras.is_empty() {
            let mut out = Vec::with_capacity(extras.len());
            for n in extras.iter() {
                let contract::Node::Template(parts, mods) = n? else { return Err(bad("an extra is a sql template")) };
                match self.template(parts, mods)? {
                    Field::Aliased(a) => out.push(a),
                    _ => return Err(bad("an extra needs .as('name')")),
                }
            }
            c = c.extras(out);
        }
        Ok(c)
    }
}
