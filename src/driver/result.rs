//! Query results: field metadata, decoded rows, and drizzle's mapping of rows onto the
//! selection's shape (`mapResultRow`), then into serde types. The Rust home of row shaping; the
//! npm package shapes its rows in JS (`pkg-template/rows.js`), never through wasm.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};

use crate::query::{Field, Selection};
use crate::schema::{ColumnType, GeoMode, ReadAs};
use crate::sql::Decoder;
use crate::types::Value;
use crate::{Error, Result};

/// One column of a result (`fields[]` of Neon's response, `docs/protocol.md` §2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    /// Column name (or alias) as PostgreSQL reports it.
    pub name: String,
    /// Type OID (`dataTypeID`).
    pub type_oid: u32,
    /// OID of the source table, 0 if none.
    pub table_oid: u32,
    /// Attribute number in the source table, 0 if none.
    pub column_id: i32,
    /// `typlen` (-1 for variable length).
    pub type_size: i32,
    /// Type modifier (-1 if none).
    pub type_modifier: i32,
}

/// The result of one statement: fields, decoded rows (one `Value` per field, in field order, so
/// duplicate column names survive), the command tag and the affected row count.
///
/// Rows map to serde types with [`all`](QueryResult::all) / [`first`](QueryResult::first): by the
/// statement's selection when the result comes from a query builder (nested objects, drizzle's
/// null left joins), by column name otherwise.
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// The columns.
    pub fields: Vec<FieldInfo>,
    /// The rows, decoded by type OID.
    pub rows: Vec<Vec<Value>>,
    /// The first word of the command tag: `SELECT`, `INSERT`, `UPDATE`, `CREATE`, ...
    pub command: String,
    /// Rows affected or returned, when the command reports it.
    pub row_count: Option<u64>,
    pub(crate) shape: Option<Arc<RowShape>>,
}

impl QueryResult {
    pub(crate) fn new(fields: Vec<FieldInfo>, rows: Vec<Vec<Value>>, command: String, row_count: Option<u64>) -> Self {
        QueryResult { fields, rows, command, row_count, shape: None }
    }

    pub(crate) fn with_shape(mut self, shape: Option<Arc<RowShape>>) -> Self {
        self.shape = shape;
        self
    }

    /// Every row as a JSON object: shaped by the selection for builder statements, keyed by
    /// column name otherwise (a later duplicate name wins, as in the JS driver).
    pub fn objects(&self) -> Result<Vec<Map<String, Json>>> {
        self.rows.iter().map(|r| self.object(r)).collect()
    }

    fn object(&self, row: &[Value]) -> Result<Map<String, Json>> {
        match &self.shape {
            Some(shape) => shape.map_row(row),
            None => Ok(self.fields.iter().zip(row).map(|(f, v)| (f.name.clone(), v.to_json())).collect()),
        }
    }

    /// Every row as `T` (a `pg_table!` `Row`, or any `Deserialize` type).
    pub fn all<T: DeserializeOwned>(&self) -> Result<Vec<T>> {
        self.rows.iter().map(|r| self.row_as(r)).collect()
    }

    /// The first row as `T`, `None` if there are no rows.
    pub fn first<T: DeserializeOwned>(&self) -> Result<Option<T>> {
        self.rows.first().map(|r| self.row_as(r)).transpose()
    }

    fn row_as<T: DeserializeOwned>(&self, row: &[Value]) -> Result<T> {
        serde_json::from_value(Json::Object(self.object(row)?)).map_err(|e| Error::Decode {
            type_oid: 0,
            message: format!("cannot read a row into {}: {e}", std::any::type_name::<T>()),
        })
    }
}

/// Where each result column goes in a row object, and how it is decoded.
#[derive(Debug)]
pub(crate) struct RowShape {
    leaves: Vec<Leaf>,
    /// drizzle's `joinsNotNullableMap` (table name → never null), when the select has joins.
    joins: Option<Vec<(String, bool)>>,
}

#[derive(Debug)]
struct Leaf {
    path: Vec<String>,
    decoder: LeafDecoder,
    /// The column's table name, for left-join nullification.
    table: Option<String>,
}

#[derive(Debug, Clone, Copy)]
enum LeafDecoder {
    Identity,
    Number,
    String,
    Geo { point: bool, object: bool },
    Vector,
}

impl RowShape {
    pub(crate) fn new(sel: &Selection, joins: Option<&[(String, bool)]>) -> Arc<RowShape> {
        let leaves = sel
            .leaves()
            .into_iter()
            .map(|(path, field)| {
                let (decoder, table) = match field {
                    Field::Column(c) => (column_decoder(&c.def().ty), Some(c.table_name().to_owned())),
                    Field::Sql(s) => (sql_decoder(s.decoder()), None),
                    Field::Aliased(a) => (sql_decoder(a.sql().decoder()), None),
                    _ => (LeafDecoder::Identity, None),
                };
                Leaf { path, decoder, table }
            })
            .collect();
        Arc::new(RowShape { leaves, joins: joins.map(<[_]>::to_vec) })
    }

