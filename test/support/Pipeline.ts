/**
 * The real pipeline, in this process, against the test nats-server: workers are the production Layers,
 * only the config differs (short ack waits so that redelivery tests take seconds, not minutes).
 */
import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream"
import { createInbox, headers, type NatsConnection } from "@nats-io/nats-core"
import { ConfigProvider, Effect, Layer, Schema } from "effect"
import { writeFileSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import topologyJson from "../../infra/jetstream.json" with { type: "json" }
import { EnvelopeJson, start } from "../../domain/Envelope.ts"
import { GuardRequest, type Mode } from "../../domain/Request.ts"
import { Subjects } from "../../domain/Routing.ts"
import { hopId } from "../../src/PipelineWorker.ts"
import { GuardReplyJson, ReplyToHeader, type GuardReply } from "../../src/Reply.ts"
import { LocalNatsServer } from "../../src/LocalNatsServer.ts"

/** A topology file like infra/jetstream.json with every ack wait and retry delay shortened. */
export const shortTopologyFile = (ackWaitMs = 1500, maxDeliver?: number): string => {
  const dir = mkdtempSync(join(tmpdir(), "vigil-topology-"))
  const file = join(dir, "jetstream.json")
  const spec = {
    ...topologyJson,
    consumers: topologyJson.consumers.map((c) => ({
      ...c,
      ackWaitMs,
      retry: { ...c.retry, baseDelayMs: 200, maxDelayMs: 1000, ...(maxDeliver !== undefined ? { maxDeliver } : {}) }
    }))
  }
  writeFileSync(file, JSON.stringify(spec))
  return file
}

export const testEnv = (server: { readonly url: string }, extra: Record<string, string> = {}) => ({
  NATS_SERVERS: server.url,
  NATS_CONNECT_TIMEOUT: "10 seconds",
  VIGIL_SHUTDOWN_GRACE: "2 seconds",
  ...extra
})

/** Provides config pointing at the test server to `layer` (workers, api, or both). */
export const againstTestServer = <A, E, R>(layer: Layer.Layer<A, E, R>, extra: Record<string, string> = {}) =>
  Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
    layer.pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown(testEnv(server, extra)))))))

let counter = 0
export const guardRequest = (text: string, mode: Mode = "full", requestId = `test-${Date.now()}-${++counter}`) =>
  new GuardRequest({ requestId, text, mode, returnDecisionProcess: true, receivedAt: Date.now() })

/** Publishes a request into the pipeline as the api does, and waits for the arbiter's reply. */
export const submit = (nc: NatsConnection, request: GuardRequest, timeoutMs = 10_000): Promise<GuardReply> => {
  const inbox = createInbox()
  const sub = nc.subscribe(inbox, { max: 1, timeout: timeoutMs })
  const h = headers()
  h.set(ReplyToHeader, inbox)
  const reply = (async () => {
    for await (const m of sub) return Schema.decodeUnknownSync(GuardReplyJson)(m.string())
    throw new Error(`no reply for ${request.requestId}`)
  })()
  return jetstream(nc)
    .publish(Subjects.detection, Schema.encodeSync(EnvelopeJson)(start(request)), { msgID: hopId(request.requestId, "detection"), headers: h })
    .then(() => reply)
}

export const manager = (nc: NatsConnection): Promise<JetStreamManager> => jetstreamManager(nc)

/** Polls until `check` holds, for conditions the server reaches asynchronously (redeliveries, advisories). */
export const eventually = async (check: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 100) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`condition not reached within ${timeoutMs} ms`)
}
