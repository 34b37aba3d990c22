import type { Msg } from "@nats-io/nats-core"
import { Effect, Layer, Schema, Stream } from "effect"
import { LoggingHealth } from "./LoggingHealth.ts"
import { LoggingRequestJson, type LoggingResponse, LoggingResponseJson, QuerySubject } from "./LoggingQueries.ts"
import { LogStore } from "./LoggingStore.ts"
import { Nats } from "./NatsConnection.ts"

const decodeRequest = Schema.decodeUnknownEffect(LoggingRequestJson)
const encodeResponse = Schema.encodeSync(LoggingResponseJson)

/**
 * Answers `vigil events` / `vigil stats` / health on `vigil.logging.query` (core NATS request-reply; no stream
 * captures it). It lives in the logging worker's process because only that process may open the embedded
 * engine's directory. Copies of the worker share a queue group, so one of them answers.
 */
export const LoggingQueryResponder = Layer.effectDiscard(Effect.gen(function*() {
  const { nc } = yield* Nats
  const store = yield* LogStore
  const health = yield* LoggingHealth
  const sub = yield* Effect.acquireRelease(
    Effect.sync(() => nc.subscribe(QuerySubject, { queue: "vigil-logging" })),
    (s) => Effect.sync(() => s.unsubscribe())
  )

  const answer = (msg: Msg) =>
    decodeRequest(msg.string()).pipe(
      Effect.flatMap((request): Effect.Effect<LoggingResponse, { readonly message: string }> => {
        switch (request._tag) {
          case "Events":
            return Effect.map(store.events(request), (rows) => ({ _tag: "Events", rows }))
          case "Stats":
            return Effect.map(store.stats(request), (stats) => ({ _tag: "Stats", stats }))
          case "Health":
            return Effect.map(health.status, (status) => ({ _tag: "Health", status }))
        }
      }),
      Effect.timeoutOrElse({
        duration: "8 seconds",
        orElse: () => Effect.fail({ message: `ClickHouse (${store.location}) did not answer within 8 s` })
      }),
      Effect.catch((e): Effect.Effect<LoggingResponse> => Effect.succeed({ _tag: "Failed", message: e.message })),
      Effect.flatMap((response) => Effect.sync(() => msg.respond(encodeResponse(response)))),
      Effect.catchCause((cause) => Effect.logWarning("logging: could not answer a query", cause))
    )

  yield* Stream.fromAsyncIterable(sub, (e) => e).pipe(
    Stream.mapEffect(answer, { concurrency: 4, unordered: true }),
    Stream.runDrain,
    Effect.catchCause((cause) => Effect.logError("logging: query subscription ended", cause)),
    Effect.forkScoped
  )
  yield* Effect.logInfo(`answering log queries on ${QuerySubject}`)
}))
