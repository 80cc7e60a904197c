// Node: `#wasm-ws` (the WebSocket driver's module, imported by edgepg/neon-serverless only),
// instantiated synchronously at import time like `#wasm`.
import { readFileSync } from 'node:fs';
import { initSync } from './edgepg_ws.js';

export * from './edgepg_ws.js';

initSync({ module: readFileSync(new URL('./edgepg_ws_bg.wasm', import.meta.url)) });
