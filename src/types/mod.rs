//! Values that travel as statement parameters (and, with the drivers, values decoded from rows).
//! The Rust home of text decoding; the npm package decodes in JS (`pkg-template/rows.js`). Both
//! are checked against the same pg-types vectors (`tests/pgtypes`).

mod datetime;
mod decode;
mod js;
mod text;
mod value;

pub use datetime::JsDate;
pub use decode::hex_digit;
pub use decode::{decode_cell, decode_text, oid};
pub use js::{js_value, JsForm};
pub use text::{param_text, write_json_string};
pub(crate) use value::param_number;
pub use value::Value;
pub use value::{hex_with_prefix, js_number};
