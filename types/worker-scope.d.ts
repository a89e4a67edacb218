// web/app/engine-worker.mjs runs as a module Worker and, as a fallback, in the page: lib "dom"
// describes the page, where WorkerGlobalScope does not exist.
declare var WorkerGlobalScope: (abstract new () => object) | undefined;
