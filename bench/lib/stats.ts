/** Median of finite numbers; NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * Nearest-rank percentile (p in 0..100). Infinity is allowed and sorts last, so a missing
 * sample counted as Infinity pushes the percentile up instead of being ignored.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function maxFinite(values: readonly number[]): number {
  let max = Number.NaN;
  for (const v of values) if (Number.isFinite(v) && !(v <= max)) max = v;
  return max;
}
