import { AckPolicy, DeliverPolicy, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream"
import { nanos } from "@nats-io/nats-core"
import topology from "../infra/jetstream.json" with { type: "json" }
import { failOnExit, freePort, startNode, stopAll, until } from "./Processes.ts"
import { drainedOf, type Stack, type StackOptions } from "./Stack.ts"

// Three hops like detection → pii → arbiter, each appending an event of about the same size.
const hops = [
  { durable: "bench-1", filter: "bench.s1", next: "bench.s2", step: "DetectionCompleted", like: "vigil-detection", kind: "detection" },
  { durable: "bench-2", filter: "bench.s2", next: "bench.s3", step: "PiiCompleted", like: "vigil-pii", kind: "pii" },
  { durable: "bench-3", filter: "bench.s3", next: "reply", step: "DecisionMade", like: "vigil-arbiter", kind: "arbiter" }
] as const

/** The stream and consumers of the bare chain, with the pipeline's own settings (infra/jetstream.json). */
const provision = async (o: StackOptions) => {
  const jsm = await jetstreamManager(o.nc)
  const vigil = topology.streams.find((s) => s.name === "VIGIL")!
  await jsm.streams.delete("BENCH").catch(() => false)
  await jsm.streams.add({
    name: "BENCH",
    subjects: ["bench.>"],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    max_age: nanos(vigil.maxAgeMs),
    max_bytes: vigil.maxBytes,
    duplicate_window: nanos(vigil.duplicateWindowMs)
  })
  for (const hop of hops) {
    const like = topology.consumers.find((c) => c.durable === hop.like)!
    await jsm.consumers.add("BENCH", {
      durable_name: hop.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: hop.filter,
      max_ack_pending: like.maxAckPending,
      ack_wait: nanos(like.ackWaitMs),
      max_deliver: like.retry.maxDeliver
    })
  }
}

/** The bare chain: a thin HTTP front and `copies` processes per hop, measured like the pipeline. */
export const startBaseline = async (o: StackOptions): Promise<Stack> => {
  await provision(o)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = { NATS_SERVERS: o.natsUrl, PORT: String(port), BENCH_REPLY_TIMEOUT_MS: String(o.replyTimeoutMs) }
  const log = (name: string) => `${o.logDir}/${name}.log`
  const front = startNode("front", "bench/baseline/front.ts", env, log("baseline-front"))
  const workers = hops.flatMap((hop, h) =>
    Array.from({ length: o.copies[hop.kind] }, (_, i) =>
      startNode(`hop${h + 1}#${i + 1}`, "bench/baseline/hop.ts", {
        ...env,
        BENCH_DURABLE: hop.durable,
        BENCH_NEXT: hop.next,
        BENCH_STEP: hop.step
      }, log(`baseline-hop${h + 1}-${i + 1}`)))
  )
  const procs = [front, ...workers]
  const died = failOnExit(procs, o.logDir)
  died.catch(() => undefined)
  const answers = async () => {
    const res = await fetch(url, { method: "POST", body: JSON.stringify({ text: "ping", mode: "fast" }) })
    return res.status === 200
  }
  await Promise.race([until("baseline front answers", answers, 30_000), died])
  return {
    name: "baseline",
    url,
    procs,
    drained: drainedOf(o.nc, "BENCH", hops.map((h) => ({ durable: h.durable, subject: h.filter }))),
    died,
    stop: () => stopAll([...workers].reverse()).then(() => stopAll([front]))
  }
}
