import { Context, Effect, Layer, Stream } from "effect"
import { Nats } from "../NatsConnection.ts"

/** The streams the api needs: without VIGIL nothing is processed, without VIGIL_DLQ failures are lost. */
export const requiredStreams = ["VIGIL", "VIGIL_DLQ"] as const

export type ConnectionState = "connected" | "disconnected" | "reconnecting" | "closed"

export type HealthReport =
  | { readonly status: "ok"; readonly nats: "connected"; readonly streams: ReadonlyArray<string> }
  | { readonly status: "unavailable"; readonly nats: ConnectionState; readonly reason: string }

const stateAfter = (current: ConnectionState, event: string): ConnectionState => {
  switch (event) {
    case "disconnect":
      return "disconnected"
    case "reconnecting":
      return "reconnecting"
    case "reconnect":
      return "connected"
    case "close":
      return "closed"
    default:
      return current
  }
}

/**
 * Readiness: the connection as the client reports it (status events, since the client buffers
 * publishes while it reconnects and would otherwise look fine), then the streams, asked of the server.
 */
export class Health extends Context.Service<Health, {
  readonly connection: Effect.Effect<ConnectionState>
  readonly check: Effect.Effect<HealthReport>
}>()("vigil/api/Health") {
  static readonly layer = Layer.effect(
    Health,
    Effect.gen(function*() {
      const { nc, jsm } = yield* Nats
      let state: ConnectionState = nc.isClosed() ? "closed" : "connected"
      yield* Stream.fromAsyncIterable(nc.status(), (e) => e).pipe(
        Stream.runForEach((s) => Effect.sync(() => { state = stateAfter(state, s.type) })),
        Effect.ignore,
        Effect.forkScoped
      )
      const connection = Effect.sync((): ConnectionState => nc.isClosed() ? "closed" : state)

      const streamMissing = (name: string) =>
        Effect.tryPromise(() => jsm.streams.info(name)).pipe(
          Effect.as(undefined),
          Effect.timeout("2 seconds"),
          Effect.catch((e) => {
            const message = String((e as { cause?: Error }).cause?.message ?? (e as Error).message ?? e)
            return Effect.succeed(/not found/i.test(message) ? `stream ${name} not found` : `stream ${name}: ${message}`)
          })
        )

      const check = Effect.gen(function*() {
        const nats = yield* connection
        if (nats !== "connected") {
          return { status: "unavailable", nats, reason: `NATS connection is ${nats}` } satisfies HealthReport
        }
        const problems = (yield* Effect.forEach(requiredStreams, streamMissing, { concurrency: "unbounded" }))
          .filter((p) => p !== undefined)
        if (problems.length > 0) {
          return { status: "unavailable", nats, reason: problems.join("; ") } satisfies HealthReport
        }
        return { status: "ok", nats, streams: [...requiredStreams] } satisfies HealthReport
      })

      return Health.of({ connection, check })
    })
  )
}
