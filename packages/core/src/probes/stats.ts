/** Latency summary of a probe's attempts (nearest-rank percentiles), or null without any timed attempt. */
export function latencySummary(
  durations: readonly number[],
): { minMs: number; p50Ms: number; p95Ms: number; maxMs: number } | null {
  if (!durations.length) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    minMs: round(sorted[0]!),
    p50Ms: round(rank(50)),
    p95Ms: round(rank(95)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}
