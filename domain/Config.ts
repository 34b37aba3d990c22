import { Schema } from "effect"
import { Score } from "./Events.ts"

export const ModePolicy = Schema.Struct({
  /** Fusion weight per branch name; weights of the branches that answered are renormalised. */
  weights: Schema.Record(Schema.String, Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))),
  /** Branches this mode does not run at all (fast mode skips the classifier). */
  skip: Schema.Array(Schema.String)
})
export type ModePolicy = typeof ModePolicy.Type

/** Everything the pure stages need to decide; live-reloadable from the `vigil-config` KV bucket. */
export class GuardConfig extends Schema.Class<GuardConfig>("vigil/GuardConfig")({
  version: Schema.String,
  modes: Schema.Struct({ fast: ModePolicy, full: ModePolicy }),
  thresholds: Schema.Struct({ block: Score, sanitize: Score }).check(
    Schema.makeFilter((t) => t.sanitize <= t.block || "thresholds.sanitize must not exceed thresholds.block")
  ),
  /** An answering branch at or above this score sets the floor of the fused score. */
  certainScore: Score,
  /** Detection at or above this score is certain to block, so routing skips the PII stage. */
  skipPiiAtScore: Score,
  /** Time budget per detection branch; a branch over it counts as `timeout`. */
  branchTimeoutMs: Schema.Record(Schema.String, Schema.Finite.check(Schema.isGreaterThan(0)))
}) {}

export const defaultConfig = new GuardConfig({
  version: "default-1",
  modes: {
    full: { weights: { heuristics: 0.30, semantic: 0.35, classifier: 0.35 }, skip: [] },
    fast: { weights: { heuristics: 0.462, semantic: 0.538 }, skip: ["classifier"] }
  },
  thresholds: { block: 70, sanitize: 30 },
  certainScore: 85,
  skipPiiAtScore: 95,
  branchTimeoutMs: { heuristics: 100, semantic: 200, classifier: 500, default: 250 }
})
