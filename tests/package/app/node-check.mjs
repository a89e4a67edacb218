import { createEngine, EngineError, SpecError } from 'lrlab';
import schedulers from 'lrlab/schedulers.json' with { type: 'json' };
import { check } from './src/check.js';

const result = await check(createEngine);
const engine = await createEngine();
// loadDataset(name, path): a relative path is the working directory's, as wasmUrl's is
await engine.loadDataset('iris', './node_modules/lrlab/dist/engine/data/iris.bin');
const missing = await engine.loadDataset('wine', './no-such/wine.bin').then(
  () => null,
  (e) => ({ isEngineError: e instanceof EngineError, kind: e.kind, message: e.message }),
);
console.log(
  JSON.stringify({
    ...result,
    relativeDataset: true,
    missing,
    // the minified API keeps its error classes' names (Node's console prints them)
    classNames: [SpecError.name, EngineError.name],
    schedulersJson: schedulers.schedulers.map((s) => s.type).length,
  }),
);
