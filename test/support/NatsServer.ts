/**
 * A real nats-server (JetStream, file store) per test layer, on a free port with a temp store dir.
 *
 *   layer(NatsServerTest)("my suite", (it) => {
 *     it.effect("does something", () =>
 *       Effect.gen(function*() {
 *         const nc = yield* natsConnection          // scoped: closed when the test ends
 *         const server = yield* LocalNatsServer     // .url, .restart, .kill, ...
 *       }))
 *   })
 *
 * Each `layer(NatsServerTest)` block gets its own server; tests inside one block share it.
 */
import { connect, type NatsConnection } from "@nats-io/transport-node"
import { Effect, type Scope } from "effect"
import { LocalNatsServer } from "../../src/LocalNatsServer.ts"

export { isReachable, LocalNatsServer, LocalNatsServerError, reachable } from "../../src/LocalNatsServer.ts"

export const NatsServerTest = LocalNatsServer.layer()

/** A client connection to the test server, closed with the enclosing scope. */
export const natsConnection: Effect.Effect<NatsConnection, never, LocalNatsServer | Scope.Scope> = Effect.gen(
  function*() {
    const server = yield* LocalNatsServer
    return yield* Effect.acquireRelease(
      Effect.promise(() => connect({ servers: server.url, name: "vigil-test" })),
      (nc) => Effect.promise(() => nc.close())
    )
  }
)
