import { Schema } from "effect"
import config from "../infra/config/default.json" with { type: "json" }
import { Decision, Score } from "./Events.ts"

const Weight = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
const Fraction = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))

/**
 * One term of a logistic fusion: the branch scores (as 0–1) combined by product or max, raised to `power`;
 * or, with `atLeast`, 1 when the combined score (0–100) reaches it, else 0. Coefficients are never
 * negative, so a more suspicious branch can never lower the fused score.
 */
export const FusionTerm = Schema.Struct({
  coefficient: Weight,
  branches: Schema.Array(Schema.String).check(Schema.isMinLength(1)),
  combine: Schema.optionalKey(Schema.Literals(["product", "max"])),
  power: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  atLeast: Schema.optionalKey(Score)
})
export type FusionTerm = typeof FusionTerm.Type

/** fused = 100 · sigmoid(bias + Σ coefficient · term), fitted on held-out branch scores (scripts/fit-fusion.ts). */
export const LogisticFusion = Schema.Struct({
  bias: Schema.Finite,
  terms: Schema.Array(FusionTerm)
})
export type LogisticFusion = typeof LogisticFusion.Type

export const ModePolicy = Schema.Struct({
  /** Fusion weight per branch name; weights of the branches that answered are renormalised. */
  weights: Schema.Record(Schema.String, Weight),
  /** Branches this mode does not run at all (fast mode skips the classifier). */
  skip: Schema.Array(Schema.String),
  /**
   * When present, the branches it names are fused by this logistic model instead of the weighted mean;
   * branches it does not name (a user's own) are averaged in with their weights, the model counting with
   * the summed weights of the branches it names.
   */
  fusion: Schema.optionalKey(LogisticFusion)
})
export type ModePolicy = typeof ModePolicy.Type

/** A branch that may not decide alone: unless a supporter scores at least `supportScore`, its score counts as at most `cap`. */
export const UnsupportedPolicy = Schema.Struct({
  branch: Schema.String,
  supporters: Schema.Array(Schema.String),
  supportScore: Score,
  cap: Score
})
export type UnsupportedPolicy = typeof UnsupportedPolicy.Type

/** Override rules of the arbiter; each one that changes a decision is named in `decision_process.rules`. */
export const ArbiterPolicies = Schema.Struct({
  unsupported: Schema.Array(UnsupportedPolicy),
  /** A timed-out or failed branch still counts, with its weight times `weightFactor`, as if it had said `assumedScore`. */
  degraded: Schema.Struct({ weightFactor: Fraction, assumedScore: Score }),
  /** At least `minBranches` answering branches at or above `score` add `boost` to the fused score. */
  corroboration: Schema.Struct({ minBranches: Schema.Int.check(Schema.isGreaterThanOrEqualTo(2)), score: Score, boost: Score }),
  /** What to answer when no branch with a weight answered (fail secure). */
  allDown: Decision,
  /** A branch's own certain score, in place of `certainScore` (heuristics fire on explicit attack phrases). */
  certainByBranch: Schema.optionalKey(Schema.Record(Schema.String, Score)),
  /**
   * A block needs a supporter at or above `score` (or a certain branch): otherwise the fused score stops just
   * under the block threshold, so the prompt is flagged (SANITIZE), not blocked. The learned branches alone
   * block ordinary questions that share an attack's words ("how do I make git ignore all previous builds").
   */
  blockSupport: Schema.optionalKey(Schema.Struct({ supporters: Schema.Array(Schema.String), score: Score }))
})
export type ArbiterPolicies = typeof ArbiterPolicies.Type

/** Everything the pure stages need to decide; live-reloadable from the `vigil-config` KV bucket. */
export class GuardConfig extends Schema.Class<GuardConfig>("vigil/GuardConfig")({
  version: Schema.String,
  modes: Schema.Struct({ fast: ModePolicy, full: ModePolicy }),
  thresholds: Schema.Struct({ block: Score, sanitize: Score }).check(
    Schema.makeFilter((t) => t.sanitize <= t.block || "thresholds.sanitize must not exceed thresholds.block")
  ),
  /** An answering branch at or above this score is certain: the fused score is at least its score and the block threshold. */
  certainScore: Score,
  /** Detection at or above this score is certain to block, so routing skips the PII stage. */
  skipPiiAtScore: Score,
  /** Time budget per detection branch; a branch over it counts as `timeout`. */
  branchTimeoutMs: Schema.Record(Schema.String, Schema.Finite.check(Schema.isGreaterThan(0))),
  policies: ArbiterPolicies
}) {}

/** infra/config/default.json, checked by the same Schema as a config from KV: a bad default fails at start-up. */
export const defaultConfig: GuardConfig = Schema.decodeUnknownSync(GuardConfig)(config)
