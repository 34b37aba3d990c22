import { assert, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { spawn, type ChildProcess } from "node:child_process"
import { ArbiterWorker, DetectionWorker, workerProcess } from "../../src/Workers.ts"
import { LocalNatsServer, natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer, eventually, guardRequest, manager, shortTopologyFile, submit, testEnv } from "../support/Pipeline.ts"

const topology = shortTopologyFile(2000)

// Detection and arbiter run here; the pii stage runs only in separate processes that the test kills.
const Pipeline = againstTestServer(
  workerProcess("vigil-test", Layer.mergeAll(DetectionWorker, ArbiterWorker)),
  { VIGIL_TOPOLOGY_FILE: topology }
).pipe(Layer.provideMerge(NatsServerTest))

const spawnWorker = (script: string, env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })

const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.once("exit", () => resolve()))

layer(Pipeline, { excludeTestServices: true })("a pii worker killed mid-batch", (it) => {
  it.effect("another copy finishes its unacked messages: none lost, none doubled", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      const nc = yield* natsConnection
      const env = testEnv(server, { VIGIL_TOPOLOGY_FILE: topology, VIGIL_CONCURRENCY: "8", SLOW_PII_MS: "1000" })
      const doomed = spawnWorker("test/support/slowPiiWorker.ts", env)
      const jsm = yield* Effect.promise(() => manager(nc))
      const requests = Array.from({ length: 20 }, (_, i) => guardRequest(`Contact me at person${i}@example.com please`))
      const replies = requests.map((r) => submit(nc, r, 60_000))
      // Kill only once the doomed copy holds messages it has not acknowledged.
      yield* Effect.promise(() =>
        eventually(async () => (await jsm.consumers.info("VIGIL", "vigil-pii")).num_ack_pending > 0, 30_000)
      )
      doomed.kill("SIGKILL")
      yield* Effect.promise(() => exited(doomed))
      const rescuer = spawnWorker("programs/pii.ts", env)
      try {
        const answers = yield* Effect.promise(() => Promise.all(replies))
        assert.strictEqual(answers.length, 20)
        assert.deepStrictEqual(new Set(answers.map((a) => a.requestId)), new Set(requests.map((r) => r.requestId)))
        for (const a of answers) {
          assert.strictEqual(a.decision.decision, "SANITIZE")
          assert.deepStrictEqual([...a.decision.piiTypes], ["EMAIL_ADDRESS"])
        }
        const info = yield* Effect.promise(() => jsm.consumers.info("VIGIL", "vigil-pii"))
        assert.strictEqual(info.num_pending + info.num_ack_pending, 0)
        // One decision per request: the arbiter's log events are deduplicated per request id.
        const logs = yield* Effect.promise(() => jsm.streams.info("VIGIL", { subjects_filter: "vigil.logs.>" }))
        assert.strictEqual(logs.state.subjects?.["vigil.logs.event"], 20)
        const dlq = yield* Effect.promise(() => jsm.streams.info("VIGIL_DLQ"))
        assert.strictEqual(dlq.state.messages, 0)
      } finally {
        rescuer.kill("SIGTERM")
        yield* Effect.promise(() => exited(rescuer))
      }
    }), 90_000)

  it.effect("SIGTERM: a worker finishes and settles the messages in hand before it exits", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      const nc = yield* natsConnection
      const env = testEnv(server, { VIGIL_TOPOLOGY_FILE: topology, VIGIL_CONCURRENCY: "4", SLOW_PII_MS: "1000" })
      const jsm = yield* Effect.promise(() => manager(nc))
      const logsBefore = (yield* Effect.promise(() => jsm.streams.info("VIGIL", { subjects_filter: "vigil.logs.>" })))
        .state.subjects?.["vigil.logs.event"] ?? 0
      const stopping = spawnWorker("test/support/slowPiiWorker.ts", env)
      const requests = Array.from({ length: 8 }, (_, i) => guardRequest(`Mail person${i}@example.org today`))
      let answered = 0
      const replies = requests.map((r) => submit(nc, r, 60_000).then((a) => { answered++; return a }))
      yield* Effect.promise(() =>
        eventually(async () => (await jsm.consumers.info("VIGIL", "vigil-pii")).num_ack_pending >= 4, 30_000)
      )
      stopping.kill("SIGTERM")
      const startedAt = Date.now()
      yield* Effect.promise(() => exited(stopping))
      assert.isBelow(Date.now() - startedAt, 10_000)
      // The four in hand were finished, published and acked before the process left.
      yield* Effect.promise(() => eventually(async () => answered >= 4, 5_000))
      const rescuer = spawnWorker("programs/pii.ts", env)
      try {
        const answers = yield* Effect.promise(() => Promise.all(replies))
        assert.strictEqual(answers.length, 8)
        const logs = yield* Effect.promise(() => jsm.streams.info("VIGIL", { subjects_filter: "vigil.logs.>" }))
        assert.strictEqual((logs.state.subjects?.["vigil.logs.event"] ?? 0) - logsBefore, 8)
      } finally {
        rescuer.kill("SIGTERM")
        yield* Effect.promise(() => exited(rescuer))
      }
    }), 90_000)
})
