import { decide } from "./Arbiter.ts"
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
 * The PII stage is skipped only when its result cannot matter: the arbiter already blocks on detection alone
 * (PII can only turn ALLOW into SANITIZE), at or above `skipPiiAtScore`, and not merely because no branch answered. Asking the arbiter itself, not one
 * branch's score, keeps the two from disagreeing: a branch at 96 that the fusion does not take as certain
 * must not send a prompt to a SANITIZE answer with its PII unredacted.
 */
export const isCertainBlock = (state: RequestState, config: GuardConfig): boolean => {
  if (state.detection === undefined) return false
  const d = decide({ ...state, pii: undefined }, config, 0)
  // A fail-secure block is no verdict on the prompt: PII still runs, so the record is complete.
  return d.decision === "BLOCK" && d.threatScore >= config.skipPiiAtScore && !d.process.rules.includes("fail_secure_no_branch")
}

export const nextStep = (state: RequestState, config: GuardConfig): Step => {
  if (state.decision !== undefined) return "reply"
  if (state.detection === undefined) return "detection"
  if (state.pii === undefined && !isCertainBlock(state, config)) return "pii"
  return "arbiter"
}
