//! Values that travel as statement parameters (and, with the drivers, values decoded from rows).
//! The Rust home of text decoding; the npm package decodes in JS (`pkg-template/rows.js`). Both
//! are checked against the same pg-types vectors (`tests/pgtypes`).

mod datetime;
mod decode;
mod js;
mod value;

pub use datetime::JsDate;
pub(crate) use decode::hex_digit;
pub use decode::{decode_cell, decode_text, oid};
pub use js::{js_value, JsForm};
pub use value::Value;
pub(crate) use value::{hex_with_prefix, js_number, param_number};
