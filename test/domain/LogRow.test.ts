import { assert, describe, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { Envelope } from "../../domain/Envelope.ts"
import { DecisionMade, DetectionCompleted, GuardEvent, PiiCompleted } from "../../domain/Events.ts"
import { LogRow, toLogRow } from "../../domain/LogRow.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { fold } from "../../domain/State.ts"
import { declaredColumns } from "../../src/ClickhouseSchema.ts"

const Events = Schema.Array(GuardEvent)
const sha256 = (t: string) => createHash("sha256").update(t).digest("hex")
const hashed = { prompts: "hash", sha256 } as const
const decodeRow = Schema.decodeUnknownSync(LogRow)
const rowOf = (envelope: Envelope, options: Parameters<typeof toLogRow>[1] = hashed) => {
  const row = toLogRow(envelope, options)
  assert.isTrue(Result.isSuccess(row), Result.isFailure(row) ? row.failure : "")
  return (row as Result.Success<LogRow, string>).success
}

describe("LogRow", () => {
  it.prop("a decided envelope always becomes a row that fits the table's types", [GuardRequest, Events, DecisionMade], ([request, events, decision]) => {
    const row = rowOf(new Envelope({ request, events: [...events, decision] }))
    decodeRow(row)
    assert.strictEqual(row.request_id, request.requestId)
    assert.strictEqual(row.decision, decision.decision)
    assert.strictEqual(row.time, Math.floor(row.time_ms / 1000))
    assert.deepStrictEqual(row.categories, decision.categories)
    assert.strictEqual(row.api_key_id, request.apiKeyId ?? "")
  })

  it.prop("an envelope without a decision is poison", [GuardRequest, Events], ([request, events]) => {
    const undecided = events.filter((e) => e._tag !== "DecisionMade")
    assert.isTrue(Result.isFailure(toLogRow(new Envelope({ request, events: undecided }), hashed)))
  })

  it.prop("PII counts add up per type, from the last PII event", [GuardRequest, Events, DecisionMade], ([request, events, decision]) => {
    const envelope = new Envelope({ request, events: [...events, decision] })
    const row = rowOf(envelope)
    const pii = fold(envelope).pii
    assert.strictEqual(row.pii_ran, pii === undefined ? 0 : 1)
    assert.deepStrictEqual(row.pii_types, [...row.pii_types].sort())
    assert.strictEqual(new Set(row.pii_types).size, row.pii_types.length)
    assert.strictEqual(row.pii_counts.reduce((a, b) => a + b, 0), row.pii_count)
    if (pii !== undefined) assert.strictEqual(row.pii_count, pii.entities.length)
  })

  it.prop("stage latencies add up to the end-to-end latency when the clocks agree", [GuardRequest, DetectionCompleted, PiiCompleted, DecisionMade, Schema.Boolean], ([request, detection, pii, decision, withPii]) => {
    const t0 = 1_700_000_000_000
    const events = [
      new DetectionCompleted({ ...detection, at: t0 + 5 }),
      ...(withPii ? [new PiiCompleted({ ...pii, at: t0 + 12.5 })] : []),
      new DecisionMade({ ...decision, at: t0 + 20 })
    ]
    const row = rowOf(new Envelope({ request: new GuardRequest({ ...request, receivedAt: t0 }), events }))
    assert.closeTo(row.detection_ms + row.pii_ms + row.arbiter_ms, row.total_ms, 0.01)
    assert.strictEqual(row.total_ms, 20)
    assert.strictEqual(row.pii_ms, withPii ? 7.5 : 0)
  })

  it.prop("the prompt is only hashed unless text logging is chosen", [GuardRequest, DecisionMade], ([request, decision]) => {
    const envelope = new Envelope({ request, events: [decision] })
    const hashedRow = rowOf(envelope)
    assert.strictEqual(hashedRow.prompt, "")
    assert.strictEqual(hashedRow.prompt_sha256, sha256(request.text))
    assert.strictEqual(rowOf(envelope, { prompts: "text", sha256 }).prompt, request.text)
  })

  it("has exactly the columns both DDL files declare, in order", () => {
    const keys = Object.keys(LogRow.fields)
    for (const file of ["events.sql", "events.legacy.sql"]) {
      const ddl = readFileSync(new URL(`../../infra/clickhouse/${file}`, import.meta.url), "utf8")
      assert.deepStrictEqual(declaredColumns(ddl).map((c) => c.name), keys, file)
    }
  })
})
