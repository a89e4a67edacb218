import { createEngine } from 'lrlab';
import { check } from './check.js';

check(createEngine).then(
  (r) => {
    globalThis.__result = r;
    document.title = 'done';
  },
  (e) => {
    globalThis.__result = { error: String(e?.stack || e) };
    document.title = 'failed';
  },
);
