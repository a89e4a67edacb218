// lrlab.mjs imports the Emscripten glue ./lrlab_core.mjs, which the build places beside it; its
// types are the package's lrlab_core.d.ts (the glue itself is generated code, not checked).
export { default } from '../../../wasm/js/lrlab_core.js';
export type * from '../../../wasm/js/lrlab_core.js';
