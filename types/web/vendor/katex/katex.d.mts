// The site serves KaTeX's ES module as vendor/katex/katex.mjs (scripts/build-site.mjs copies it
// from the npm package); its types are the package's.
export { default } from 'katex';
