// Small statistics helpers (same definitions as bench/native/src/stats.rs).

/** Median (mean of the two middle values for an even count); null for none. */
export function median(values) {
  const sorted = finite(values);
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The p-th percentile (0–100), nearest-rank: the smallest value with p% of values at or below it; null for none. */
export function percentile(values, p) {
  const sorted = finite(values);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/** `x` rounded to `digits` decimals (null stays null), so the JSON stays readable. */
export function round(x, digits = 2) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}

/** For every key of `keys`, the median of that field over `samples` (objects), rounded. */
export function medians(samples, keys, digits = 2) {
  return Object.fromEntries(keys.map((key) => [key, round(median(samples.map((s) => s[key])), digits)]));
}

function finite(values) {
  return values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}
