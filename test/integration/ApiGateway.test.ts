/**
 * GuardGateway against a real nats-server, with a stand-in for the pipeline: a core subscription on the
 * input subject (it sees what JetStream stores) that answers on the `Vigil-Reply-To` inbox when and how
 * the test says. Covers routing of concurrent replies, late replies, bad replies and the dedup id.
 */
import { assert, layer } from "@effect/vitest"
import type { Msg } from "@nats-io/nats-core"
import { ConfigProvider, Effect, Exit, Layer, Schema } from "effect"
import { EnvelopeJson } from "../../domain/Envelope.ts"
import { DecisionMade } from "../../domain/Events.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { Subjects } from "../../domain/Routing.ts"
import { GuardGateway } from "../../src/GuardGateway.ts"
import { Nats } from "../../src/NatsConnection.ts"
import { ProvisionLive } from "../../src/Provision.ts"
import { GuardReply, GuardReplyJson, ReplyToHeader } from "../../src/Reply.ts"
import { Topology } from "../../src/Topology.ts"
import { LocalNatsServer, NatsServerTest } from "../support/NatsServer.ts"

const TIMEOUT_MS = 400

const Config = Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
  ConfigProvider.layer(ConfigProvider.fromUnknown({ NATS_SERVERS: server.url, NATS_CONNECT_TIMEOUT: "10 seconds" }))))

const Stack = GuardGateway.layer({ replyTimeout: `${TIMEOUT_MS} millis` }).pipe(
  Layer.provideMerge(ProvisionLive.pipe(Layer.provideMerge(Layer.mergeAll(Topology.layer, Nats.layerConfig("vigil-gateway-test"))))),
  Layer.provide(Config)
)

const decisionFor = (text: string) =>
  new DecisionMade({
    at: 1,
    decision: text.includes("block") ? "BLOCK" : "ALLOW",
    threatScore: text.includes("block") ? 90 : 0,
    categories: [],
    piiDetected: false,
    piiTypes: [],
    process: {
      mode: "full",
      configVersion: "test",
      branches: [],
      fusedScore: 0,
      rules: [],
      thresholds: { block: 70, sanitize: 30 },
      piiSkipped: false,
      summary: text
    }
  })

let counter = 0
const request = (text: string) =>
  new GuardRequest({ requestId: `gw-${++counter}-${Date.now()}`, text, mode: "full", returnDecisionProcess: false, receivedAt: Date.now() })

const decodeEnvelope = Schema.decodeUnknownSync(EnvelopeJson)
const encodeReply = Schema.encodeSync(GuardReplyJson)

/** Answers each input as `answer` says: a delay and a reply (or none), with what was received recorded. */
const fakePipeline = (answer: (msg: Msg, requestId: string, text: string) => { readonly afterMs: number; readonly payload: string } | undefined) =>
  Effect.gen(function*() {
    const { nc } = yield* Nats
    const seen: Array<{ readonly msgId: string | undefined; readonly replyTo: string | undefined; readonly requestId: string }> = []
    yield* Effect.acquireRelease(
      Effect.sync(() =>
        nc.subscribe(Subjects.detection, {
          callback: (_err, msg) => {
            const envelope = decodeEnvelope(msg.string())
            const replyTo = msg.headers?.get(ReplyToHeader)
            seen.push({ msgId: msg.headers?.get("Nats-Msg-Id"), replyTo, requestId: envelope.request.requestId })
            const a = answer(msg, envelope.request.requestId, envelope.request.text)
            if (a !== undefined && replyTo) setTimeout(() => nc.publish(replyTo, a.payload), a.afterMs)
          }
        })
      ),
      (sub) => Effect.sync(() => sub.unsubscribe())
    )
    yield* Effect.promise(() => nc.flush())
    return seen
  })

const reply = (requestId: string, text: string) => encodeReply(new GuardReply({ requestId, decision: decisionFor(text) }))

