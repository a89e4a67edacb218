// The esbuild recipe (README): the plugin from lrlab/esbuild emits the wasm and data sets.
import * as esbuild from 'esbuild';
import lrlab from 'lrlab/esbuild';

await esbuild.build({
  entryPoints: ['src/main.js'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  outdir: 'out-esbuild',
  plugins: [lrlab()],
  logLevel: 'warning',
});
