/**
 * Open-loop pacing: request i is due at `start + i * 1000 / rate`, whatever happened to the requests before
 * it. Latency is measured from that due time, not from the moment the generator got round to sending, so a
 * stalled generator or a full socket pool shows up as latency instead of silently lowering the offered load
 * (coordinated omission).
 */
export interface OpenLoopPlan {
  readonly ratePerSecond: number
  readonly durationMs: number
}

export const plannedCount = (plan: OpenLoopPlan): number => Math.floor((plan.ratePerSecond * plan.durationMs) / 1000)

/** Offset in ms from the step's start at which request `i` is due. */
export const dueAt = (plan: OpenLoopPlan, i: number): number => (i * 1000) / plan.ratePerSecond

/** How many requests are due by `elapsedMs` (never more than the plan holds). */
export const dueBy = (plan: OpenLoopPlan, elapsedMs: number): number =>
  elapsedMs < 0 ? 0 : Math.min(plannedCount(plan), Math.floor((elapsedMs * plan.ratePerSecond) / 1000 + 1e-9) + 1)

export const validatePlan = (plan: OpenLoopPlan): string | undefined =>
  !(Number.isFinite(plan.ratePerSecond) && plan.ratePerSecond > 0)
    ? `rate must be a positive number of requests/s (got ${plan.ratePerSecond})`
    : !(Number.isFinite(plan.durationMs) && plan.durationMs >= 100)
    ? `duration must be at least 100 ms (got ${plan.durationMs})`
    : plannedCount(plan) < 1
    ? `rate ${plan.ratePerSecond}/s for ${plan.durationMs} ms plans no request`
    : undefined
