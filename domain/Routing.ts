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

export const isCertainBlock = (state: RequestState, config: GuardConfig): boolean =>
  state.detection?.branches.some((b) => b.status === "ok" && b.score >= config.skipPiiAtScore) ?? false

export const nextStep = (state: RequestState, config: GuardConfig): Step => {
  if (state.decision !== undefined) return "reply"
  if (state.detection === undefined) return "detection"
  if (state.pii === undefined && !isCertainBlock(state, config)) return "pii"
  return "arbiter"
}
