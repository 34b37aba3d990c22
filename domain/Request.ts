import { Schema } from "effect"

export const Mode = Schema.Literals(["fast", "full"])
export type Mode = typeof Mode.Type

/** What a client asked the guard to judge. `receivedAt` is stamped by the api (epoch ms). */
export class GuardRequest extends Schema.Class<GuardRequest>("vigil/GuardRequest")({
  requestId: Schema.String.check(Schema.isNonEmpty()),
  text: Schema.String,
  mode: Mode,
  returnDecisionProcess: Schema.Boolean,
  receivedAt: Schema.Finite,
  apiKeyId: Schema.optionalKey(Schema.String)
}) {}
