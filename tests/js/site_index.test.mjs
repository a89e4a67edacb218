// The course's index page as scripts/build-site.mjs writes it (dist/index.html).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { root } from './fixture_compare.mjs';

test('the index lede counts the lessons its list shows', async () => {
  const html = await readFile(new URL('dist/index.html', root), 'utf8');
  const cards = html.match(/<li class="lesson-card">/g) ?? [];
  const lessons = JSON.parse(await readFile(new URL('dist/lessons.json', root), 'utf8'));
  assert.equal(cards.length, lessons.length);
  const words = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];
  const said = html.match(/<p class="lede">(\w+) short lessons/)?.[1];
  assert.equal(said, words[cards.length] ?? String(cards.length));
});
