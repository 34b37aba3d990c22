import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream"
import type { NatsConnection } from "@nats-io/nats-core"
import type { Copies } from "./Copies.ts"
import { failOnExit, freePort, type Proc, startNode, stopAll, until } from "./Processes.ts"

/** A set of processes behind one HTTP url, and how to tell that nothing is left in its queues. */
export interface Stack {
  readonly name: string
  readonly url: string
  readonly procs: ReadonlyArray<Proc>
  /**
   * Waits until every consumer on the request path has nothing pending or in hand. Past `timeoutMs` the
   * backlog an overloaded step left is purged instead (it would take minutes to work off and would load
   * the next step); resolves to the number of messages purged.
   */
  readonly drained: (timeoutMs: number) => Promise<number>
  /** Rejects as soon as any process dies. */
  readonly died: Promise<never>
  readonly stop: () => Promise<void>
}

export interface StackOptions {
  readonly natsUrl: string
  readonly nc: NatsConnection
  readonly copies: Copies
  readonly apiKey: string
  readonly logDir: string
  readonly logging: boolean
  readonly clickhouseDir: string
  readonly replyTimeoutMs: number
  /** Where the pipeline's processes write V8 CPU profiles (`--profile`); none when undefined. */
  readonly profileDir: string | undefined
}

const pending = async (jsm: JetStreamManager, stream: string, durables: ReadonlyArray<string>) => {
  let total = 0
  for (const d of durables) {
    const info = await jsm.consumers.info(stream, d)
    total += info.num_pending + info.num_ack_pending
  }
  return total
}

export const drainedOf = (nc: NatsConnection, stream: string, queues: ReadonlyArray<{ durable: string; subject: string }>) =>
async (timeoutMs: number): Promise<number> => {
  const jsm = await jetstreamManager(nc)
  const durables = queues.map((q) => q.durable)
  const empty = async () => (await pending(jsm, stream, durables)) === 0
  if (await until(`${stream} consumers drained`, empty, timeoutMs, 100).then(() => true, () => false)) return 0
  // Messages in hand when the purge lands are still forwarded to the next hop: purge until nothing moves.
  let purged = 0
  for (let round = 0; round < 10; round++) {
    for (const q of queues) purged += (await jsm.streams.purge(stream, { filter: q.subject })).purged
    if (await until(`${stream} consumers drained`, empty, 3_000, 100).then(() => true, () => false)) return purged
  }
  throw new Error(`${stream}: the backlog did not clear after purging ${purged} messages`)
}

const copiesOf = (n: number, make: (i: number) => Proc) => Array.from({ length: n }, (_, i) => make(i + 1))

const healthy = (url: string) => async () => (await fetch(`${url}/health`)).status === 200

/**
 * Vigil as a user runs it: the api, then each worker kind as its own process (`copies` of each), all on
 * the bench's nats-server. The api goes first and alone, so that stream provisioning does not race.
 */
export const startPipeline = async (o: StackOptions): Promise<Stack> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = {
    NATS_SERVERS: o.natsUrl,
    VIGIL_API_KEYS: o.apiKey,
    VIGIL_RATE_LIMIT_RPS: "1000000",
    VIGIL_RATE_LIMIT_BURST: "1000000",
    VIGIL_REPLY_TIMEOUT: `${o.replyTimeoutMs} millis`,
    VIGIL_CLICKHOUSE_DIR: o.clickhouseDir,
    HOST: "127.0.0.1",
    PORT: String(port)
  }
  const log = (name: string) => `${o.logDir}/${name}.log`
  const api = startNode("api", "programs/api.ts", env, log("api"), o.profileDir)
  await Promise.race([until("api /health", healthy(url), 60_000), failOnExit([api], o.logDir)])
  const workers = [
    ...copiesOf(o.copies.detection, (i) => startNode(`detection#${i}`, "programs/detection.ts", env, log(`detection-${i}`), o.profileDir)),
    ...copiesOf(o.copies.pii, (i) => startNode(`pii#${i}`, "programs/pii.ts", env, log(`pii-${i}`), o.profileDir)),
    ...copiesOf(o.copies.arbiter, (i) => startNode(`arbiter#${i}`, "programs/arbiter.ts", env, log(`arbiter-${i}`), o.profileDir)),
    ...(o.logging ? [startNode("logging", "programs/logging.ts", env, log("logging"))] : [])
  ]
  const procs = [api, ...workers]
  const died = failOnExit(procs, o.logDir)
  died.catch(() => undefined)
  await Promise.race([
    until("every worker consuming", async () => workers.every((w) => w.printed("worker consuming")), 90_000),
    died
  ])
  return {
    name: "pipeline",
    url,
    procs,
    drained: drainedOf(o.nc, "VIGIL", [
      { durable: "vigil-detection", subject: "vigil.guard.input" },
      { durable: "vigil-pii", subject: "vigil.pii.detect" },
      { durable: "vigil-arbiter", subject: "vigil.arbiter.decide" }
    ]),
    died,
    stop: () => stopAll([...workers].reverse()).then(() => stopAll([api]))
  }
}
