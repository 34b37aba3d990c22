import { Config, ConfigProvider, Effect, Layer, Option } from "effect"
import { ApiLive } from "./api/ApiServer.ts"
import { withLocalNatsFallback } from "./LocalFallback.ts"
import { LoggingLive } from "./LoggingProcess.ts"
import { ArbiterWorker, DetectionWorker, PiiWorker, workerProcess } from "./Workers.ts"

/**
 * `pnpm start`: every worker (logging into embedded ClickHouse under .data/clickhouse) and the api in one process, for development, with a local nats-server when
 * NATS_SERVERS is unset and none answers. Without VIGIL_API_KEYS the api runs without keys, and then only
 * on 127.0.0.1 unless HOST says otherwise.
 */
export const DevStack = Layer.unwrap(Effect.gen(function*() {
  const keys = yield* Config.option(Config.String("VIGIL_API_KEYS"))
  const noKeys = Option.isNone(keys) || keys.value.trim() === ""
  if (noKeys) yield* Effect.logWarning("VIGIL_API_KEYS is not set: the dev api accepts requests without a key, on 127.0.0.1 only")
  const devDefaults = ConfigProvider.layerAdd(
    ConfigProvider.fromUnknown(noKeys ? { HOST: "127.0.0.1", VIGIL_ALLOW_NO_AUTH: "true" } : {})
  )
  const app = workerProcess("vigil-dev", Layer.mergeAll(DetectionWorker, PiiWorker, ArbiterWorker, LoggingLive, ApiLive))
  return withLocalNatsFallback(app).pipe(Layer.provide(devDefaults))
}))
