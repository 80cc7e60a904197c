// Browsers and bundlers (the "browser" and "default" conditions of `#wasm`). The .wasm is
// fetched and compiled with streaming instantiation by a top-level await, so importing the
// package is enough. wasm-bindgen's init() fetches `new URL('edgepg_bg.wasm', import.meta.url)`,
// the pattern bundlers (Vite, webpack 5, Rollup, Parcel) recognise to emit the .wasm as an asset
// and rewrite its URL; it is the only reference to the file, so bundlers emit it once.
import init from './edgepg.js';

export * from './edgepg.js';

await init();
