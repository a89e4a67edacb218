// lrlab.mjs imports the CSV reader ./lrlab-csv.mjs on first use: the build bundles wasm/js/csv.mjs
// (with Papa Parse) under that name beside it. Its types are those of csv.mjs.
export * from '../../../wasm/js/csv.mjs';
