// The controls panel of <lr-lab>: the course's controls (fields.mjs sliders and inputs) and their
// styles. Most embeds show no controls, so lr-lab.mjs imports this module only when an element
// shows them; the build splits it into its own file (scripts/build-widget.mjs).
import { mount } from '../app/widgets/controls.mjs';
import css from './lr-lab-controls.css';

let sheet = null;

/**
 * Adopts the controls' stylesheet into `shadow` (after the element's own) and mounts the controls.
 * @param {ShadowRoot} shadow
 * @param {HTMLElement} box
 * @param {{state: EventTarget & {get(key: string): any, set(key: string, value: any): void, has(key: string): boolean, values: Record<string, any>}, args: {fields: string}}} context
 */
export function mountControls(shadow, box, context) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  if (!shadow.adoptedStyleSheets.includes(sheet))
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  mount(box, { ...context, args: { ...context.args, element: true } });
}
