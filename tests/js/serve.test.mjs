// scripts/serve.mjs answers the longest URL the site's own URL state can produce
// (issue 8: shared URLs over ~16 KB got HTTP 431 from Node's default header limit), and
// revalidations with 304 while a file is unchanged (issue 12: a second visit reuses its copies).

import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';
import { FIELDS } from '../../web/app/fields.mjs';
import { serializeState } from '../../web/app/url-state.mjs';

// For each field, the value whose formatted, percent-encoded form is longest.
function longestValue(f) {
  switch (f.kind) {
    case 'int':
      return String(f.min).length > String(f.max).length ? f.min : f.max;
    case 'number':
      return -(f.max - f.min) / 3 + f.max; // 17 significant digits, as String() writes them
    case 'enum':
      return [...f.options].sort((a, b) => b.length - a.length)[0];
    case 'bool':
      return !f.default;
    case 'intlist':
      return Array.from({ length: f.maxLength }, (_, i) => f.max - (f.maxLength - 1 - i));
    case 'enumlist':
      return [...f.options].sort((a, b) => b.length - a.length).slice(0, f.maxLength);
    case 'expr':
      return '('.repeat(120); // the grammar check comes later; the URL field takes it
    case 'name':
      return '\u4e00'.repeat(f.maxLength); // a CSV column's name: 9 characters each, encoded
    case 'json': {
      // a CJK character is 3 bytes of UTF-8, 9 characters percent-encoded
      const body = '\u4e00'.repeat(f.maxLength - 8);
      return JSON.stringify({ n: body });
    }
    default:
      throw new Error(`unknown field kind ${f.kind}`);
  }
}

test('serve.mjs answers the longest URL the controls can produce', async () => {
  const defaults = Object.fromEntries(Object.values(FIELDS).map((f) => [f.key, f.default]));
  const values = Object.fromEntries(Object.values(FIELDS).map((f) => [f.key, longestValue(f)]));
  for (const f of Object.values(FIELDS)) {
    assert.ok(f.parse(f.format(values[f.key]), f) !== undefined, `${f.key}: the URL field accepts the value`);
  }
  const query = serializeState(values, defaults);
  assert.ok(
    query.length > 16 * 1024,
    `the longest state URL is over Node's default header limit (${query.length})`,
  );

  const root = await mkdtemp(path.join(os.tmpdir(), 'lrlab-serve-'));
  await writeFile(path.join(root, 'playground.html'), '<!doctype html><title>ok</title>');
  const server = await startServer({ root, port: 0 });
  try {
    const res = await fetch(`${server.url}playground.html${query}`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<title>ok<\/title>/);
  } finally {
    await server.close();
  }
});

test('serve.mjs answers a revalidation of an unchanged file with 304, and of a changed one with the file', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'lrlab-serve-'));
  const file = path.join(root, 'a.mjs');
  await writeFile(file, 'export const a = 1;\n');
  const server = await startServer({ root, port: 0 });
  try {
    const first = await fetch(`${server.url}a.mjs`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^W\/".+"$/);
    assert.ok(first.headers.get('last-modified'));
    await first.text();

    const again = await fetch(`${server.url}a.mjs`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    // the CSP travels with the 304 too (a browser keeps the headers of the copy it reuses)
    assert.ok(again.headers.get('content-security-policy'));

    // a rebuild (new size and time) is sent in full
    await writeFile(file, 'export const a = 22;\n');
    const changed = await fetch(`${server.url}a.mjs`, { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.equal(await changed.text(), 'export const a = 22;\n');
    assert.notEqual(changed.headers.get('etag'), etag);
  } finally {
    await server.close();
  }
});
