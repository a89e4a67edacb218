// The modules a page imports statically, found by esbuild's metafile: a lesson page lists them
// as <link rel="modulepreload"> so the browser fetches them all at once. Without the list it
// discovers the graph one level per round trip (lesson-page -> fields -> scheduler-catalog ->
// engine-facts -> ...), and the lesson asked for its first run about a second after
// navigation (issue 12, page speed). Dynamic imports stay lazy; JSON modules cannot be
// preloaded as modules and are left out.
import path from 'node:path';
import { build } from 'esbuild';

/**
 * @param {string} root the site's folder (dist/)
 * @param {string[]} entries page-relative module paths, e.g. "app/lesson-page.mjs"
 * @returns {Promise<string[]>} page-relative paths of every module the entries import statically
 */
export async function staticModules(root, entries) {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'unused',
    logLevel: 'silent',
  });
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  for (const e of entries) visit(e);
  return [...seen]
    .filter((f) => /\.m?js$/.test(f) && !f.includes('*')) // not JSON, not an import() pattern
    .map((f) => path.relative(root, path.resolve(root, f)).split(path.sep).join('/'))
    .sort();
}
