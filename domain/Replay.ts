import { Schema } from "effect"
import { decide } from "./Arbiter.ts"
import type { GuardConfig } from "./Config.ts"
import { type BranchResult, type Decision, DetectionCompleted, PiiCompleted } from "./Events.ts"
import type { LogRow } from "./LogRow.ts"
import { isCertainBlock } from "./Routing.ts"
import { GuardRequest } from "./Request.ts"
import type { RequestState } from "./State.ts"

/**
 * Re-deciding logged requests under a candidate config, from the decision log alone (nothing touches the
 * pipeline). What a row keeps is enough for the arbiter (branch names, scores, statuses, PII counts, the
 * mode); what it does not keep bounds the replay, and each result says which bound applied:
 * - per-branch categories are gone: the row's categories (the union) are given to one answering branch;
 * - a user branch's default weight is not logged: a branch the candidate's weights do not name counts 0;
 * - PII skipped as a certain block is unknown: if the candidate would have run PII, the replay assumes none;
 * - a new pattern library needs the prompt: only rows logged with VIGIL_LOG_PROMPTS=text can be re-scored.
 */
export const ReplayRow = Schema.Struct({
  request_id: Schema.String,
  time_ms: Schema.Finite,
  mode: Schema.Literals(["fast", "full"]),
  decision: Schema.Literals(["ALLOW", "SANITIZE", "BLOCK"]),
  threat_score: Schema.Finite,
  branch_names: Schema.Array(Schema.String),
  branch_scores: Schema.Array(Schema.Finite),
  branch_statuses: Schema.Array(Schema.Literals(["ok", "not_configured", "skipped", "timeout", "failed"])),
  categories: Schema.Array(Schema.String),
  pii_ran: Schema.Literals([0, 1]),
  pii_types: Schema.Array(Schema.String),
  pii_counts: Schema.Array(Schema.Finite),
  prompt: Schema.String,
  config_version: Schema.String
})
export type ReplayRow = typeof ReplayRow.Type
export const replayColumns = Object.keys(ReplayRow.fields)

export const fromLogRow = (r: LogRow): ReplayRow => Schema.decodeUnknownSync(ReplayRow)(r)

/** Re-scores branch A from the prompt (a candidate pattern library); undefined when it cannot. */
export type Rescore = (text: string) => { readonly score: number; readonly categories: ReadonlyArray<string> } | undefined

export interface Replayed {
  readonly requestId: string
  readonly before: Decision
  readonly after: Decision
  readonly scoreBefore: number
  readonly scoreAfter: number
  readonly categories: ReadonlyArray<string>
  readonly piiAssumedNone: boolean
  readonly rescored: boolean
}

export const stateOf = (row: ReplayRow, rescore?: Rescore): { state: RequestState; rescored: boolean } => {
  let rescored = false
  const firstOk = row.branch_names.findIndex((_, i) => row.branch_statuses[i] === "ok")
  const branches: Array<BranchResult> = row.branch_names.map((name, i) => {
    const status = row.branch_statuses[i] ?? "failed"
    const again = name === "heuristics" && status === "ok" && rescore !== undefined && row.prompt !== "" ? rescore(row.prompt) : undefined
    if (again !== undefined) rescored = true
    return {
      name,
      status,
      score: again?.score ?? row.branch_scores[i] ?? 0,
      categories: again !== undefined ? [...again.categories] : i === firstOk ? [...row.categories] : [],
      evidence: [],
      latencyMs: 0
    }
  })
  const request = new GuardRequest({ requestId: row.request_id, text: row.prompt, mode: row.mode, returnDecisionProcess: false, receivedAt: row.time_ms })
  const entities = row.pii_types.flatMap((type, i) => Array.from({ length: row.pii_counts[i] ?? 0 }, () => ({ type, start: 0, end: 0, score: 1 })))
  const state: RequestState = {
    request,
    detection: new DetectionCompleted({ at: row.time_ms, branches }),
    pii: row.pii_ran === 1 ? new PiiCompleted({ at: row.time_ms, latencyMs: 0, entities, sanitizedText: row.prompt }) : undefined,
    decision: undefined,
    eventCount: row.pii_ran === 1 ? 2 : 1
  }
  return { state, rescored }
}

export const replay = (row: ReplayRow, candidate: GuardConfig, rescore?: Rescore): Replayed => {
  const { state, rescored } = stateOf(row, rescore)
  const piiAssumedNone = row.pii_ran === 0 && !isCertainBlock(state, candidate)
  const made = decide(state, candidate, row.time_ms)
  return {
    requestId: row.request_id,
    before: row.decision,
    after: made.decision,
    scoreBefore: row.threat_score,
    scoreAfter: made.threatScore,
    categories: row.categories,
    piiAssumedNone,
    rescored
  }
}

export interface ReplaySummary {
  readonly total: number
  readonly changed: number
  /** "ALLOW → BLOCK": how many; only decisions that changed. */
  readonly flips: Readonly<Record<string, number>>
  /** Changed decisions by the logged categories ("(none)" for rows without one). */
  readonly byCategory: Readonly<Record<string, { readonly stricter: number; readonly milder: number }>>
  readonly piiAssumedNone: number
  readonly rescored: number
}

const SEVERITY: Readonly<Record<Decision, number>> = { ALLOW: 0, SANITIZE: 1, BLOCK: 2 }

export const summarize = (results: ReadonlyArray<Replayed>): ReplaySummary => {
  const flips: Record<string, number> = {}
  const byCategory: Record<string, { stricter: number; milder: number }> = {}
  let changed = 0
  for (const r of results) {
    if (r.before === r.after) continue
    changed++
    flips[`${r.before} → ${r.after}`] = (flips[`${r.before} → ${r.after}`] ?? 0) + 1
    const stricter = SEVERITY[r.after] > SEVERITY[r.before]
    for (const c of r.categories.length > 0 ? r.categories : ["(none)"]) {
      const entry = byCategory[c] ?? (byCategory[c] = { stricter: 0, milder: 0 })
      if (stricter) entry.stricter++
      else entry.milder++
    }
  }
  return {
    total: results.length,
    changed,
    flips,
    byCategory,
    piiAssumedNone: results.filter((r) => r.piiAssumedNone).length,
    rescored: results.filter((r) => r.rescored).length
  }
}
