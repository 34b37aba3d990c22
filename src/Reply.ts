import { Schema } from "effect"
import { DecisionMade } from "../domain/Events.ts"

/** Header naming the core-NATS inbox that waits for the decision; set by the api, read by the arbiter. */
export const ReplyToHeader = "Vigil-Reply-To"

export class GuardReply extends Schema.Class<GuardReply>("vigil/GuardReply")({
  requestId: Schema.String,
  decision: DecisionMade
}) {}

export const GuardReplyJson = Schema.fromJsonString(GuardReply)
