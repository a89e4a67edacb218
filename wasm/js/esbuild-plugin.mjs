// esbuild plugin for apps that bundle lrlab: esbuild does not follow
// `new URL('./file', import.meta.url)` (evanw/esbuild#795), the pattern by which lrlab.mjs
// finds its wasm and data sets and which Vite, webpack and Rollup turn into emitted assets.
// This plugin gives esbuild the same: each such URL in lrlab's entry becomes an import of
// the file with the `file` loader, so the wasm and the data sets land in the outdir (hashed)
// and the bundle points at them. Usage (README, "esbuild"):
//   import lrlab from 'lrlab/esbuild';
//   await esbuild.build({ entryPoints: ['src/main.js'], bundle: true, format: 'esm',
//                         platform: 'browser', outdir: 'out', plugins: [lrlab()] });
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = /[\\/]lrlab\.mjs$/;
// (either quote, any spacing: dist/engine/lrlab.mjs is minified)
const ASSET = /new URL\((['"])(\.\/[\w./-]+\.(?:wasm|bin))\1,\s*import\.meta\.url\)/g;

export default function lrlabAssets() {
  return {
    name: 'lrlab-assets',
    setup(build) {
      const engineDir = path.dirname(fileURLToPath(import.meta.url));
      build.onLoad({ filter: ENTRY }, async (args) => {
        if (path.dirname(args.path) !== engineDir) return undefined;
        const imports = [];
        const source = (await readFile(args.path, 'utf8')).replace(ASSET, (_, _quote, file) => {
          imports.push(`import __lrlab_asset_${imports.length} from ${JSON.stringify(file)};`);
          return `new URL(__lrlab_asset_${imports.length - 1}, import.meta.url)`;
        });
        return { contents: `${imports.join('\n')}\n${source}`, loader: 'js', resolveDir: engineDir };
      });
      build.onLoad({ filter: /\.(wasm|bin)$/ }, async (args) =>
        path.dirname(args.path).startsWith(engineDir)
          ? { contents: await readFile(args.path), loader: 'file' }
          : undefined,
      );
    },
  };
}
