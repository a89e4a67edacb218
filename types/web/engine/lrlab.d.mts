// The site serves the engine's JS API as engine/lrlab.mjs (scripts/build.sh copies wasm/js into
// dist/engine); its pages are checked against the API's published types, lrlab.d.ts.
export * from '../../../wasm/js/lrlab.js';
