//! Values that travel as statement parameters (and, with the drivers, values decoded from rows).

mod value;

pub(crate) use value::js_number;
pub use value::Value;
