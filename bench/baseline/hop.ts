/**
 * One hop of the bare baseline chain: the same JetStream work a pipeline worker does (pull consume, decode,
 * append an event, encode, publish with a msgID, ack after the PubAck; the last hop publishes the log event
 * and answers the front's inbox) with no stage, no Effect and no schema: the floor the pipeline is held to.
 *
 *   BENCH_DURABLE   consumer to read (created by the bench)     BENCH_NEXT   subject to publish to, or "reply"
 *   BENCH_STEP      name of the event this hop appends           BENCH_CONCURRENCY  messages in hand (64)
 */
import { jetstream, type JsMsg } from "@nats-io/jetstream"
import { headers } from "@nats-io/nats-core"
import { connect } from "@nats-io/transport-node"

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}
const servers = env("NATS_SERVERS")
const durable = env("BENCH_DURABLE")
const next = env("BENCH_NEXT")
const step = env("BENCH_STEP")
const concurrency = Number(env("BENCH_CONCURRENCY", "64"))

interface Envelope {
  request: { requestId: string; text: string }
  events: Array<unknown>
}

// Roughly the size of the real event at this step: the PII event carries a copy of the text.
const event = (envelope: Envelope): unknown => ({
  _tag: step,
  at: Date.now(),
  ...(step === "PiiCompleted" ? { entities: [], sanitizedText: envelope.request.text, latencyMs: 0.1 } : {}),
  branches: ["heuristics", "semantic", "classifier"].map((name) => ({ name, status: "ok", score: 0, categories: [], evidence: [], latencyMs: 0.1 }))
})

const nc = await connect({ servers, name: `bench-${durable}`, noAsyncTraces: true })
const js = jetstream(nc)
const consumer = await js.consumers.get("BENCH", durable)
const messages = await consumer.consume({ max_messages: Math.max(concurrency, 16) })

const handle = async (msg: JsMsg) => {
  const envelope = JSON.parse(msg.string()) as Envelope
  envelope.events.push(event(envelope))
  const id = envelope.request.requestId
  const replyTo = msg.headers?.get("Vigil-Reply-To")
  if (next === "reply") {
    await js.publish("bench.log", JSON.stringify(envelope), { msgID: `${id}:log` })
    if (replyTo) nc.publish(replyTo, JSON.stringify({ requestId: id, decision: envelope.events.at(-1) }))
  } else {
    const h = headers()
    if (replyTo) h.set("Vigil-Reply-To", replyTo)
    await js.publish(next, JSON.stringify(envelope), { msgID: `${id}:${next}`, headers: h })
  }
  msg.ack()
}

let inHand = 0
let freed: (() => void) | undefined
for await (const msg of messages) {
  while (inHand >= concurrency) await new Promise<void>((r) => (freed = r))
  inHand++
  handle(msg).catch((e) => {
    console.error(`${durable}: ${String(e)}`)
    msg.nak(1000)
  }).finally(() => {
    inHand--
    freed?.()
    freed = undefined
  })
}
