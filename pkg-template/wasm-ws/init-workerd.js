// Cloudflare Workers: `#wasm-ws` (imported by edgepg/neon-serverless only); the bundler turns the
// .wasm import into a precompiled `WebAssembly.Module`, instantiated at import time.
import wasmModule from './edgepg_ws_bg.wasm';
import { initSync } from './edgepg_ws.js';

export * from './edgepg_ws.js';

initSync({ module: wasmModule });
