import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { Envelope, EnvelopeJson } from "../../domain/Envelope.ts"
import { encodeEnvelope } from "../../src/PipelineWorker.ts"

const schemaEncode = Schema.encodeSync(EnvelopeJson)
const decode = Schema.decodeUnknownSync(EnvelopeJson)

describe("envelope wire form", () => {
  it.prop("the fast encoder writes what Schema's encoder writes, and the next worker decodes the same envelope", [Envelope], ([envelope]) => {
    const fast = encodeEnvelope(envelope)
    const slow = schemaEncode(envelope)
    assert.deepStrictEqual(JSON.parse(fast), JSON.parse(slow))
    assert.deepStrictEqual(decode(fast), decode(slow))
  })
})