    /// drizzle's `mapResultRow`.
    fn map_row(&self, row: &[Value]) -> Result<Map<String, Json>> {
        if row.len() != self.leaves.len() {
            return Err(Error::Protocol(format!(
                "the statement selects {} fields but the row has {} values",
                self.leaves.len(),
                row.len()
            )));
        }
        let mut out = Map::new();
        // objectName → Some(table) while it may be nullified, None once it must not be.
        let mut nullify: Vec<(&str, Option<&str>)> = Vec::new();
        for (leaf, value) in self.leaves.iter().zip(row) {
            let json = if value.is_null() { Json::Null } else { leaf.decoder.decode(value) };
            let is_null = json.is_null();
            insert_path(&mut out, &leaf.path, json);
            if let (Some(_), Some(table), [object, _]) = (&self.joins, &leaf.table, leaf.path.as_slice()) {
                match nullify.iter_mut().find(|(o, _)| o == object) {
                    None => nullify.push((object, is_null.then_some(table.as_str()))),
                    Some((_, slot)) => {
                        if slot.is_some_and(|t| t != table.as_str()) {
                            *slot = None;
                        }
                    }
                }
            }
        }
        if let Some(joins) = &self.joins {
            for (object, table) in nullify {
                let Some(table) = table else { continue };
                let never_null = joins.iter().find(|(t, _)| t == table).is_some_and(|(_, nn)| *nn);
                if !never_null {
                    out.insert(object.to_owned(), Json::Null);
                }
            }
        }
        Ok(out)
    }
}

fn insert_path(out: &mut Map<String, Json>, path: &[String], v: Json) {
    match path {
        [] => {}
        [last] => {
            out.insert(last.clone(), v);
        }
        [first, rest @ ..] => {
            let slot = out.entry(first.clone()).or_insert_with(|| Json::Object(Map::new()));
            if !slot.is_object() {
                *slot = Json::Object(Map::new());
            }
            if let Json::Object(m) = slot {
                insert_path(m, rest, v);
            }
        }
    }
}

fn sql_decoder(d: Option<&Decoder>) -> LeafDecoder {
    match d {
        None => LeafDecoder::Identity,
        Some(Decoder::Number) => LeafDecoder::Number,
        Some(Decoder::String) => LeafDecoder::String,
        Some(Decoder::Column(c)) => column_decoder(&c.def().ty),
    }
}

/// A column's decoder for Rust rows, from its [`ReadAs`] fact: the OID parser already gives
/// numbers, JSON, dates and text their serde form; points, lines and vectors take drizzle's
/// shape here. An array column keeps what the OID parser gives (its elements are not reshaped).
fn column_decoder(ty: &ColumnType) -> LeafDecoder {
    if matches!(ty, ColumnType::Array { .. }) {
        return LeafDecoder::Identity;
    }
    match ty.facts().read {
        ReadAs::Point(m) => LeafDecoder::Geo { point: true, object: m == GeoMode::Object },
        ReadAs::Line(m) => LeafDecoder::Geo { point: false, object: m == GeoMode::Object },
        ReadAs::Vector => LeafDecoder::Vector,
        ReadAs::Parsed
        | ReadAs::Int
        | ReadAs::Number
        | ReadAs::BigInt
        | ReadAs::String
        | ReadAs::Float
        | ReadAs::Json
        | ReadAs::Timestamp
        | ReadAs::Timestamptz
        | ReadAs::Day
        | ReadAs::Custom => LeafDecoder::Identity,
    }
}

impl LeafDecoder {
    fn decode(self, v: &Value) -> Json {
        match self {
            LeafDecoder::Identity => v.to_json(),
            // `Number(value)`
            LeafDecoder::Number => match v {
                Value::Bool(b) => Json::from(u8::from(*b)),
                Value::Int(i) | Value::BigInt(i) => Json::from(*i),
                Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
                other => {
                    let s = other.js_string();
                    let t = s.trim();
                    if t.is_empty() {
                        Json::from(0)
                    } else if let Ok(i) = t.parse::<i64>() {
                        Json::from(i)
                    } else {
                        t.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Json::Null, Json::Number)
                    }
                }
            },
            LeafDecoder::String => Json::String(v.js_string()),
            LeafDecoder::Geo { point, object } => {
                let nums: Vec<f64> = match v {
                    Value::Point { x, y } => vec![*x, *y],
                    other => parse_floats(&other.js_string()),
                };
                let keys: &[&str] = if point { &["x", "y"] } else { &["a", "b", "c"] };
                let nums: Vec<Json> = nums
                    .into_iter()
                    .map(|f| serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number))
                    .collect();
                if object {
                    Json::Object(keys.iter().map(|k| k.to_string()).zip(nums).collect())
                } else {
                    Json::Array(nums)
                }
            }
            LeafDecoder::Vector => Json::Array(
                parse_floats(&v.js_string())
                    .into_iter()
                    .map(|f| serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number))
                    .collect(),
            ),
        }
    }
}

/// The numbers in `(1,2)`, `{1,2,3}`, `[1,2,3]`.
fn parse_floats(s: &str) -> Vec<f64> {
    s.split([',', '(', ')', '{', '}', '[', ']'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect()
}
