import { Result, Schema } from "effect"
import type { Envelope } from "./Envelope.ts"
import type { BranchResult } from "./Events.ts"
import { fold } from "./State.ts"

/** What the decision log keeps of the prompt: its SHA-256 only (the default), or the text as well. */
export const PromptLogging = Schema.Literals(["hash", "text"])
export type PromptLogging = typeof PromptLogging.Type

/** The built-in branches A, B and C keep columns of their own; every branch, custom ones too, is in the arrays. */
export const BranchColumns = { a: "heuristics", b: "semantic", c: "classifier" } as const

const UInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const Ms = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
/** DateTime is seconds in a UInt32: the last instant it holds, in ms. */
export const MaxTimeMs = 4_294_967_295_999

/** One row of the decision table; the keys are its column names (infra/clickhouse/events*.sql). */
export const LogRow = Schema.Struct({
  request_id: Schema.NonEmptyString,
  time_ms: UInt.check(Schema.isLessThanOrEqualTo(MaxTimeMs)),
  time: UInt,
  received_ms: UInt.check(Schema.isLessThanOrEqualTo(MaxTimeMs)),
  mode: Schema.String,
  decision: Schema.String,
  threat_score: Schema.Finite,
  branch_a_score: Schema.Finite,
  branch_a_status: Schema.String,
  branch_b_score: Schema.Finite,
  branch_b_status: Schema.String,
  branch_c_score: Schema.Finite,
  branch_c_status: Schema.String,
  branch_names: Schema.Array(Schema.String),
  branch_scores: Schema.Array(Schema.Finite),
  branch_statuses: Schema.Array(Schema.String),
  branch_latency_ms: Schema.Array(Ms),
  categories: Schema.Array(Schema.String),
  rules: Schema.Array(Schema.String),
  pii_ran: Schema.Literals([0, 1]),
  pii_types: Schema.Array(Schema.String),
  pii_counts: Schema.Array(UInt),
  pii_count: UInt,
  language: Schema.String,
  detection_ms: Ms,
  pii_ms: Ms,
  arbiter_ms: Ms,
  total_ms: Ms,
  config_version: Schema.String,
  api_key_id: Schema.String,
  prompt_sha256: Schema.String,
  prompt: Schema.String,
  prompt_chars: UInt
})
export type LogRow = typeof LogRow.Type

export interface LogRowOptions {
  readonly prompts: PromptLogging
  /** Injected so that this module stays free of I/O and platform modules. */
  readonly sha256: (text: string) => string
}

// Event times come from different machines: a skewed clock must not make a negative latency or time.
const clampMs = (ms: number) => Math.min(Math.max(0, Math.round(ms)), MaxTimeMs)
const span = (from: number, to: number) => Math.min(Math.max(0, Math.round((to - from) * 1000) / 1000), MaxTimeMs)

const branchCols = (branches: ReadonlyArray<BranchResult>, name: string) => {
  const b = branches.find((x) => x.name === name)
  return { score: b?.score ?? 0, status: b?.status ?? "" }
}

// The PII stage detects the language; once PiiCompleted carries it, the column fills in. Until then: "".
const languageOf = (pii: unknown): string => {
  const language = (pii as { readonly language?: unknown } | undefined)?.language
  return typeof language === "string" ? language : ""
}

const countByType = (types: ReadonlyArray<string>): ReadonlyArray<readonly [string, number]> => {
  const counts = new Map<string, number>()
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
}

/**
 * The row a decided envelope becomes. Latencies are the gaps between the events' own timestamps, so they
 * include queueing and add up to `total_ms`; `branch_latency_ms` is each branch's own run time.
 * Fails (poison) when the envelope carries no decision.
 */
export const toLogRow = (envelope: Envelope, options: LogRowOptions): Result.Result<LogRow, string> => {
  const { request, detection, pii, decision } = fold(envelope)
  if (decision === undefined) return Result.fail(`log event for ${request.requestId} carries no DecisionMade`)
  const branches = detection?.branches ?? []
  const [a, b, c] = [branchCols(branches, BranchColumns.a), branchCols(branches, BranchColumns.b), branchCols(branches, BranchColumns.c)]
  const detectedAt = detection?.at ?? request.receivedAt
  const piiTypes = countByType(pii !== undefined ? pii.entities.map((e) => e.type) : decision.piiTypes)
  const timeMs = clampMs(decision.at)
  return Result.succeed({
    request_id: request.requestId,
    time_ms: timeMs,
    time: Math.floor(timeMs / 1000),
    received_ms: clampMs(request.receivedAt),
    mode: request.mode,
    decision: decision.decision,
    threat_score: decision.threatScore,
    branch_a_score: a.score,
    branch_a_status: a.status,
    branch_b_score: b.score,
    branch_b_status: b.status,
    branch_c_score: c.score,
    branch_c_status: c.status,
    branch_names: branches.map((x) => x.name),
    branch_scores: branches.map((x) => x.score),
    branch_statuses: branches.map((x) => x.status),
    branch_latency_ms: branches.map((x) => span(0, x.latencyMs)),
    categories: [...decision.categories],
    rules: [...decision.process.rules],
    pii_ran: pii !== undefined ? 1 : 0,
    pii_types: piiTypes.map(([t]) => t),
    pii_counts: piiTypes.map(([, n]) => n),
    pii_count: piiTypes.reduce((sum, [, n]) => sum + n, 0),
    language: languageOf(pii),
    detection_ms: detection !== undefined ? span(request.receivedAt, detection.at) : 0,
    pii_ms: pii !== undefined ? span(detectedAt, pii.at) : 0,
    arbiter_ms: span(pii?.at ?? detectedAt, decision.at),
    total_ms: span(request.receivedAt, decision.at),
    config_version: decision.process.configVersion,
    api_key_id: request.apiKeyId ?? "",
    prompt_sha256: options.sha256(request.text),
    prompt: options.prompts === "text" ? request.text : "",
    prompt_chars: request.text.length
  })
}