layer(NatsServerTest, { excludeTestServices: true })("GuardGateway", (it) => {
  it.layer(Stack)((it) => {
    it.effect("publishes the envelope with the dedup id and a per-request inbox, and routes concurrent replies", () =>
      Effect.gen(function*() {
        // Replies in reverse order of arrival: each must still reach its own request.
        const seen = yield* fakePipeline((_msg, requestId, text) => ({
          afterMs: text.includes("block") ? 5 : 60,
          payload: reply(requestId, text)
        }))
        const gateway = yield* GuardGateway
        const requests = [request("please block this"), request("hello"), request("block me too"), request("hi")]
        const decisions = yield* Effect.forEach(requests, (r) => gateway.submit(r), { concurrency: "unbounded" })
        assert.deepStrictEqual(decisions.map((d) => d.process.summary), requests.map((r) => r.text))
        assert.deepStrictEqual(decisions.map((d) => d.decision), ["BLOCK", "ALLOW", "BLOCK", "ALLOW"])
        assert.strictEqual(seen.length, 4)
        for (const s of seen) {
          assert.strictEqual(s.msgId, `${s.requestId}:detection`)
          assert.match(s.replyTo ?? "", /^_INBOX\.vigil\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/)
          assert.notInclude(s.replyTo ?? "", s.requestId)
        }
        assert.strictEqual(new Set(seen.map((s) => s.replyTo)).size, 4)
      }))

    it.effect("no reply within the deadline: GatewayTimeout with the request id; the late reply is ignored", () =>
      Effect.gen(function*() {
        yield* fakePipeline((_msg, requestId, text) =>
          text === "slow" ? { afterMs: TIMEOUT_MS + 200, payload: reply(requestId, text) } : { afterMs: 0, payload: reply(requestId, text) }
        )
        const gateway = yield* GuardGateway
        const slow = request("slow")
        const started = Date.now()
        const error = yield* gateway.submit(slow).pipe(Effect.flip)
        assert.strictEqual(error._tag, "GatewayTimeout")
        assert.strictEqual(error.requestId, slow.requestId)
        assert.isAtLeast(Date.now() - started, TIMEOUT_MS - 20)
        // The late answer arrives while the next request waits; it must not be taken for that one.
        const next = yield* gateway.submit(request("fast one"))
        assert.strictEqual(next.process.summary, "fast one")
        yield* Effect.promise(() => new Promise((r) => setTimeout(r, 300)))
        const after = yield* gateway.submit(request("still fine"))
        assert.strictEqual(after.process.summary, "still fine")
      }))

    it.effect("a reply that cannot be decoded, or names another request, is GatewayUnavailable at once", () =>
      Effect.gen(function*() {
        yield* fakePipeline((_msg, requestId, text) =>
          text === "garbage"
            ? { afterMs: 0, payload: "{not json" }
            : { afterMs: 0, payload: reply(`${requestId}-other`, text) }
        )
        const gateway = yield* GuardGateway
        const garbage = yield* gateway.submit(request("garbage")).pipe(Effect.flip)
        assert.strictEqual(garbage._tag, "GatewayUnavailable")
        assert.include(garbage.message, "could not be decoded")
        const mismatch = yield* gateway.submit(request("mismatch")).pipe(Effect.flip)
        assert.strictEqual(mismatch._tag, "GatewayUnavailable")
        assert.include(mismatch.message, "names request")
      }))

    it.effect("a duplicate request id within the window is not processed twice by JetStream", () =>
      Effect.gen(function*() {
        yield* fakePipeline((_msg, requestId, text) => ({ afterMs: 0, payload: reply(requestId, text) }))
        const { jsm } = yield* Nats
        const gateway = yield* GuardGateway
        const before = (yield* Effect.promise(() => jsm.streams.info("VIGIL"))).state.messages
        const r = request("once")
        yield* gateway.submit(r)
        yield* gateway.submit(r)
        const after = (yield* Effect.promise(() => jsm.streams.info("VIGIL"))).state.messages
        assert.strictEqual(after - before, 1)
        assert.isTrue(Exit.isSuccess(yield* Effect.exit(gateway.submit(request("another")))))
      }))
  })
})
