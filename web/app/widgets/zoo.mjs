// The scheduler zoo: one card per torch.optim.lr_scheduler class with the lesson's settings for its
// parameters (the same ones the detailed view and the comparison train with), a one-line "when to
// use it", its LR curve and the final and best test accuracy, each trained by the engine on the
// lesson's data, model and seed.
import { h } from '../element.mjs';
import { engineClient } from '../engine-client.mjs';
import { settingsText } from '../lesson-settings.mjs';
import { fmtAcc, fmtLr } from '../number-format.mjs';
import { buildTrainSpec } from '../run-spec.mjs';
import { SCHEDULERS } from '../scheduler-catalog.mjs';
import { WHEN } from '../scheduler-when.mjs';
import { lastStepLr, TrainingRun } from '../training-run.mjs';

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

function drawCurve(canvas, run) {
  const dpr = devicePixelRatio || 1;
  const w = canvas.clientWidth || 240;
  const hgt = canvas.clientHeight || 70;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, w, hgt);
  const values = run.records.flatMap((r) => r.lr_steps[0]);
  if (!values.length) return;
  const max = Math.max(...values);
  const min = Math.min(0, ...values);
  const total = (run.spec?.epochs || 1) * (run.batchesPerEpoch || 1);
  const x = (t) => 2 + (t / total) * (w - 4);
  const y = (v) => hgt - 3 - ((v - min) / (max - min || 1)) * (hgt - 6);
  ctx.strokeStyle = css('--grid');
  ctx.beginPath();
  ctx.moveTo(0, y(0));
  ctx.lineTo(w, y(0));
  ctx.stroke();
  ctx.strokeStyle = css('--chart-1');
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  values.forEach((v, t) => {
    if (t === 0) ctx.moveTo(x(0), y(v));
    else ctx.lineTo(x(t), y(values[t - 1]));
    ctx.lineTo(x(t), y(v));
  });
  ctx.lineTo(x(values.length), y(values.at(-1)));
  ctx.stroke();
}

/** The first epoch with the best test accuracy. */
function bestEpoch(rs) {
  let best = 0;
  rs.forEach((r, e) => {
    if ((r.test_accuracy ?? -1) > (rs[best].test_accuracy ?? -1)) best = e;
  });
  return best;
}

export function mount(el, { state }) {
  const grid = h('div', { class: 'zoo-grid' });
  el.append(grid);
  const cards = SCHEDULERS.map((s, i) => {
    const run = new TrainingRun(`zoo-${i}`);
    const canvas = h('canvas', { role: 'img', 'aria-label': `${s.type} learning rate over the run` });
    const result = h('p', { class: 'zoo-result', text: 'Waiting for the engine…' });
    // the same parameters the detail view and Compare train with, PyTorch's default beside each
    const paramText = () => {
      const text = settingsText(state.values, s.type);
      return `Lesson settings: ${text || 'none'}`;
    };
    const params = h('p', { class: 'muted mono zoo-params', text: paramText() });
    const show = h('button', {
      type: 'button',
      class: 'small',
      text: 'Explore in detail',
      onclick: () => {
        state.set('scheduler', s.type);
        // the detail view's controls live in the Experiment section; in Visual mode it is hidden
        const visibleControls = () =>
          [...document.querySelectorAll('[data-widget="controls"]')].find((c) => c.checkVisibility());
        if (!visibleControls()) state.set('mode', 'experiment');
        visibleControls()?.scrollIntoView({ block: 'start' });
      },
    });
    const card = h(
      'article',
      { class: 'zoo-card', 'data-scheduler': s.type },
      h('h3', {}, h('code', { text: s.type })),
      params,
      h('p', { text: WHEN[s.type] }),
      canvas,
      result,
      h('div', { class: 'zoo-actions' }, show),
    );
    grid.append(card);
    const render = () => {
      drawCurve(canvas, run);
      const rs = run.records;
      const d = run.result?.diverged_at;
      result.textContent = run.error
        ? `Rejected: ${run.error}`
        : run.runError()
          ? run.runError()
          : !rs.length
            ? 'Training…'
            : `LR ${fmtLr(rs[0].lr[0])} → ${fmtLr(lastStepLr(rs))}; final test accuracy ${fmtAcc(rs.at(-1).test_accuracy)} (epoch ${rs.length - 1}), best test accuracy ${fmtAcc(Math.max(...rs.map((r) => r.test_accuracy ?? 0)))} (epoch ${bestEpoch(rs)})${d ? `; diverged at epoch ${d.epoch}` : ''}${run.status === 'done' ? '' : ' (training…)'}`;
      card.dataset.status = run.status;
    };
    for (const ev of ['reset', 'epoch', 'done', 'error']) run.addEventListener(ev, render);
    document.addEventListener('themechange', render);
    return { s, run, params, paramText };
  });
  function restart(only = null) {
    for (const { s, run, params, paramText } of cards) {
      if (only && !only.has(s.type)) continue;
      let spec = null;
      let err = null;
      params.textContent = paramText();
      // one parameter set per scheduler: the cards train what the detail view and Compare train
      try {
        spec = buildTrainSpec(state.values, { scheduler: s.type });
      } catch (e) {
        err = e.message;
      }
      run.restart(spec, err);
    }
  }
  state.addEventListener('change', (e) => {
    if (
      e.keys.some((k) =>
        [
          'lr',
          'epochs',
          'batch_size',
          'optimizer',
          'momentum',
          'dataset',
          'data_seed',
          'model_seed',
        ].includes(k),
      )
    )
      restart();
    else {
      // a scheduler parameter ("StepLR.gamma") retrains that scheduler's card only
      const types = new Set(e.keys.filter((k) => k.includes('.')).map((k) => k.split('.')[0]));
      if (types.size) restart(types);
    }
  });
  engineClient()
    .ready()
    .then(
      () => restart(),
      () => {},
    );
}
