import { Config, ConfigProvider, Effect, Layer, Option } from "effect"
import { mkdirSync } from "node:fs"
import { ApiLive } from "./api/ApiServer.ts"
import { LocalNatsServer, reachable } from "./LocalNatsServer.ts"
import { ArbiterWorker, DetectionWorker, PiiWorker, workerProcess } from "./Workers.ts"

const portOf = (servers: string) => Number(/:(\d+)\s*(,|$)/.exec(servers)?.[1] ?? 4222)

/**
 * `pnpm start`: every worker and the api in one process, for development. Starts a local nats-server
 * (store in .data/nats) when none answers at NATS_SERVERS. Without VIGIL_API_KEYS the api runs without
 * keys, and then only on 127.0.0.1 unless HOST says otherwise.
 */
export const DevStack = Layer.unwrap(Effect.gen(function*() {
  const servers = yield* Config.String("NATS_SERVERS").pipe(Config.withDefault("nats://127.0.0.1:4222"))
  const keys = yield* Config.option(Config.String("VIGIL_API_KEYS"))
  const noKeys = Option.isNone(keys) || keys.value.trim() === ""
  if (noKeys) yield* Effect.logWarning("VIGIL_API_KEYS is not set: the dev api accepts requests without a key, on 127.0.0.1 only")
  const devDefaults = ConfigProvider.layerAdd(
    ConfigProvider.fromUnknown(noKeys ? { HOST: "127.0.0.1", VIGIL_ALLOW_NO_AUTH: "true" } : {})
  )
  const app = workerProcess("vigil-dev", Layer.mergeAll(DetectionWorker, PiiWorker, ArbiterWorker, ApiLive))
  if (yield* reachable(servers)) return app.pipe(Layer.provide(devDefaults))

  yield* Effect.logInfo(`no NATS server answers at ${servers}: starting a local nats-server (store .data/nats)`)
  mkdirSync(".data/nats", { recursive: true })
  const local = LocalNatsServer.layer({ port: portOf(servers), storeDir: ".data/nats" })
  return Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
    app.pipe(
      Layer.provide(ConfigProvider.layerAdd(ConfigProvider.fromUnknown({ NATS_SERVERS: server.url }), { asPrimary: true })),
      Layer.provide(devDefaults)
    ))).pipe(Layer.provide(local))
}))
