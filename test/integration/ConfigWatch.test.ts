import { assert, layer } from "@effect/vitest"
import { Kvm } from "@nats-io/kv"
import { Effect, Layer, Schedule, Schema } from "effect"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { ConfigBucket, ConfigKey } from "../../src/KvConfig.ts"
import { rollback, writeConfig } from "../../src/KvConfigStore.ts"
import { ArbiterWorker, baseLayer, DetectionWorker, PiiWorker, workerProcess } from "../../src/Workers.ts"
import { LocalNatsServer, natsConnection, NatsServerTest } from "../support/NatsServer.ts"
import { againstTestServer, eventually, guardRequest, submit } from "../support/Pipeline.ts"

const Workers = againstTestServer(workerProcess("vigil-test", Layer.mergeAll(DetectionWorker, PiiWorker, ArbiterWorker)))
// The CLI's store functions need a Nats of their own, as `pnpm vigil config` has.
const Cli = againstTestServer(baseLayer("vigil-cli-test"))
const Test = Layer.mergeAll(Workers, Cli).pipe(Layer.provideMerge(NatsServerTest))

const encode = Schema.encodeSync(GuardConfig)
const configJson = (version: string, block: number, sanitize: number) =>
  JSON.stringify({ ...encode(defaultConfig), version, thresholds: { block, sanitize } })

const greeting = "Hello! Could you suggest a name for my cat?"

layer(Test, { excludeTestServices: true })("live configuration from vigil-config", (it) => {
  it.effect("a change reaches the running workers, a bad one is refused, rollback restores the earlier one", () =>
    Effect.gen(function*() {
      const nc = yield* natsConnection
      const decide = () => Effect.promise(() => submit(nc, guardRequest(greeting)))
      const first = yield* decide()
      assert.strictEqual(first.decision.decision, "ALLOW")
      assert.strictEqual(first.decision.process.configVersion, defaultConfig.version)

      // Thresholds of 0: every prompt blocks. The next decisions must use it and name its revision.
      const strict = yield* writeConfig(configJson("strict", 0, 0), "test")
      let latest = first
      yield* Effect.promise(() =>
        eventually(async () => {
          latest = await submit(nc, guardRequest(greeting))
          return latest.decision.decision === "BLOCK"
        }, 10_000, 50)
      )
      assert.strictEqual(latest.decision.process.configVersion, `strict@r${strict.revision}`)
      assert.deepStrictEqual(latest.decision.process.thresholds, { block: 0, sanitize: 0 })

      // Written around the validating CLI, as a hand edit would be: refused, the strict one stays.
      const kv = yield* Effect.promise(() => new Kvm(nc).open(ConfigBucket))
      const bad = yield* Effect.promise(() => kv.put(ConfigKey, JSON.stringify({ version: "broken", thresholds: { block: 20, sanitize: 90 } })))
      const garbage = yield* Effect.promise(() => kv.put(ConfigKey, "{ not json"))
      assert.isAbove(garbage, bad)
      yield* Effect.sleep("500 millis")
      for (let i = 0; i < 3; i++) {
        const after = yield* decide()
        assert.strictEqual(after.decision.decision, "BLOCK")
        assert.strictEqual(after.decision.process.configVersion, `strict@r${strict.revision}`)
      }

      // The CLI refuses the same bad config before it reaches KV.
      const refused = yield* Effect.flip(writeConfig(JSON.stringify({ ...encode(defaultConfig), thresholds: { block: 20, sanitize: 90 } }), "file"))
      assert.strictEqual(refused._tag, "ConfigRejected")
      assert.include(refused.message, "thresholds.sanitize must not exceed thresholds.block")

      // Without --to, rollback goes to the valid revision before the one in force: here, none exists.
      const none = yield* Effect.flip(rollback(undefined))
      assert.strictEqual(none._tag, "RollbackError")

      const lenient = yield* writeConfig(configJson("lenient", 70, 30), "test")
      yield* Effect.promise(() =>
        eventually(async () => (await submit(nc, guardRequest(greeting))).decision.decision === "ALLOW", 10_000, 50)
      )
      // Back to strict (the valid revision before lenient), as a new revision; history keeps every one.
      const back = yield* rollback(undefined)
      assert.strictEqual(back.from, strict.revision)
      assert.isAbove(back.revision, lenient.revision)
      yield* Effect.promise(() =>
        eventually(async () => {
          latest = await submit(nc, guardRequest(greeting))
          return latest.decision.decision === "BLOCK"
        }, 10_000, 50)
      )
      assert.strictEqual(latest.decision.process.configVersion, `strict@r${back.revision}`)
      // And explicitly to a revision.
      const to = yield* rollback(lenient.revision)
      yield* Effect.promise(() =>
        eventually(async () => {
          latest = await submit(nc, guardRequest(greeting))
          return latest.decision.process.configVersion === `lenient@r${to.revision}`
        }, 10_000, 50)
      )
      assert.strictEqual(latest.decision.decision, "ALLOW")
      const badTarget = yield* Effect.flip(rollback(bad))
      assert.include(badTarget.message, `revision ${bad} is not a valid config`)
    }), 60_000)

  it.effect("the watch survives a nats-server restart: a change after it still reaches the workers", () =>
    Effect.gen(function*() {
      const server = yield* LocalNatsServer
      yield* server.restart
      const nc = yield* natsConnection
      // The store's connection reconnects on its own; until it has, the write fails and is retried.
      yield* writeConfig(configJson("after-restart", 0, 0), "test").pipe(
        Effect.retry({ schedule: Schedule.spaced("500 millis"), times: 40 })
      )
      yield* Effect.promise(() =>
        eventually(async () => (await submit(nc, guardRequest(greeting)).catch(() => undefined))?.decision.process.configVersion.startsWith("after-restart@r") === true, 30_000, 200)
      )
    }), 90_000)
})
