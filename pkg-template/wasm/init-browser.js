// Browsers and bundlers (the "browser" and "default" conditions of `#wasm`). The .wasm is
// fetched and compiled with streaming instantiation by a top-level await, so importing the
// package is enough. `new URL('…', import.meta.url)` is the pattern bundlers (Vite, webpack 5,
// Rollup, Parcel) recognise to emit the .wasm as an asset and rewrite its URL.
import init from './edgepg.js';

export * from './edgepg.js';

await init({ module_or_path: new URL('./edgepg_bg.wasm', import.meta.url) });
