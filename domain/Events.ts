import { Schema } from "effect"
import { Mode } from "./Request.ts"

export const Score = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 100 }))

/** `not_configured` and `skipped` branches are absent from fusion; `timeout` and `failed` are degraded. */
export const BranchStatus = Schema.Literals(["ok", "not_configured", "skipped", "timeout", "failed"])
export type BranchStatus = typeof BranchStatus.Type

export const BranchResult = Schema.Struct({
  name: Schema.String,
  status: BranchStatus,
  score: Score,
  categories: Schema.Array(Schema.String),
  evidence: Schema.Array(Schema.String),
  latencyMs: Schema.Finite,
  /** Default fusion weight of a user branch that the config does not name. */
  weight: Schema.optionalKey(Schema.Finite)
})
export type BranchResult = typeof BranchResult.Type

export class DetectionCompleted extends Schema.TaggedClass<DetectionCompleted>()("DetectionCompleted", {
  at: Schema.Finite,
  branches: Schema.Array(BranchResult)
}) {}

/** Offsets are UTF-16 code units into the request text, end exclusive. */
export const PiiEntity = Schema.Struct({
  type: Schema.String,
  start: Schema.Int,
  end: Schema.Int,
  score: Schema.Finite
})
export type PiiEntity = typeof PiiEntity.Type

/**
 * Pseudonym token → original value (`[PERSON_1]` → "Anna Nowak"). It holds PII: it travels with the
 * envelope (as the prompt itself does) and goes back to the caller in the reply, and nothing writes it to
 * ClickHouse or to a log line.
 */
export const Pseudonyms = Schema.Record(Schema.String, Schema.String)

export class PiiCompleted extends Schema.TaggedClass<PiiCompleted>()("PiiCompleted", {
  at: Schema.Finite,
  latencyMs: Schema.Finite,
  entities: Schema.Array(PiiEntity),
  sanitizedText: Schema.String,
  /** "pl", "en" or "unknown": the prompt's language as the PII stage detected it. */
  language: Schema.optionalKey(Schema.String),
  pseudonyms: Schema.optionalKey(Pseudonyms)
}) {}

export const Decision = Schema.Literals(["ALLOW", "SANITIZE", "BLOCK"])
export type Decision = typeof Decision.Type

export const BranchContribution = Schema.Struct({
  name: Schema.String,
  status: BranchStatus,
  score: Score,
  weight: Schema.Finite,
  contribution: Schema.Finite
})

/** How the arbiter decided: enough for a user to see which branch said what and which rule fired. */
export const DecisionProcess = Schema.Struct({
  mode: Mode,
  configVersion: Schema.String,
  branches: Schema.Array(BranchContribution),
  fusedScore: Score,
  rules: Schema.Array(Schema.String),
  thresholds: Schema.Struct({ block: Score, sanitize: Score }),
  piiSkipped: Schema.Boolean,
  summary: Schema.String
})
export type DecisionProcess = typeof DecisionProcess.Type

export class DecisionMade extends Schema.TaggedClass<DecisionMade>()("DecisionMade", {
  at: Schema.Finite,
  decision: Decision,
  threatScore: Score,
  categories: Schema.Array(Schema.String),
  piiDetected: Schema.Boolean,
  piiTypes: Schema.Array(Schema.String),
  sanitizedText: Schema.optionalKey(Schema.String),
  /** With a pseudonymised sanitizedText: how to restore the values in the model's answer. */
  pseudonyms: Schema.optionalKey(Pseudonyms),
  process: DecisionProcess
}) {}

export const GuardEvent = Schema.Union([DetectionCompleted, PiiCompleted, DecisionMade])
export type GuardEvent = typeof GuardEvent.Type
