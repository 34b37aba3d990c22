import { Schema } from "effect"
import { GuardEvent } from "./Events.ts"
import { GuardRequest } from "./Request.ts"

/** The message every stage receives and forwards: the request and the events appended so far, in order. */
export class Envelope extends Schema.Class<Envelope>("vigil/Envelope")({
  request: GuardRequest,
  events: Schema.Array(GuardEvent)
}) {}

export const start = (request: GuardRequest): Envelope => new Envelope({ request, events: [] })

export const append = (envelope: Envelope, event: GuardEvent): Envelope =>
  new Envelope({ request: envelope.request, events: [...envelope.events, event] })

/** Wire form: the JSON text of the encoded envelope. Decoding happens at the edge, in src/. */
export const EnvelopeJson = Schema.fromJsonString(Envelope)
