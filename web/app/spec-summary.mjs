// One line naming a run's settings, for chart exports (a PNG must say what it shows).
const args = (o) =>
  Object.entries(o)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v}]` : typeof v === 'object' ? '…' : v}`)
    .join(', ');

export function describeSpec(spec) {
  if (!spec) return '';
  const o = spec.optimizer;
  const s = spec.scheduler;
  const parts = [
    `${o.type} lr=${o.lr}${o.momentum ? ` momentum=${o.momentum}` : ''}`,
    s ? `${s.type}(${args(s)})` : 'constant LR',
    `${spec.epochs} epochs, batch ${spec.batch_size}`,
    `model ${spec.model.sizes.join('→')} seed ${spec.model.seed}`,
    `data ${spec.data.dataset ?? 'inline'} seed ${spec.data.seed ?? '–'}`,
  ];
  return parts.join(' · ');
}
