// The complete PyTorch script for the current settings (pytorch-script.mjs), with copy and
// download buttons. It follows the resolved spec the engine is running.

import { download } from '../charts/chart-frame.mjs';
import { h } from '../element.mjs';
import { setCodeText } from '../layout-cues.mjs';
import { learnerCsv } from '../learner-csv.mjs';
import { pytorchScript } from '../pytorch-script.mjs';

export function mount(el, { run }) {
  const code = h('code', { class: 'language-python' });
  const status = h('span', { class: 'muted', role: 'status' });
  const copy = h('button', {
    type: 'button',
    class: 'small',
    text: 'Copy',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        status.textContent = 'Copied.';
      } catch {
        status.textContent = 'Copy failed: select the text and copy it by hand.';
      }
    },
  });
  const save = h('button', {
    type: 'button',
    class: 'small',
    text: 'Download .py',
    onclick: () => download(new Blob([code.textContent], { type: 'text/x-python' }), 'lrlab_lesson.py'),
  });
  el.append(
    h(
      'div',
      { class: 'code-block' },
      h('div', { class: 'chart-tools' }, status, copy, save),
      h('pre', { tabindex: '0' }, code),
    ),
  );
  function render() {
    const spec = run.requestedSpec || run.spec;
    // a CSV run's script reads the file as the worker did, which it reports when the run starts
    // refused settings have no script: torch would refuse them too, or fail at its first step
    const awaiting =
      !spec || run.refused
        ? 'the settings are known'
        : spec.data?.dataset === 'csv' && !run.csv
          ? 'your CSV file is read'
          : null;
    if (awaiting) {
      setCodeText(
        code,
        run.engineDown
          ? `# The script appears once the engine has loaded: ${run.error}`
          : run.error
            ? `# The current settings are not valid: ${run.error}`
            : `# The script appears once ${awaiting}.`,
      );
      return;
    }
    try {
      // a CSV run: how the worker read the learner's file, and the file's name for open()
      const csv = run.csv && { ...run.csv, file: learnerCsv()?.name, pasted: learnerCsv()?.pasted };
      setCodeText(code, pytorchScript(spec, { csv }));
    } catch (err) {
      setCodeText(code, `# Cannot write this run as a script: ${err.message}`);
    }
  }
  for (const ev of ['reset', 'started', 'error']) run.addEventListener(ev, render);
  render();
}
