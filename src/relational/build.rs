//! drizzle's `buildRelationalQueryWithoutPK`, on edgepg's select builder.

use super::{RelationKind, Relations, With};
use crate::query::{and, eq, select_fields, Field, Limit, Select, Selection, Source};
use crate::schema::Column;
use crate::sql::{identifier, join, raw, Sql};
use crate::{Error, Query, Result};

/// A built relational query: the statement, and how its columns nest (for mapping rows).
#[derive(Debug, Clone)]
pub struct RelationalQuery {
    select: Select,
    /// The top-level fields, in column order.
    pub selection: Vec<SelectedField>,
}

impl RelationalQuery {
    /// The SQL and parameters.
    pub fn to_sql(&self) -> Result<Query> {
        self.select.to_sql()
    }
    /// The statement.
    pub fn select(&self) -> &Select {
        &self.select
    }
}

/// One field of a relational result.
#[derive(Debug, Clone)]
pub struct SelectedField {
    /// Its key in the result object.
    pub ts_key: String,
    /// What it is.
    pub kind: SelectedKind,
}

/// A column, an extra, or a nested relation.
#[derive(Debug, Clone)]
pub enum SelectedKind {
    /// A column of the table.
    Column(Column),
    /// An `extras` expression.
    Extra,
    /// A relation: a JSON array of rows (`many`) or one row or `null` (`one`), each row an array
    /// of the nested fields in order.
    Relation {
        /// The related table's key.
        table: String,
        /// `many`.
        many: bool,
        /// The related rows' fields.
        selection: Vec<SelectedField>,
    },
}

struct Selected {
    field: SelectedField,
    expr: Field,
}

