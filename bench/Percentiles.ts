/** Latency summary of one ladder step, in milliseconds. Exact: every sample is kept and sorted. */
export interface LatencySummary {
  readonly count: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly max: number
  readonly mean: number
}

/**
 * Nearest-rank percentile of an ascending array: the smallest sample with at least q of the samples at or
 * below it. No interpolation, so a p99 is always a latency some request really had.
 */
export const percentile = (sorted: ArrayLike<number>, q: number): number => {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be within 0..1 (got ${q})`)
  if (sorted.length === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[rank - 1]!
}

export const summarize = (samples: ArrayLike<number>): LatencySummary => {
  const sorted = Float64Array.from(samples).sort()
  let sum = 0
  for (const x of sorted) sum += x
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length
  }
}
