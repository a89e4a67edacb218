import { createEngine } from 'lrlab';
import { check } from './src/check.js';

console.log(JSON.stringify(await check(createEngine)));
