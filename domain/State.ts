import type { DecisionMade, DetectionCompleted, GuardEvent, PiiCompleted } from "./Events.ts"
import type { Envelope } from "./Envelope.ts"
import type { GuardRequest } from "./Request.ts"

/** A request's state is the fold of its events; a later event of the same kind replaces an earlier one. */
export interface RequestState {
  readonly request: GuardRequest
  readonly detection: DetectionCompleted | undefined
  readonly pii: PiiCompleted | undefined
  readonly decision: DecisionMade | undefined
  readonly eventCount: number
}

export const initial = (request: GuardRequest): RequestState => ({
  request,
  detection: undefined,
  pii: undefined,
  decision: undefined,
  eventCount: 0
})

export const evolve = (state: RequestState, event: GuardEvent): RequestState => {
  const eventCount = state.eventCount + 1
  switch (event._tag) {
    case "DetectionCompleted":
      return { ...state, detection: event, eventCount }
    case "PiiCompleted":
      return { ...state, pii: event, eventCount }
    case "DecisionMade":
      return { ...state, decision: event, eventCount }
  }
}

export const fold = (envelope: Envelope): RequestState => envelope.events.reduce(evolve, initial(envelope.request))
