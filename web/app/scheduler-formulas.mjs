// Closed forms of torch.optim.lr_scheduler classes as TeX, in two lines: the general formula (as
// in the PyTorch 1.13 docs / lr_scheduler.py _get_closed_form_lr and get_lr) and the same formula
// with the learner's parameter values and the chosen epoch (or optimizer step) substituted.
// The substituted line ends in the engine's value, passed in already formatted: no learning rate is
// computed here. Only index arithmetic (which stair, which cycle, which phase) is done, so the
// reader sees which branch of the formula applies.
//
// ctx: { type, p(name) -> parameter value, lr0, e (epoch), t (optimizer step, per-batch types),
//        nb (batches per epoch), E (epochs), sched (the resolved run-spec scheduler, or null),
//        value (TeX of the engine's LR at e / t, or "\ldots") }

/** A number as TeX (6 significant digits, no float noise like 0.30000000000000004). */
export const texNum = (v) => {
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : v < 0 ? '-\\infty' : '\\text{NaN}';
  const s = String(Number(v.toPrecision(6)));
  const m = s.match(/^(-?[\d.]+)e([+-]\d+)$/);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
};
const T = (s) => `\\text{${s.replace(/_/g, '\\_')}}`;
const lr = (sub) => `\\text{lr}_{${sub}}`;
// (the bracket is a group: a narrow line does not break inside it)
const cosine = (lo, hi, num, den) =>
  `${lo} + {\\tfrac{1}{2}\\,(${hi} - ${lo})}\\left(1 + \\cos\\frac{\\pi \\cdot ${num}}{${den}}\\right)`;

