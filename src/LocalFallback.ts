import { Config, ConfigProvider, Effect, Layer, Option } from "effect"
import { mkdirSync } from "node:fs"
import { LocalNatsServer, reachable } from "./LocalNatsServer.ts"

const DEV_URL = "nats://127.0.0.1:4222"

/**
 * For development only: when NATS_SERVERS is not set and nothing answers on 127.0.0.1:4222, start a local
 * nats-server (store .data/nats) for the lifetime of this process. A set NATS_SERVERS is always used as is,
 * so a production worker never starts a server of its own.
 */
export const withLocalNatsFallback = <A, E, R>(layer: Layer.Layer<A, E, R>) =>
  Layer.unwrap(Effect.gen(function*() {
    const configured = yield* Config.option(Config.String("NATS_SERVERS"))
    if (Option.isSome(configured) || (yield* reachable(DEV_URL))) return layer
    yield* Effect.logWarning(`NATS_SERVERS is not set and nothing answers at ${DEV_URL}: starting a local nats-server (store .data/nats)`)
    mkdirSync(".data/nats", { recursive: true })
    return Layer.unwrap(Effect.map(LocalNatsServer, (server) =>
      layer.pipe(Layer.provide(ConfigProvider.layerAdd(ConfigProvider.fromUnknown({ NATS_SERVERS: server.url }), { asPrimary: true })))
    )).pipe(Layer.provide(LocalNatsServer.layer({ port: 4222, storeDir: ".data/nats" })))
  }))
