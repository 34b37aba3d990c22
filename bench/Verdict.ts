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
 * The highest offered rate that holds; 0 when none does. A lower rate that failed does not veto it: on a
 * shared machine a neighbour's burst during one low step is likelier than a lucky high one (`gaps` lists
 * the lower rates that failed, so that a reader can tell).
 */
export const sustainableRps = (ladder: ReadonlyArray<StepResult>, p99BoundMs: number): number =>
  ladder.filter((s) => holds(s, p99BoundMs)).reduce((best, s) => Math.max(best, s.offeredRps), 0)

export const gaps = (ladder: ReadonlyArray<StepResult>, p99BoundMs: number): Array<number> => {
  const best = sustainableRps(ladder, p99BoundMs)
  return ladder.filter((s) => s.offeredRps < best && !holds(s, p99BoundMs)).map((s) => s.offeredRps).sort((a, b) => a - b)
}

/** Far past saturation: higher rates only build a backlog that takes long to drain, so the ladder stops. */
export const overloaded = (step: StepResult, p99BoundMs: number): boolean =>
  step.sent > 0 &&
  ((step.errors + step.timeouts) / step.sent > 0.05 || step.latency.p99 > 20 * p99BoundMs || step.achievedRps < 0.7 * step.offeredRps)

export const ratio = (pipeline: number, baseline: number): number | null =>
  baseline > 0 ? Math.round((pipeline / baseline) * 1000) / 1000 : null
