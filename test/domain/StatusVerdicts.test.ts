import { assert, describe, it } from "@effect/vitest"
import * as fc from "fast-check"
import { type ConsumerFigures, dlqTotal, type StatusSnapshot, verdicts, worst } from "../../domain/StatusVerdicts.ts"

const count = fc.nat({ max: 1000 })
const consumer = (name: string) =>
  fc.record({
    stream: fc.constant("VIGIL"),
    name: fc.constant(name),
    pending: count,
    ackPending: count,
    redelivered: count,
    waiting: fc.nat({ max: 3 }),
    maxAckPending: fc.constantFrom(0, 1000, 5000)
  }) satisfies fc.Arbitrary<ConsumerFigures>

const snapshot: fc.Arbitrary<StatusSnapshot> = fc.record({
  at: fc.nat(),
  streams: fc.constant([{ name: "VIGIL", messages: 0, bytes: 0, maxBytes: 10, consumers: 2 }]),
  consumers: fc.tuple(consumer("vigil-detection"), consumer("vigil-pii")),
  dlq: fc.dictionary(fc.constantFrom("detection", "pii", "arbiter"), count)
})

const quiet: StatusSnapshot = {
  at: 0,
  streams: [{ name: "VIGIL", messages: 0, bytes: 0, maxBytes: 100, consumers: 1 }],
  consumers: [{ stream: "VIGIL", name: "vigil-pii", pending: 0, ackPending: 0, redelivered: 0, waiting: 1, maxAckPending: 1000 }],
  dlq: {}
}
const pii = (over: Partial<ConsumerFigures>): StatusSnapshot => ({ ...quiet, consumers: [{ ...quiet.consumers[0]!, ...over }] })

describe("StatusVerdicts", () => {
  it("a quiet system is ok", () => {
    assert.deepStrictEqual(verdicts(quiet, quiet).map((v) => v.level), ["ok"])
  })

  it("names each condition", () => {
    const messages = (s: StatusSnapshot, p?: StatusSnapshot) => verdicts(s, p).map((v) => `${v.level} ${v.message}`)
    assert.deepStrictEqual(messages(pii({ pending: 5 }), pii({ pending: 2 })), ["warn lag growing: 2 → 5 pending"])
    assert.deepStrictEqual(messages(pii({ pending: 5, waiting: 0 })), ["critical 5 pending and nothing pulling: is a worker running?"])
    assert.deepStrictEqual(messages(pii({ ackPending: 950 })), ["warn 950 of max 1000 unacknowledged: workers saturated"])
    assert.deepStrictEqual(messages({ ...quiet, dlq: { pii: 3 } }, { ...quiet, dlq: { pii: 1 } }), ["critical DLQ growing: 1 → 3"])
    assert.deepStrictEqual(messages({ ...quiet, dlq: { pii: 3 } }, { ...quiet, dlq: { pii: 3 } }), ["warn 3 dead letter(s): see `vigil dlq list`"])
    assert.strictEqual(worst(verdicts({ ...quiet, streams: [{ ...quiet.streams[0]!, bytes: 90 }] })), "warn")
    assert.deepStrictEqual(messages({ ...quiet, missing: ["VIGIL_DLQ"] }), ["critical stream missing: no worker has provisioned it (start one, or `pnpm start`)"])
  })

  it("reports lag growing exactly for the consumers whose pending rose", () => {
    fc.assert(fc.property(snapshot, snapshot, (before, after) => {
      const grown = verdicts(after, before).filter((v) => v.message.startsWith("lag growing")).map((v) => v.subject).sort()
      const expected = after.consumers
        .filter((c) => c.pending > before.consumers.find((b) => b.name === c.name)!.pending)
        .map((c) => `${c.stream}/${c.name}`)
        .sort()
      assert.deepStrictEqual(grown, expected)
    }))
  })

  it("reports the DLQ growing exactly when its total rose, and never a trend from one reading", () => {
    fc.assert(fc.property(snapshot, snapshot, (before, after) => {
      const growing = verdicts(after, before).some((v) => v.message.startsWith("DLQ growing"))
      assert.strictEqual(growing, dlqTotal(after) > dlqTotal(before))
      assert.isFalse(verdicts(after).some((v) => /growing/.test(v.message)))
      assert.isFalse(verdicts(after, after).some((v) => /growing/.test(v.message)))
    }))
  })

  it("is ok only when there is nothing else to say", () => {
    fc.assert(fc.property(snapshot, snapshot, (before, after) => {
      const vs = verdicts(after, before)
      assert.isAbove(vs.length, 0)
      assert.strictEqual(vs.some((v) => v.level === "ok"), vs.length === 1 && worst(vs) === "ok")
    }))
  })
})
