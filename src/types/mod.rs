//! Values that travel as statement parameters (and, with the drivers, values decoded from rows).

mod value;

pub use value::Value;
pub(crate) use value::js_number;
