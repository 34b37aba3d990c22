import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import { createServer } from "node:http"
import { GuardGateway } from "../GuardGateway.ts"
import { ApiConfig } from "./ApiConfig.ts"
import { ApiKeys } from "./ApiKeys.ts"
import { ApiMetrics } from "./ApiMetrics.ts"
import { GuardRoute } from "./GuardRoute.ts"
import { Health } from "./Health.ts"
import { OpsRoutes } from "./OpsRoutes.ts"
import { PiiRestoreRoute } from "./PiiRestoreRoute.ts"
import { RateLimiter } from "./RateLimiter.ts"

const Routes = Layer.mergeAll(GuardRoute, PiiRestoreRoute, OpsRoutes)

/** Everything the routes use besides NATS; GuardGateway holds this process's reply inbox. */
const Services = Layer.mergeAll(
  ApiKeys.layer,
  RateLimiter.layer,
  ApiMetrics.layer,
  Health.layer,
  GuardGateway.layerConfig
).pipe(Layer.provideMerge(ApiConfig.layerConfig))

const NodeServer = Layer.unwrap(
  Effect.map(ApiConfig, (c) => NodeHttpServer.layer(() => createServer(), { port: c.port, host: c.host }))
)

/**
 * The HTTP api (`PORT`/`HOST`, keys, limits: see ApiConfig.ts) and its GuardGateway, on the process's
 * `Nats` connection. Exposes the `HttpServer` so a caller can read the bound address (`apiUrl`); run it
 * with `Layer.launch(ApiLive.pipe(Layer.provide(baseLayer("vigil-api"))))`. On shutdown the server stops
 * accepting and finishes requests in flight before the gateway's inbox and the connection go away.
 */
export const ApiLive = HttpRouter.serve(Routes, { disableLogger: true }).pipe(
  Layer.provideMerge(NodeServer),
  Layer.provide(Services)
)

/** The base URL of the running api, e.g. `http://127.0.0.1:41234` (with `PORT=0` in tests). */
export const apiUrl: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(
  HttpServer.HttpServer,
  (server) => HttpServer.formatAddress(server.address)
)
