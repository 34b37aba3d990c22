import type { GuardConfig } from "./Config.ts"
import type { RequestState } from "./State.ts"

/** The topology as data: which stage a request goes to next is a pure function of its state. */
export type Step = "detection" | "pii" | "arbiter" | "reply"

export const Subjects = {
  detection: "vigil.guard.input",
  pii: "vigil.pii.detect",
  arbiter: "vigil.arbiter.decide",
  logs: "vigil.logs.event"
} as const

/**
 * A branch the arbiter caps below the block threshold when unsupported (the classifier) cannot make a block
 * certain on its own; skipping PII on its word could answer SANITIZE with the text unredacted.
 */
export const isCertainBlock = (state: RequestState, config: GuardConfig): boolean => {
  const capped = new Set(config.policies.unsupported.filter((p) => p.cap < config.thresholds.block).map((p) => p.branch))
  return state.detection?.branches.some((b) => b.status === "ok" && b.score >= config.skipPiiAtScore && !capped.has(b.name)) ?? false
}

export const nextStep = (state: RequestState, config: GuardConfig): Step => {
  if (state.decision !== undefined) return "reply"
  if (state.detection === undefined) return "detection"
  if (state.pii === undefined && !isCertainBlock(state, config)) return "pii"
  return "arbiter"
}
