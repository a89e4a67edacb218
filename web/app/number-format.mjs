// How numbers from the engine are shown. LRs keep up to 6 significant digits so 0.05 and
// 0.0500001 stay distinguishable; the epoch table and CSV carry full precision on request.
export function fmtLr(v) {
  if (v === null || v === undefined) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e5) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(6)));
}
export function fmtLoss(v) {
  if (v === null || v === undefined) return '–';
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toFixed(4);
}
export function fmtAcc(v) {
  if (v === null || v === undefined) return '–';
  return `${(v * 100).toFixed(1)}%`;
}
export function fmtNum(v, digits = 4) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toFixed(digits)));
}
