#!/usr/bin/env node
// Prints the training run-spec a lesson's default settings build (the same buildTrainSpec call the
// page makes), so scripts (seed_lesson.py) and tests train exactly what the learner first sees.
//   node scripts/lesson-spec.mjs LESSON_ID [--constant]
// --constant drops the scheduler: the constant-LR baseline drawn behind every chart.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTrainSpec } from '../web/app/run-spec.mjs';
import { lessonDefaults } from '../web/app/url-state.mjs';
import { parseLesson } from './lesson-format.mjs';

const lessonsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'lessons');

/** The parsed lesson whose front matter has `id`. */
export async function loadLesson(id) {
  for (const name of (await readdir(lessonsDir)).filter((n) => /^\d\d-.*\.md$/.test(n)).sort()) {
    const lesson = parseLesson(await readFile(path.join(lessonsDir, name), 'utf8'), name);
    if (lesson.meta.id === id) return lesson;
  }
  throw new Error(`no lesson with id "${id}" in lessons/`);
}

/** The run-spec of a lesson's defaults; `constant` replaces its scheduler by none. */
export async function lessonSpec(id, { constant = false } = {}) {
  const { meta } = await loadLesson(id);
  const values = lessonDefaults(meta.fields, meta.field_groups);
  return buildTrainSpec(values, meta.run || {}, constant ? { scheduler: null } : {});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [id, flag] = process.argv.slice(2);
  if (!id || (flag && flag !== '--constant')) {
    console.error('usage: node scripts/lesson-spec.mjs LESSON_ID [--constant]');
    process.exit(2);
  }
  console.log(JSON.stringify(await lessonSpec(id, { constant: flag === '--constant' })));
}
