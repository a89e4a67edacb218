// Types of lrlab/esbuild (esbuild-plugin.mjs); structural, so no dependency on esbuild's types.
export interface LrlabEsbuildPlugin {
  name: string;
  setup(build: unknown): void | Promise<void>;
}
/** An esbuild plugin that emits lrlab's wasm and data sets into the outdir. */
export default function lrlabAssets(): LrlabEsbuildPlugin;
