/** The top of a count axis: a round number a little above the largest value, so a suppressed bar reaches past every shown one. */
export function niceMax(values: readonly number[]): number {
  const largest = Math.max(0, ...values);
  if (largest === 0) return 10;
  const target = largest * 1.1;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= target) ?? 10;
  return step * magnitude;
}
