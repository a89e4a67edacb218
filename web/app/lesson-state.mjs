// The lesson's control values, mirrored into the address bar (replaceState) so every setting can be
// bookmarked and shared. Widgets read values here and listen for "change".

import { FIELDS } from './fields.mjs';
import { lessonDefaults, parseState, serializeState } from './url-state.mjs';

/** The "change" event: the keys whose values changed. */
/** @typedef {Event & {keys: string[]}} StateChangeEvent */

export class LessonState extends EventTarget {
  constructor(lessonFields, search, fieldGroups = []) {
    super();
    this.defaults = lessonDefaults(lessonFields, fieldGroups);
    const { values, notices } = parseState(search, this.defaults);
    this.values = values;
    this.notices = notices;
  }

  has(key) {
    return key in this.defaults;
  }
  get(key) {
    return key in this.values ? this.values[key] : FIELDS[key].default;
  }

  /** Sets several fields at once; values are validated through the field table. */
  update(changes) {
    const changed = [];
    for (const [key, value] of Object.entries(changes)) {
      if (!this.has(key)) continue;
      const f = FIELDS[key];
      const v = f.parse(f.format(value));
      if (v === undefined) continue;
      if (f.format(v) === f.format(this.values[key])) continue;
      this.values[key] = v;
      changed.push(key);
    }
    if (changed.length === 0) return;
    const url = `${location.pathname}${serializeState(this.values, this.defaults)}${location.hash}`;
    history.replaceState(null, '', url);
    this.dispatchEvent(Object.assign(new Event('change'), { keys: changed }));
  }

  /**
   * Announces that what `key` refers to changed without a new value (the learner chose another
   * CSV file while the data set stays "csv"): listeners retrain as after a change.
   */
  touch(key) {
    if (this.has(key)) this.dispatchEvent(Object.assign(new Event('change'), { keys: [key] }));
  }

  set(key, value) {
    this.update({ [key]: value });
  }
}
