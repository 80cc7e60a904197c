// Node (and Deno/Bun through their "node" condition): the package.json `imports` field maps
// `#wasm` here. Reads the .wasm next to this file synchronously and instantiates it at import
// time, so no init call is ever needed.
import { readFileSync } from 'node:fs';
import { initSync } from './edgepg.js';

export * from './edgepg.js';

initSync({ module: readFileSync(new URL('./edgepg_bg.wasm', import.meta.url)) });
