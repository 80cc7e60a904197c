//! The npm package's third wasm module, `wasm-kit/edgepg_kit_bg.wasm`: [`edgepg::kit`] for the
//! `npx edgepg generate` command, which alone loads it (an app never does).

use wasm_bindgen::prelude::*;

/// drizzle-kit's migration SQL for the change between two snapshots (JSON texts); `""` when
/// nothing changed. Throws an `Error` for a change edgepg cannot generate yet.
#[wasm_bindgen(js_name = migrationSql)]
pub fn migration_sql(prev: &str, next: &str) -> Result<String, JsError> {
    edgepg::kit::migration_sql(prev, next).map_err(|e| JsError::new(&e.to_string()))
}