pub(super) fn build(
    schema: &Relations,
    table_key: &str,
    config: &With,
    alias: &str,
    nested: Option<(RelationKind, Sql)>,
) -> Result<RelationalQuery> {
    let rt = schema.get(table_key)?;
    let aliased = rt.table.alias(alias);
    let mut selected: Vec<Selected> = Vec::new();
    let (mut filter, mut order_by, mut limit, mut offset): (Option<Sql>, Vec<Sql>, Option<Limit>, Option<Limit>) =
        (None, Vec::new(), None, None);
    let mut joins: Vec<(String, Select)> = Vec::new();
    let column = |key: &str| -> Result<Selected> {
        let c = aliased.col(key)?;
        Ok(Selected {
            field: SelectedField { ts_key: key.into(), kind: SelectedKind::Column(c.clone()) },
            expr: c.into(),
        })
    };
    let keys: Vec<String> = aliased.columns().iter().map(|c| c.def().key.clone()).collect();
    match config {
        With::All => {
            for k in &keys {
                selected.push(column(k)?);
            }
        }
        With::Config(c) => {
            filter = c.filter.as_ref().map(|f| f(&aliased));
            // drizzle: any `true` makes it include mode; otherwise the listed keys are excluded
            let mut cols: Vec<String> = keys.clone();
            if let Some(list) = &c.columns {
                // deliberate difference: drizzle ignores an unknown key; here it is an error
                if let Some((k, _)) = list.iter().find(|(k, _)| !keys.contains(k)) {
                    return Err(Error::invalid(format!("Column \"{k}\" not found in table \"{table_key}\"")));
                }
                // `columns: {}` selects no column (a level may then carry only its relations)
                cols = if list.iter().any(|(_, v)| *v) {
                    list.iter().filter(|(_, v)| *v).map(|(k, _)| k.clone()).collect()
                } else if list.is_empty() {
                    Vec::new()
                } else {
                    keys.iter().filter(|k| !list.iter().any(|(l, _)| l == *k)).cloned().collect()
                };
            }
            for k in &cols {
                selected.push(column(k)?);
            }
            if let Some(extras) = &c.extras {
                for a in extras(&aliased) {
                    selected.push(Selected {
                        field: SelectedField { ts_key: a.alias.clone(), kind: SelectedKind::Extra },
                        expr: Field::Aliased(a),
                    });
                }
            }
            order_by = c.order_by.as_ref().map(|f| f(&aliased)).unwrap_or_default();
            limit = c.limit.clone();
            offset = c.offset.clone();
            for (key, sub) in &c.with {
                let relation =
                    rt.relations.iter().find(|(n, _)| n == key).map(|(_, r)| r).ok_or_else(|| {
                        Error::invalid(format!("Relation \"{key}\" not found in table \"{table_key}\""))
                    })?;
                let (fields, references) = schema.normalize(table_key, key, relation)?;
                let rel_alias = format!("{alias}_{key}");
                let referenced = schema.get(&relation.referenced)?.table.alias(&rel_alias);
                let on = and(fields
                    .iter()
                    .zip(&references)
                    .map(|(f, r)| Ok(eq(referenced.col(&r.def().key)?, aliased.col(&f.def().key)?)))
                    .collect::<Result<Vec<Sql>>>()?);
                let sub = match (relation.kind, sub) {
                    (RelationKind::One, With::All) => With::Config(super::FindConfig::new().limit(1)),
                    (RelationKind::One, With::Config(c)) => With::Config(c.clone().limit(1)),
                    (RelationKind::Many, w) => w.clone(),
                };
                let built = build(schema, &relation.referenced, &sub, &rel_alias, Some((relation.kind, on)))?;
                let data = crate::sql!("{}.{}", identifier(rel_alias.clone()), identifier("data")).as_(key);
                selected.push(Selected {
                    field: SelectedField {
                        ts_key: key.clone(),
                        kind: SelectedKind::Relation {
                            table: relation.referenced.clone(),
                            many: relation.kind == RelationKind::Many,
                            selection: built.selection,
                        },
                    },
                    expr: Field::Aliased(data),
                });
                joins.push((rel_alias, built.select));
            }
        }
    }
    if selected.is_empty() {
        return Err(Error::invalid(format!("No fields selected for table \"{table_key}\" (\"{alias}\")")));
    }
    let (kind, join_on) = match nested {
        Some((kind, on)) => (Some(kind), Some(on)),
        None => (None, None),
    };
    let mut where_ = and([join_on, filter]);
    let selection: Vec<SelectedField> = selected.iter().map(|s| s.field.clone()).collect();
    let (fields, source): (Selection, Source) = match kind {
        None => {
            let mut sel = Selection::new();
            for s in selected {
                sel = sel.field(&s.field.ts_key, s.expr);
            }
            (sel, Source::Table(aliased))
        }
        Some(kind) => {
            // each row as a JSON array of its fields; `many`: aggregated in the join's order
            let items: Vec<Sql> = selected
                .into_iter()
                .map(|s| match (&s.field.kind, s.expr) {
                    (SelectedKind::Relation { .. }, _) => {
                        crate::sql!("{}.{}", identifier(format!("{alias}_{}", s.field.ts_key)), identifier("data"))
                    }
                    (_, Field::Aliased(a)) => a.sql,
                    (_, Field::Column(c)) => Sql::from(c),
                    (_, other) => Sql::from(other),
                })
                .collect();
            let mut data = crate::sql!("json_build_array({})", join(items, Some(raw(", "))));
            if kind == RelationKind::Many {
                let order = if order_by.is_empty() {
                    Sql::default()
                } else {
                    crate::sql!(" order by {}", join(order_by.clone(), Some(raw(", "))))
                };
                data = crate::sql!("coalesce(json_agg({}{}), '[]'::json)", data, order);
            }
            let sel = Selection::new().field("data", data.as_("data"));
            if limit.is_some() || offset.is_some() || !order_by.is_empty() {
                let mut inner =
                    select_fields(Selection::new().field("*", raw("*"))).from(&aliased).filter(where_.clone());
                inner = inner.order_by(std::mem::take(&mut order_by));
                if let Some(l) = limit.take() {
                    inner = inner.limit(l);
                }
                if let Some(o) = offset.take() {
                    inner = inner.offset(o);
                }
                where_ = Sql::default();
                (sel, Source::Subquery(inner.as_(alias)))
            } else {
                (sel, Source::Table(aliased))
            }
        }
    };
    let mut select = select_fields(fields).from(source);
    for (rel_alias, built) in joins {
        select = select.left_join_lateral(built.as_(&rel_alias), raw("true"));
    }
    select = select.filter(where_).order_by(order_by);
    if let Some(l) = limit {
        select = select.limit(l);
    }
    if let Some(o) = offset {
        select = select.offset(o);
    }
    Ok(RelationalQuery { select, selection })
}

impl RelationalQuery {
    /// Rows of this query's result as JSON objects nested like its config: each relation's JSON
    /// rows (arrays of fields, as PostgreSQL built them) become objects (drizzle's
    /// `mapRelationalRow`); `one` relations are an object or `null`, `many` an array.
    pub fn nest(&self, rows: Vec<serde_json::Map<String, serde_json::Value>>) -> Vec<serde_json::Value> {
        rows.into_iter()
            .map(|mut row| {
                for f in &self.selection {
                    if let SelectedKind::Relation { many, selection, .. } = &f.kind {
                        if let Some(v) = row.get_mut(&f.ts_key) {
                            *v = nest_relation(*many, selection, std::mem::take(v));
                        }
                    }
                }
                serde_json::Value::Object(row)
            })
            .collect()
    }
}

fn nest_relation(many: bool, selection: &[SelectedField], v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    let row = |v: J| match v {
        J::Array(items) => J::Object(
            selection
                .iter()
                .zip(items)
                .map(|(f, item)| {
                    let item = match &f.kind {
                        SelectedKind::Relation { many, selection, .. } => nest_relation(*many, selection, item),
                        _ => item,
                    };
                    (f.ts_key.clone(), item)
                })
                .collect(),
        ),
        other => other,
    };
    match (many, v) {
        (true, J::Array(rows)) => J::Array(rows.into_iter().map(row).collect()),
        (false, J::Null) => J::Null,
        (_, v) => row(v),
    }
}
