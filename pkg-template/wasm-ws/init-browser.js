// Browsers and bundlers: `#wasm-ws` (imported by edgepg/neon-serverless only), fetched and
// compiled by a top-level await; `new URL('edgepg_ws_bg.wasm', import.meta.url)` in
// wasm-bindgen's init() is what bundlers recognise to emit the file.
import init from './edgepg_ws.js';

export * from './edgepg_ws.js';

await init();
