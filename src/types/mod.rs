//! Values that travel as statement parameters (and, with the drivers, values decoded from rows).

mod datetime;
mod decode;
mod js;
mod value;

pub(crate) use decode::hex_digit;
pub use decode::{decode_cell, decode_text, oid};
pub use js::{js_value, JsDate, JsForm};
pub(crate) use value::js_number;
pub use value::Value;
