// LR Lab engine, Node entry (package.json "exports" condition `node`): the API of
// lrlab.mjs, reading the engine's files from disk. Emscripten 3.1.6's ES6 glue
// cannot fetch a file: URL in Node, so file: URLs and plain paths
// are read with fs; http(s) URLs are fetched.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine as createEngineWith, EngineError } from './lrlab.mjs';

// Everything but createEngine is the browser entry's (a local export shadows a star export).
export * from './lrlab.mjs';

// Every failure is the API's EngineError of kind "load", as in a browser.
async function readAsset(url) {
  let response;
  try {
    if (url.protocol === 'file:') return await readFile(url);
    response = await fetch(url);
  } catch (e) {
    throw new EngineError(`could not read ${url}: ${e.message}`, 'load');
  }
  if (!response.ok) throw new EngineError(`could not fetch ${url}: HTTP ${response.status}`, 'load');
  return new Uint8Array(await response.arrayBuffer());
}

// A string without a scheme is a file path, relative to the working directory.
function toUrl(location) {
  if (location == null || location instanceof URL) return location;
  const text = String(location);
  return /^[a-z][a-z0-9+.-]+:/i.test(text) ? new URL(text) : pathToFileURL(path.resolve(text));
}

/**
 * Loads the engine (see lrlab.mjs); `wasmUrl` may also be a file path.
 * @param {Parameters<typeof createEngineWith>[0]} [options]
 */
export function createEngine(options = {}) {
  const locateFile = options.locateFile && ((file, base) => toUrl(options.locateFile(file, base)));
  return createEngineWith({
    readAsset,
    toUrl, // loadDataset(name, path): a plain path is relative to the working directory too
    ...options,
    ...(options.wasmUrl != null && { wasmUrl: toUrl(options.wasmUrl) }),
    ...(locateFile && { locateFile }),
  });
}
