// What the browser tests (tests/browser) add to the pages they drive: globals their init scripts
// set, and the <lr-lab> element's type for querySelector('lr-lab').
interface Window {
  widgetEvents: Array<{ id: string; type: string; detail: unknown }>;
  __cls: number;
  __pwned: unknown;
}
interface HTMLElementTagNameMap {
  'lr-lab': import('../web/widget/lr-lab.mjs').LrLabElement;
}
