// Starts the engine worker as early as the page allows (issue 12, page speed): loaded async from
// the lesson page's <head>, before the lesson script and its widgets, so the worker fetches and
// compiles the wasm and warms up while they load. engine-client.mjs keeps one client per page,
// which the lesson script then finds already started.
import { engineClient } from './engine-client.mjs';

engineClient();
