// The site serves uPlot's ES module as vendor/uplot/uPlot.esm.js (scripts/build-site.mjs copies
// it from the npm package); its types are the package's.
export { default } from 'uplot';
