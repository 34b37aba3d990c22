import { Schema } from "effect"

/** How a failed message is settled: `poison` is dead-lettered at once, the rest are retried with delay. */
export const FailureReason = Schema.Literals(["transient", "poison", "timeout"])
export type FailureReason = typeof FailureReason.Type

export class StageError extends Schema.TaggedError<StageError>()("StageError", {
  stage: Schema.String,
  reason: FailureReason,
  message: Schema.String
}) {}
