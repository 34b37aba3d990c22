/**
 * Pseudonymisation end to end: PII settings put into `vigil-config/pii` reach the running pii worker, the
 * guard answer carries the pseudonymised text and its mapping, `POST /v1/pii/restore` puts the values
 * back, and neither the log event's ClickHouse row nor any log line holds a value.
 */
import { assert, layer } from "@effect/vitest"
import { Kvm } from "@nats-io/kv"
import { ConfigProvider, Effect, Layer, Logger, Result, Schema } from "effect"
import type { HttpServer } from "effect/http"
import { createHash } from "node:crypto"
import { EnvelopeJson } from "../../domain/Envelope.ts"
import { toLogRow } from "../../domain/LogRow.ts"
import { defaultPiiConfig, PiiConfig } from "../../domain/PiiConfig.ts"
import { Subjects } from "../../domain/Routing.ts"
import { ApiLive, apiUrl } from "../../src/api/ApiServer.ts"
import { branchLayer } from "../../src/DetectionBranches.ts"
import { Nats } from "../../src/NatsConnection.ts"
import { ArbiterWorker, baseLayer, DetectionWorker, PiiWorker } from "../../src/Workers.ts"
import { LocalNatsServer, NatsServerTest } from "../support/NatsServer.ts"
import { eventually } from "../support/Pipeline.ts"

const KEY = "restore-key-0123456789"
const logLines: Array<string> = []
const Collect = Logger.layer([Logger.make((o) => { logLines.push(JSON.stringify(o.message)) })])

const Config = Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
  ConfigProvider.layer(ConfigProvider.fromUnknown({
    NATS_SERVERS: server.url,
    HOST: "127.0.0.1",
    PORT: "0",
    VIGIL_API_KEYS: KEY,
    VIGIL_RATE_LIMIT_RPS: "10000",
    VIGIL_RATE_LIMIT_BURST: "10000"
  }))))

// The trained branches judge the prompt, not the PII: left out, so this test is about pseudonyms only.
const quiet = (name: string) => branchLayer({ name, run: () => Effect.succeed({ score: 0, categories: [], evidence: [], notConfigured: true }) })

const Stack = Layer.mergeAll(DetectionWorker, PiiWorker, ArbiterWorker, ApiLive).pipe(
  Layer.provide(Layer.mergeAll(quiet("semantic"), quiet("classifier"))),
  Layer.provideMerge(baseLayer("vigil-pii-restore-test")),
  Layer.provide(Config),
  Layer.provide(Collect)
)

const post = (path: string, body: unknown, key: string | null = KEY): Effect.Effect<{ status: number; body: any }, never, HttpServer.HttpServer> =>
  Effect.flatMap(apiUrl, (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key !== null ? { authorization: `Bearer ${key}` } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body)
      })
      return { status: response.status, body: await response.json() }
    }))

const putPiiConfig = (text: string) =>
  Effect.flatMap(Nats, ({ js }) => Effect.promise(async () => (await new Kvm(js).open("vigil-config")).put("pii", text)))

const pseudonymizing = new PiiConfig({ ...defaultPiiConfig, version: "pseudo-1", operators: { default: { type: "pseudonymize" }, byType: {} } })

const PROMPT = "Napisz list do Anna Nowak (anna.nowak@example.com, PESEL 44051401359). Anna Nowak prosi o odpowiedź do piątku."

/** The watcher applies a KV revision asynchronously: ask until the answer shows what the revision does. */
const guardUntil = (text: string, done: (body: any) => boolean) =>
  Effect.gen(function*() {
    for (let i = 0; i < 100; i++) {
      const answer = yield* post("/v1/guard/input", { text })
      if (answer.status === 200 && done(answer.body)) return answer.body
      yield* Effect.sleep("100 millis")
    }
    return yield* Effect.die(new Error("the PII config in KV never took effect"))
  })

