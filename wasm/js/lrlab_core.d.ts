// Types of lrlab/lrlab_core.mjs, the Emscripten glue of the engine's wasm. Apps use the
// API of lrlab.mjs; the glue is exported for bundler recipes that handle it themselves.
/** Emscripten module arguments (locateFile, instantiateWasm, wasmBinary, ...). */
export type ModuleArguments = Record<string, unknown>;
/** Instantiates the engine's wasm; resolves to the Embind module. */
declare function createLrlabCore(moduleArguments?: ModuleArguments): Promise<Record<string, unknown>>;
export default createLrlabCore;
