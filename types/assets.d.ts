// esbuild's text loader: the widget imports its stylesheets as strings (scripts/build-widget.mjs).
declare module '*.css' {
  const text: string;
  export default text;
}