layer(NatsServerTest, { excludeTestServices: true, timeout: "60 seconds" })("PII pseudonyms and restore through the api", (it) => {
  it.layer(Stack, { timeout: "60 seconds" })((it) => {
    it.effect("by default values become type tokens and no mapping is returned", () =>
      Effect.gen(function*() {
        const answer = yield* post("/v1/guard/input", { text: PROMPT, return_decision_process: true })
        assert.strictEqual(answer.status, 200)
        assert.strictEqual(answer.body.decision, "SANITIZE", JSON.stringify(answer.body))
        assert.include(answer.body.sanitized_text, "[PL_PESEL]")
        assert.include(answer.body.sanitized_text, "[EMAIL_ADDRESS]")
        assert.notProperty(answer.body, "pii_pseudonyms")
      }))

    it.effect("a pseudonymising config from KV gives tokens and a mapping; restore gives the values back; nothing logs them", () =>
      Effect.gen(function*() {
        const { nc } = yield* Nats
        const logEvents: Array<string> = []
        yield* Effect.acquireRelease(
          Effect.sync(() => nc.subscribe(Subjects.logs, { callback: (_e, msg) => { logEvents.push(msg.string()) } })),
          (sub) => Effect.sync(() => sub.unsubscribe())
        )
        yield* putPiiConfig(JSON.stringify(Schema.encodeSync(PiiConfig)(pseudonymizing)))
        const body = yield* guardUntil(PROMPT, (b) => b.pii_pseudonyms !== undefined)
        assert.strictEqual(body.decision, "SANITIZE")
        const mapping = body.pii_pseudonyms as Record<string, string>
        assert.deepStrictEqual(mapping, {
          "[PERSON_1]": "Anna Nowak",
          "[EMAIL_ADDRESS_1]": "anna.nowak@example.com",
          "[PL_PESEL_1]": "44051401359"
        })
        // The same person twice is the same token.
        assert.strictEqual(body.sanitized_text.split("[PERSON_1]").length - 1, 2)
        for (const value of Object.values(mapping)) assert.notInclude(body.sanitized_text, value)

        const restored = yield* post("/v1/pii/restore", { text: body.sanitized_text, pseudonyms: mapping })
        assert.strictEqual(restored.status, 200)
        assert.strictEqual(restored.body.text, PROMPT)
        const reply = yield* post("/v1/pii/restore", { text: "Szanowna [PERSON_1], potwierdzamy PESEL [PL_PESEL_1].", pseudonyms: mapping })
        assert.strictEqual(reply.body.text, "Szanowna Anna Nowak, potwierdzamy PESEL 44051401359.")

        // The decision log row (what ClickHouse gets) and every log line of this process stay free of values.
        yield* Effect.promise(() => eventually(async () => logEvents.some((e) => e.includes(body.request_id))))
        const event = Schema.decodeUnknownSync(EnvelopeJson)(logEvents.find((e) => e.includes(body.request_id)))
        const row = toLogRow(event, { prompts: "hash", sha256: (t) => createHash("sha256").update(t).digest("hex") })
        assert.isTrue(Result.isSuccess(row))
        const rowText = JSON.stringify(Result.isSuccess(row) ? row.success : undefined)
        // The language the PII stage detected reaches the decision log; the values do not.
        assert.strictEqual(Result.isSuccess(row) ? row.success.language : undefined, "pl")
        for (const value of [...Object.values(mapping), "Nowak"]) {
          assert.notInclude(rowText, value)
          for (const line of logLines) assert.notInclude(line, value)
        }
      }))

    it.effect("a bad PII config in KV is refused and the last good one stays in force", () =>
      Effect.gen(function*() {
        yield* putPiiConfig(JSON.stringify({ ...Schema.encodeSync(PiiConfig)(pseudonymizing), operators: { default: { type: "shred" }, byType: {} } }))
        yield* Effect.promise(() => eventually(async () => logLines.some((l) => l.includes("refused PII config"))))
        const body = yield* guardUntil(PROMPT, () => true)
        assert.property(body, "pii_pseudonyms")
      }))

    it.effect("restore refuses bad bodies and missing keys with a clear reason", () =>
      Effect.gen(function*() {
        const unauth = yield* post("/v1/pii/restore", { text: "x", pseudonyms: {} }, null)
        assert.strictEqual(unauth.status, 401)
        const notJson = yield* post("/v1/pii/restore", "{nope")
        assert.strictEqual(notJson.status, 400)
        assert.include(notJson.body.reason, "not valid JSON")
        const noMapping = yield* post("/v1/pii/restore", { text: "x" })
        assert.strictEqual(noMapping.status, 400)
        assert.include(noMapping.body.reason, "pseudonyms is required")
        const badToken = yield* post("/v1/pii/restore", { text: "x", pseudonyms: { "Anna": "Nowak" } })
        assert.strictEqual(badToken.status, 400)
        assert.include(badToken.body.reason, "tokens like [PERSON_1]")
        const badValue = yield* post("/v1/pii/restore", { text: "x", pseudonyms: { "[PERSON_1]": 5 } })
        assert.strictEqual(badValue.status, 400)
        const empty = yield* post("/v1/pii/restore", { text: "nothing to do", pseudonyms: {} })
        assert.deepStrictEqual(empty, { status: 200, body: { text: "nothing to do" } })
      }))
  })
})