const FORMULAS = {
  StepLR({ p, lr0, e, value }) {
    const s = p('step_size');
    const g = texNum(p('gamma'));
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\gamma^{\\lfloor e / ${T('step_size')} \\rfloor}`,
      substituted: `${lr(e)} = {${texNum(lr0)} \\cdot ${g}^{\\lfloor ${e} / ${s} \\rfloor}} = {${texNum(lr0)} \\cdot ${g}^{${Math.floor(e / s)}}} = ${value}`,
    };
  },
  MultiStepLR({ p, lr0, e, value }) {
    const ms = p('milestones');
    const g = texNum(p('gamma'));
    const k = ms.filter((m) => m <= e).length;
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\gamma^{\\,|\\{m \\in ${T('milestones')} \\,:\\, m \\le e\\}|}`,
      substituted: `${lr(e)} = {${texNum(lr0)} \\cdot ${g}^{\\,|\\{m \\in \\{${ms.join(', ')}\\} : m \\le ${e}\\}|}} = {${texNum(lr0)} \\cdot ${g}^{${k}}} = ${value}`,
    };
  },
  ConstantLR({ p, lr0, e, value }) {
    const f = texNum(p('factor'));
    const n = p('total_iters');
    return {
      general: `${lr('e')} = \\begin{cases} ${lr('0')} \\cdot ${T('factor')} & e < ${T('total_iters')} \\\\ ${lr('0')} & e \\ge ${T('total_iters')} \\end{cases}`,
      substituted: `${lr(e)} = {${texNum(lr0)} \\cdot ${e < n ? f : '1'}} \\quad {(${e} ${e < n ? '<' : '\\ge'} ${n})} \\quad = ${value}`,
    };
  },
  LinearLR({ p, lr0, e, value }) {
    const a = texNum(p('start_factor'));
    const b = texNum(p('end_factor'));
    const n = p('total_iters');
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\left(s + (f - s)\\,\\frac{\\min(e, n)}{n}\\right), \\allowbreak \\quad s = \\nobreak ${T('start_factor')}, \\allowbreak \\ f = \\nobreak ${T('end_factor')}, \\allowbreak \\ n = \\nobreak ${T('total_iters')}`,
      substituted: `${lr(e)} = {${texNum(lr0)} \\cdot \\left(${a} + (${b} - ${a})\\,\\frac{${Math.min(e, n)}}{${n}}\\right)} = ${value}`,
    };
  },
  ExponentialLR({ p, lr0, e, value }) {
    const g = texNum(p('gamma'));
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\gamma^{e}`,
      substituted: `${lr(e)} = ${texNum(lr0)} \\cdot ${g}^{${e}} = ${value}`,
    };
  },
  PolynomialLR({ p, lr0, e, value }) {
    const n = p('total_iters');
    const pw = texNum(p('power'));
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\left(1 - \\frac{\\min(e, n)}{n}\\right)^{${T('power')}}, \\allowbreak \\quad n = \\nobreak ${T('total_iters')}`,
      substituted: `${lr(e)} = ${texNum(lr0)} \\cdot \\left(1 - \\frac{${Math.min(e, n)}}{${n}}\\right)^{${pw}} = ${value}`,
    };
  },
  CosineAnnealingLR({ p, lr0, e, value }) {
    const tm = p('T_max');
    const lo = texNum(p('eta_min'));
    return {
      general: `${lr('e')} = ${cosine('\\eta_{\\min}', lr('0'), 'e', 'T_{\\max}')}`,
      substituted: `${lr(e)} = ${cosine(lo, texNum(lr0), e, tm)} = ${value}`,
    };
  },
  CosineAnnealingWarmRestarts({ p, lr0, e, value }) {
    const t0 = p('T_0');
    const mult = p('T_mult');
    const lo = texNum(p('eta_min'));
    // which cycle epoch e falls in (lr_scheduler.py CosineAnnealingWarmRestarts.step, integer epochs)
    let ti = t0;
    let tcur = e;
    while (tcur >= ti) {
      tcur -= ti;
      ti *= mult;
    }
    return {
      general: `${lr('e')} = ${cosine('\\eta_{\\min}', lr('0'), 'T_{cur}', 'T_i')}, \\allowbreak \\quad T_{cur} = \\nobreak \\text{epochs since the last restart}, \\allowbreak \\ T_i = \\nobreak {T_0 \\cdot T_{mult}^{\\,i}}`,
      substituted: `${lr(e)} = ${cosine(lo, texNum(lr0), tcur, ti)} = ${value} \\allowbreak \\quad {(T_0 = ${t0},\\ T_{mult} = ${mult})}`,
    };
  },
  LambdaLR({ p, lr0, e, value }) {
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\lambda(e)`,
      substituted: `${lr(e)} = {${texNum(lr0)} \\cdot \\lambda(${e})}, \\allowbreak \\quad \\lambda(\\text{epoch}) = \\nobreak \\texttt{${texCode(p('lr_lambda'))}} \\quad = ${value}`,
    };
  },
  MultiplicativeLR({ p, e, value }) {
    return {
      general: `${lr('e')} = ${lr('e-1')} \\cdot \\lambda(e) \\ \\ {(e \\ge 1)}, \\allowbreak \\qquad ${lr('0')} = \\nobreak \\text{the optimizer's lr}`,
      substituted: `${lr(e)} = ${e === 0 ? "\\text{the optimizer's lr}" : `{${lr(e - 1)} \\cdot \\lambda(${e})}`}, \\allowbreak \\quad \\lambda(\\text{epoch}) = \\nobreak \\texttt{${texCode(p('lr_lambda'))}} \\quad = ${value}`,
    };
  },
  CyclicLR({ p, t, sched, value }) {
    const s = sched?.step_size_up ?? '\\ldots'; // in optimizer steps, as resolved by the worker
    const mode = p('mode');
    const c = typeof s === 'number' ? Math.floor(1 + t / (2 * s)) : '\\ldots';
    const scaleGen = { triangular: '1', triangular2: '\\frac{1}{2^{c-1}}', exp_range: '\\gamma^{t}' }[mode];
    const scaleSub = {
      triangular: '1',
      triangular2: `\\frac{1}{2^{${c} - 1}}`,
      exp_range: `${texNum(p('gamma'))}^{${t}}`,
    }[mode];
    return {
      general: `${lr('t')} = b + {(M - b)}\\,\\allowbreak \\max\\!\\left(0,\\ 1 - \\left|\\frac{t}{s} - 2c + 1\\right|\\right)\\cdot \\nobreak ${scaleGen}, \\allowbreak \\quad c = \\nobreak \\left\\lfloor 1 + \\frac{t}{2s} \\right\\rfloor`,
      substituted: `${lr(t)} = ${texNum(p('base_lr'))} + {(${texNum(p('max_lr'))} - ${texNum(p('base_lr'))})}\\,\\allowbreak \\max\\!\\left(0,\\ 1 - \\left|\\frac{${t}}{${s}} - 2 \\cdot ${c} + 1\\right|\\right)\\cdot \\nobreak ${scaleSub} = ${value}`,
    };
  },
  OneCycleLR({ p, t, nb, E, sched, value }) {
    const total =
      sched && typeof sched.steps_per_epoch === 'number' ? sched.epochs * sched.steps_per_epoch : E * nb;
    const M = texNum(p('max_lr'));
    const d = texNum(p('div_factor'));
    const fd = texNum(p('final_div_factor'));
    const up = p('pct_start') * total - 1; // end_step of the warm-up phase: float(pct_start * total_steps) - 1 (lr_scheduler.py OneCycleLR)
    const inWarmup = !p('three_phase') && t <= up;
    const f = p('anneal_strategy') === 'cos' ? 'f_{\\cos}' : 'f_{\\text{lin}}';
    const fDef =
      p('anneal_strategy') === 'cos'
        ? `f_{\\cos}(a, b, q) = b + {\\tfrac{1}{2}(a - b)(1 + \\cos \\pi q)}`
        : `f_{\\text{lin}}(a, b, q) = a + {(b - a)\\,q}`;
    const annealArgs = [
      `${M},\\ \\frac{${M}}{${d} \\cdot ${fd}},`,
      `\\frac{${t} - ${texNum(up)}}{${total - 1} - ${texNum(up)}}`,
    ];
    const sub = p('three_phase')
      ? `\\text{(three phases: up, back down to } ${T('initial_lr')}\\text{, then to } ${T('min_lr')}\\text{)}`
      : inWarmup
        ? `${lr(t)} = ${f}\\!\\left(\\frac{${M}}{${d}},\\ ${M},\\ \\frac{${t}}{${texNum(up)}}\\right) = ${value}`
        : `${lr(t)} = ${f}\\!\\left(${annealArgs[0]}\\ ${annealArgs[1]}\\right) = ${value}`;
    const steps = `{(${total} \\text{ steps, warm-up until step } ${texNum(up)})}`;
    return {
      general: `${fDef}; \\allowbreak \\quad ${T('initial_lr')} = \\nobreak \\frac{${T('max_lr')}}{${T('div_factor')}}, \\allowbreak \\ ${T('min_lr')} = \\nobreak \\frac{${T('initial_lr')}}{${T('final_div_factor')}}`,
      substituted: `${sub} \\allowbreak \\quad ${steps}`,
      // on a narrow line the anneal's arguments go on two lines, so "lr_t =" stays with them
      substitutedNarrow:
        p('three_phase') || inWarmup
          ? undefined
          : `\\begin{aligned} ${lr(t)} &= ${f}\\!\\left(${annealArgs[0]}\\right. \\\\ &\\qquad \\left. ${annealArgs[1]}\\right) = ${value} \\\\[0.3em] &\\quad ${steps} \\end{aligned}`,
    };
  },
  SequentialLR({ p, lr0, e, E, value }) {
    const w = p('warmup_epochs');
    const a = texNum(p('start_factor'));
    const lo = texNum(p('eta_min'));
    const tm = Math.max(1, E - w);
    return {
      general: `${lr('e')} = \\begin{cases} ${lr('0')} \\cdot \\left(s + (1 - s)\\frac{e}{w}\\right) & e < w \\ (\\text{LinearLR}) \\\\ ${cosine('\\eta_{\\min}', lr('0'), '(e - w)', 'T_{\\max}')} & e \\ge w \\ (\\text{CosineAnnealingLR}) \\end{cases}`,
      // on a narrow line: each piece under its condition, so the line is one formula wide
      generalNarrow: `\\begin{aligned} &e < w \\ (\\text{LinearLR})\\text{:} \\\\ &\\quad ${lr('e')} = ${lr('0')} \\cdot \\left(s + (1 - s)\\frac{e}{w}\\right) \\\\[0.4em] &e \\ge w \\ (\\text{CosineAnnealingLR})\\text{:} \\\\ &\\quad ${lr('e')} = \\eta_{\\min} + \\tfrac{1}{2}\\,(${lr('0')} - \\eta_{\\min}) \\\\ &\\qquad\\qquad \\cdot \\left(1 + \\cos\\frac{\\pi \\cdot (e - w)}{T_{\\max}}\\right) \\end{aligned}`,
      substituted:
        e < w
          ? `${lr(e)} = ${texNum(lr0)} \\cdot \\left(${a} + (1 - ${a})\\frac{${e}}{${w}}\\right) = ${value}`
          : `${lr(e)} = ${cosine(lo, texNum(lr0), `(${e} - ${w})`, tm)} = ${value}`,
    };
  },
  ChainedScheduler({ p, lr0, e, value }) {
    const w = p('warmup_epochs');
    const a = texNum(p('start_factor'));
    const g = texNum(p('gamma'));
    const linear = `\\left(s + (1 - s)\\frac{\\min(e, w)}{w}\\right)`;
    const linearAt = `\\left(${a} + (1 - ${a})\\frac{${Math.min(e, w)}}{${w}}\\right)`;
    return {
      general: `${lr('e')} = ${lr('0')} \\cdot \\underbrace{${linear}}_{\\text{LinearLR}} \\cdot \\underbrace{\\gamma^{e}}_{\\text{ExponentialLR}}`,
      // on a narrow line each child's factor has a line of its own (the label under gamma^e takes
      // no width, so the brace stays by its factor)
      generalNarrow: `\\begin{aligned} ${lr('e')} = ${lr('0')} &\\cdot \\underbrace{${linear}}_{\\text{LinearLR}} \\\\ &\\cdot \\underbrace{\\gamma^{e}}_{\\mathclap{\\text{ExponentialLR}}} \\end{aligned}`,
      substituted: `${lr(e)} = ${texNum(lr0)} \\cdot ${linearAt} \\cdot ${g}^{${e}} = ${value}`,
      substitutedNarrow: `\\begin{aligned} ${lr(e)} &= ${texNum(lr0)} \\cdot ${linearAt} \\\\ &\\quad \\cdot ${g}^{${e}} = ${value} \\end{aligned}`,
    };
  },
  ReduceLROnPlateau({ p, e, value, plateau }) {
    const mode = p('mode');
    const rel = p('threshold_mode') === 'rel';
    const th = texNum(p('threshold'));
    const sign = mode === 'min' ? '<' : '>';
    const bound = (best) =>
      rel
        ? `${best} \\cdot (1 ${mode === 'min' ? '-' : '+'} ${th})`
        : `${best} ${mode === 'min' ? '-' : '+'} ${th}`;
    const general = `\\text{improved} \\iff \\nobreak m ${sign} \\nobreak {${bound('\\text{best}')}}; \\allowbreak \\qquad \\text{if bad epochs} > \\nobreak ${p('patience')}: \\allowbreak \\ \\text{lr} \\leftarrow \\nobreak {\\max(\\text{lr} \\cdot ${texNum(p('factor'))},\\ ${texNum(p('min_lr'))})}`;
    if (!plateau)
      return {
        general,
        substituted: `\\text{epoch } ${e}: \\text{ the check appears when the engine has trained this epoch}`,
      };
    const { m, bestBefore, improved, cut, lrBefore, bad, cooldown } = plateau;
    // on a narrow line it breaks only between whole pieces: after the comparison, before
    // "⇒ improved", between the clauses; never inside a bracket or between "=" and its value
    const check = `m_{${e}} = \\nobreak ${texNum(m)} \\ ${improved ? sign : `\\not${sign}`}\\ {${bound(texNum(bestBefore))}} \\allowbreak \\Rightarrow \\nobreak \\text{${improved ? 'improved' : 'bad epoch'}}`;
    const lrLine = cut
      ? `\\text{lr} \\leftarrow \\nobreak {\\max(${texNum(lrBefore)} \\cdot ${texNum(p('factor'))},\\ ${texNum(p('min_lr'))})} = \\nobreak ${value}`
      : `\\text{lr stays } ${value}`;
    const counters = `\\text{bad epochs} = \\nobreak ${bad}${cooldown ? `,\\ \\text{cooldown left} = \\nobreak ${cooldown}` : ''}`;
    return {
      general,
      substituted: `${check}; \\allowbreak \\quad ${counters}; \\allowbreak \\quad ${lrLine}`,
    };
  },
};

