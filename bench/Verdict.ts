import type { LatencySummary } from "./Percentiles.ts"

/** What one ladder step measured. Latencies count only answered requests (HTTP 200). */
export interface StepResult {
  readonly offeredRps: number
  readonly achievedRps: number
  readonly sent: number
  readonly ok: number
  readonly errors: number
  readonly timeouts: number
  readonly latency: LatencySummary
  /** How late the generator sent, worst case: large values mean the generator itself could not keep up. */
  readonly maxSendLagMs: number
}

/** A step holds when p99 is under the bound, almost nothing failed, and the answers kept up with the offer. */
export const holds = (step: StepResult, p99BoundMs: number): boolean =>
  step.sent > 0 &&
  (step.errors + step.timeouts) / step.sent <= 0.001 &&
  step.achievedRps >= 0.95 * step.offeredRps &&
  step.latency.p99 < p99BoundMs

/**
 * The highest offered rate that holds, provided every lower rate held too: a lucky step above a failed one
 * is noise, not capacity. 0 when even the lowest rate fails.
 */
export const sustainableRps = (ladder: ReadonlyArray<StepResult>, p99BoundMs: number): number => {
  let best = 0
  for (const step of [...ladder].sort((a, b) => a.offeredRps - b.offeredRps)) {
    if (!holds(step, p99BoundMs)) break
    best = step.offeredRps
  }
  return best
}

/** Far past saturation: higher rates only build a backlog that takes long to drain, so the ladder stops. */
export const overloaded = (step: StepResult, p99BoundMs: number): boolean =>
  step.sent > 0 &&
  ((step.errors + step.timeouts) / step.sent > 0.05 || step.latency.p99 > 20 * p99BoundMs || step.achievedRps < 0.7 * step.offeredRps)

export const ratio = (pipeline: number, baseline: number): number | null =>
  baseline > 0 ? Math.round((pipeline / baseline) * 1000) / 1000 : null
