import type { Msg, NatsConnection } from "@nats-io/nats-core"
import { Effect, Layer, Schema, Stream } from "effect"
import type { ReplayRow } from "../domain/Replay.ts"
import { Nats } from "./NatsConnection.ts"
import {
  type ReplayAnswer,
  ReplayAnswerJson,
  type ReplayKey,
  ReplayQueryJson,
  ReplaySubject,
  clickhouseRows,
  type RowSource
} from "./ReplayRows.ts"

const decodeQuery = Schema.decodeUnknownEffect(ReplayQueryJson)
const encodeAnswer = Schema.encodeSync(ReplayAnswerJson)
const decodeAnswer = Schema.decodeUnknownEffect(ReplayAnswerJson)

/** Below NATS's default max_payload (1 MiB), with room for headers. */
const MaxAnswerBytes = 900_000

/** The longest prefix of the page that fits one message; a row too large alone travels without its prompt. */
export const fitPage = (rows: ReadonlyArray<ReplayRow>): string => {
  let n = rows.length
  while (n > 1) {
    const text = encodeAnswer({ _tag: "Page", rows: rows.slice(0, n) })
    if (Buffer.byteLength(text) <= MaxAnswerBytes) return text
    n = Math.floor(n / 2)
  }
  const text = encodeAnswer({ _tag: "Page", rows: rows.slice(0, n) })
  return Buffer.byteLength(text) <= MaxAnswerBytes ? text : encodeAnswer({ _tag: "Page", rows: rows.slice(0, 1).map((r) => ({ ...r, prompt: "" })) })
}

/**
 * Serves `vigil replay` from the logging worker's process, the only one that may open the embedded
 * engine's directory. A queue group, so that one copy of the worker answers.
 */
export const ReplayQueryResponder = Layer.effectDiscard(Effect.gen(function*() {
  const { nc } = yield* Nats
  const rows = yield* clickhouseRows
  const sub = yield* Effect.acquireRelease(
    Effect.sync(() => nc.subscribe(ReplaySubject, { queue: "vigil-logging" })),
    (s) => Effect.sync(() => s.unsubscribe())
  )
  const answer = (msg: Msg) =>
    decodeQuery(msg.string()).pipe(
      Effect.flatMap((q) =>
        q._tag === "Count"
          ? Effect.map(rows.count(q.sinceMs), (n) => encodeAnswer({ _tag: "Count", n }))
          : Effect.map(rows.page(q.sinceMs, q.after, q.limit), fitPage)
      ),
      Effect.catch((e) => Effect.succeed(encodeAnswer({ _tag: "Failed", message: e.message }))),
      Effect.flatMap((text) => Effect.sync(() => msg.respond(text))),
      Effect.catchCause((cause) => Effect.logWarning("logging: could not answer a replay query", cause))
    )
  yield* Stream.fromAsyncIterable(sub, (e) => e).pipe(
    Stream.mapEffect(answer, { concurrency: 2, unordered: true }),
    Stream.runDrain,
    Effect.catchCause((cause) => Effect.logError("logging: replay query subscription ended", cause)),
    Effect.forkScoped
  )
}))

/** The client side: the same reads, asked of the running logging worker. */
export const workerRows = (nc: NatsConnection): RowSource => {
  const ask = (query: typeof ReplayQueryJson.Type) =>
    Effect.tryPromise({
      try: () => nc.request(ReplaySubject, Schema.encodeSync(ReplayQueryJson)(query), { timeout: 30_000 }),
      catch: (e) => new Error(`no logging worker answered on ${ReplaySubject}: ${String((e as Error)?.message ?? e)}`)
    }).pipe(
      Effect.flatMap((m) => Effect.mapError(decodeAnswer(m.string()), (e) => new Error(`unexpected answer: ${e.message}`))),
      Effect.flatMap((a: ReplayAnswer) => a._tag === "Failed" ? Effect.fail(new Error(`the logging worker could not answer: ${a.message}`)) : Effect.succeed(a))
    )
  return {
    count: (sinceMs) => Effect.map(ask({ _tag: "Count", sinceMs }), (a) => (a._tag === "Count" ? a.n : 0)),
    page: (sinceMs, after: ReplayKey | undefined, limit) =>
      Effect.map(ask({ _tag: "Page", sinceMs, limit, ...(after !== undefined ? { after } : {}) }), (a) => (a._tag === "Page" ? a.rows : []))
  }
}
