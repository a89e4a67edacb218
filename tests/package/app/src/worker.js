// A module Worker importing the package (by URL: import maps do not reach workers).
import { createEngine } from '../node_modules/lrlab/dist/engine/lrlab.mjs';
import { check } from './check.js';

check(createEngine).then(
  (r) => postMessage(r),
  (e) => postMessage({ error: String(e?.stack || e) }),
);
