/**
 * The thin HTTP front of the bare baseline: what the api does on the wire (read the body, parse, publish
 * the envelope with a msgID and the reply inbox in a header, wait for the core reply, answer JSON) without
 * auth, limits, schemas or Effect.   PORT, NATS_SERVERS, BENCH_REPLY_TIMEOUT_MS (5000)
 */
import { jetstream } from "@nats-io/jetstream"
import { createInbox, headers, nuid } from "@nats-io/nats-core"
import { connect } from "@nats-io/transport-node"
import { createServer } from "node:http"

const servers = process.env["NATS_SERVERS"]
const port = Number(process.env["PORT"])
const timeoutMs = Number(process.env["BENCH_REPLY_TIMEOUT_MS"] ?? 5000)
if (servers === undefined || !(port > 0)) throw new Error("NATS_SERVERS and PORT must be set")

const nc = await connect({ servers, name: "bench-front", noAsyncTraces: true })
const js = jetstream(nc)
const prefix = createInbox("_INBOX.bench")
const waiters = new Map<string, (data: string) => void>()
nc.subscribe(`${prefix}.*`, {
  callback: (err, msg) => {
    if (!err) waiters.get(msg.subject.slice(prefix.length + 1))?.(msg.string())
  }
})
await nc.flush()

const server = createServer((req, res) => {
  const chunks: Array<Buffer> = []
  req.on("data", (c: Buffer) => chunks.push(c))
  req.on("end", () => {
    let body: { text?: unknown; mode?: unknown }
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
    } catch {
      res.writeHead(400).end()
      return
    }
    const requestId = crypto.randomUUID()
    const token = nuid.next()
    const request = { requestId, text: body.text, mode: body.mode ?? "full", returnDecisionProcess: false, receivedAt: Date.now() }
    const timer = setTimeout(() => {
      waiters.delete(token)
      res.writeHead(504).end()
    }, timeoutMs)
    waiters.set(token, (data) => {
      clearTimeout(timer)
      waiters.delete(token)
      const reply = JSON.parse(data) as { requestId: string }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ request_id: reply.requestId, decision: "ALLOW" }))
    })
    const h = headers()
    h.set("Vigil-Reply-To", `${prefix}.${token}`)
    js.publish("bench.s1", JSON.stringify({ request, events: [] }), { msgID: `${requestId}:s1`, headers: h }).catch(() => {
      clearTimeout(timer)
      waiters.delete(token)
      res.writeHead(503).end()
    })
  })
})
server.keepAliveTimeout = 60_000
server.listen(port, "127.0.0.1")
const shutdown = () => server.close(() => void nc.drain().then(() => process.exit(0)))
process.on("SIGTERM", shutdown)
process.on("SIGINT", shutdown)