/** Characters of an expression, safe inside \texttt{} (the field only admits [0-9a-z_.+-*\/(), ]). */
function texCode(s) {
  return String(s)
    .replace(/[^0-9a-z_.+\-*/(), ]/g, '')
    .replace(/_/g, '\\_')
    .replace(/\*/g, '{*}');
}

export const FORMULA_TYPES = Object.keys(FORMULAS);
export const hasFormula = (type) => type in FORMULAS;
export const perBatchFormula = (type) => type === 'CyclicLR' || type === 'OneCycleLR';

/**
 * { general, generalNarrow?, substituted, substitutedNarrow? } TeX for ctx.type, or null when
 * the type has no closed form here. A narrow setting, set out on lines of its own, replaces the
 * wide one when the formula's box is narrow (widgets/formula.mjs, site.css). A substituted line
 * ending in "= value" keeps the value with the "=" and the term before it when KaTeX breaks the
 * line on a narrow screen (\nobreak after the last "=").
 */
export function schedulerFormula(ctx) {
  const f = FORMULAS[ctx.type];
  if (!f) return null;
  const out = f(ctx);
  // the "= value" that ends the line, or the clause before a trailing note (CosineAnnealingWarmRestarts'
  // "(T_0 = 10, T_mult = 1)" may hold the same digits after another "=")
  const end = `= ${ctx.value}`;
  let i = out.substituted.length - end.length;
  if (!out.substituted.endsWith(end)) i = out.substituted.lastIndexOf(`${end} \\allowbreak`);
  if (i >= 0) out.substituted = `${out.substituted.slice(0, i)}= \\nobreak ${out.substituted.slice(i + 2)}`;
  return out;
}
