#!/usr/bin/env node
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
// Zero-dependency static server for dist/ on 127.0.0.1 with the site's strict CSP.
//   node scripts/serve.mjs [--prefix /sub/path/] [--root dist] [--cors]   (PORT env; default 8000, or any free port if taken)
// Tests import { startServer } and listen on port 0; `csp` (a policy, or null for none) and
// `cors` stand in for other hosts' headers.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// 'wasm-unsafe-eval' lets WebAssembly compile without allowing eval. No
// 'unsafe-inline' anywhere: formulas are MathML (build time) or built through the DOM (KaTeX's
// render(), which sets styles through the CSSOM), and <lr-lab> styles are constructable
// stylesheets. blob: workers are how <lr-lab> starts its worker when loaded from another origin.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; worker-src 'self' blob:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** embed.html is made to be framed: by any origin. Every other page refuses framing. */
export const EMBED_CSP = CSP.replace("frame-ancestors 'none'", 'frame-ancestors *');
export const FRAMEABLE = new Set(['embed.html']);

/**
 * The headers a host should send for a file of the site (README "Hosting").
 * @param {string} rel the file's path under the site
 * @param {{csp?: string | null, cors?: boolean}} [options] csp: a policy, null for none
 */
export function securityHeaders(rel, { csp, cors = false } = {}) {
  const headers = { 'X-Content-Type-Options': 'nosniff' };
  const policy = csp !== undefined ? csp : FRAMEABLE.has(rel) ? EMBED_CSP : CSP;
  if (policy) headers['Content-Security-Policy'] = policy;
  // Access-Control-Allow-Origin lets pages on other origins load the widget's module, worker,
  // engine and wasm (CORS fetches; no credentials).
  if (cors) headers['Access-Control-Allow-Origin'] = '*';
  return headers;
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

function normalizePrefix(prefix) {
  let p = prefix || '/';
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

// Shared lesson URLs carry the whole control state (web/app/url-state.mjs); the longest the
// fields can produce is ~20 KB (a 2,000-character custom scheduler JSON, percent-encoded),
// over Node's default 16 KB header limit (HTTP 431). tests/js/serve.test.mjs builds it.
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Starts the server; resolves to { server, url, port, close() }.
 * @param {{root?: string, port?: number, prefix?: string, host?: string, csp?: string | null, cors?: boolean}} [options]
 */
export async function startServer({
  root = path.join(repo, 'dist'),
  port = 0,
  prefix = '/',
  host = '127.0.0.1',
  csp,
  cors = false,
} = {}) {
  const base = normalizePrefix(prefix);
  const rootDir = path.resolve(root);
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, async (req, res) => {
    const send = (code, body, type = 'text/plain; charset=utf-8', extra = {}) => {
      res.writeHead(code, { 'Content-Type': type, ...securityHeaders('', { csp, cors }), ...extra });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (pathname + '/' === base) return send(301, '', undefined, { Location: base });
    if (!pathname.startsWith(base)) return send(404, 'not found');
    let rel = pathname.slice(base.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(rootDir, rel);
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(403, 'forbidden');
    let info;
    try {
      info = await stat(file);
    } catch {
      return send(404, 'not found');
    }
    if (!info.isFile()) return send(404, 'not found');
    // Revalidated on every load (no-cache: a rebuild shows at once), answered 304 while the file
    // is unchanged, as static hosts do: the browser then reuses its copy and the compiled code
    // V8 cached for it (the wasm's optimized code too), instead of fetching and compiling again.
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers = {
      ...securityHeaders(rel, { csp, cors }),
      'Cache-Control': 'no-cache',
      ETag: etag,
      'Last-Modified': info.mtime.toUTCString(),
    };
    const tags = (req.headers['if-none-match'] || '').split(',').map((t) => t.trim());
    if (tags.includes(etag) || tags.includes('*')) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': info.size,
      ...headers,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const url = `http://${host}:${actual}${base}`;
  return { server, url, port: actual, close: () => new Promise((r) => server.close(r)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  // A stable default port (bookmarks survive restarts); any free port if it is taken.
  const wanted = process.env.PORT !== undefined ? Number.parseInt(process.env.PORT, 10) || 0 : 8000;
  const options = {
    prefix: opt('--prefix') || '/',
    root: opt('--root') || undefined,
    cors: args.includes('--cors'),
  };
  let started;
  try {
    started = await startServer({ ...options, port: wanted });
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || process.env.PORT !== undefined) throw e;
    started = await startServer({ ...options, port: 0 });
  }
  const { url } = started;
  console.log(`LR Lab is being served at ${url}  (Ctrl+C to stop)`);
}
