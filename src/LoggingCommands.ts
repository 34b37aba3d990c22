import { Console, Duration, Effect, Layer, Option, References, Schema } from "effect"
import { Command, Flag } from "effect/cli"
import { Decision } from "../domain/Events.ts"
import { Clickhouse } from "./Clickhouse.ts"
import { type LoggingRequest, LoggingRequestJson, type LoggingResponse, LoggingResponseJson, QuerySubject } from "./LoggingQueries.ts"
import { LogStore } from "./LoggingStore.ts"
import { formatEvents, formatStats } from "./LoggingTable.ts"
import { Nats, settingsConfig } from "./NatsConnection.ts"

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** "90s", "30m", "1h", "7d", "2w", or anything Duration accepts ("90 minutes"). */
export const parseSince = (text: string): Option.Option<number> => {
  const short = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/.exec(text)
  if (short !== null) return Option.some(Math.round(Number(short[1]) * units[short[2]!]!))
  return Option.map(Duration.fromInput(text as Duration.Input), Duration.toMillis)
}

const since = (fallback: string) =>
  Flag.String("since").pipe(
    Flag.withDescription("how far back to look: 30m, 1h, 24h, 7d"),
    Flag.withDefault(fallback),
    Flag.mapTryCatch((s) => Option.getOrThrow(parseSince(s)), () => "expected a duration such as 30m, 1h, 24h or 7d")
  )
const json = Flag.Boolean("json").pipe(Flag.withDescription("print JSON instead of a table"), Flag.withDefault(false))

const encodeRequest = Schema.encodeSync(LoggingRequestJson)
const decodeResponse = Schema.decodeUnknownEffect(LoggingResponseJson)

/** The running logging worker answers over NATS; it is the only process that may open an embedded directory. */
const askWorker = (request: LoggingRequest) =>
  Effect.gen(function*() {
    const { nc } = yield* Nats
    const reply = yield* Effect.tryPromise({
      try: () => nc.request(QuerySubject, encodeRequest(request), { timeout: 15_000 }),
      catch: (e) => new Error(String((e as Error)?.message ?? e))
    })
    return yield* decodeResponse(reply.string())
  }).pipe(
    Effect.provide(Layer.unwrap(Effect.map(settingsConfig("vigil-cli"), (s) => Nats.layer({ ...s, connectTimeout: Duration.seconds(2) })))),
    Effect.scoped
  )

/** No worker answered: read ClickHouse here (the embedded directory, or the server of CLICKHOUSE_URL). */
const readDirectly = (request: LoggingRequest) =>
  Effect.gen(function*() {
    const store = yield* LogStore
    switch (request._tag) {
      case "Events":
        return { _tag: "Events", rows: yield* store.events(request) } as const
      case "Stats":
        return { _tag: "Stats", stats: yield* store.stats(request) } as const
      case "Health":
        return { _tag: "Failed", message: "no logging worker is running" } as const
    }
  }).pipe(Effect.provide(LogStore.layerConfig.pipe(Layer.provide(Clickhouse.layerConfig))))

export const ask = (request: LoggingRequest): Effect.Effect<LoggingResponse, unknown> =>
  askWorker(request).pipe(
    Effect.catch((e) =>
      Console.error(`(no logging worker answered on ${QuerySubject}: ${String((e as Error)?.message ?? e)}; reading ClickHouse directly)`).pipe(
        Effect.andThen(readDirectly(request))
      )
    ),
    // The CLI prints results; connection chatter below errors would only get in the way.
    Effect.provideService(References.MinimumLogLevel, "Error")
  )

const print = (response: LoggingResponse, asJson: boolean) =>
  Effect.gen(function*() {
    if (response._tag === "Failed") return yield* Effect.fail(new Error(`the logging worker could not answer: ${response.message}`))
    if (asJson) return yield* Console.log(JSON.stringify(response, null, 2))
    if (response._tag === "Events") return yield* Console.log(formatEvents(response.rows))
    if (response._tag === "Stats") return yield* Console.log(formatStats(response.stats))
    return yield* Console.log(JSON.stringify(response.status, null, 2))
  })

export const eventsCommand = Command.make(
  "events",
  {
    since: since("1h"),
    decision: Flag.Literals("decision", Decision.literals).pipe(Flag.withDescription("only this decision"), Flag.optional),
    limit: Flag.Int("limit").pipe(Flag.withDescription("at most this many rows, newest first"), Flag.withDefault(50)),
    json
  },
  Effect.fn(function*({ since, decision, limit, json }) {
    const request: LoggingRequest = {
      _tag: "Events",
      sinceMs: Math.max(0, Date.now() - since),
      limit: Math.min(Math.max(1, limit), 10_000),
      ...(Option.isSome(decision) ? { decision: decision.value } : {})
    }
    yield* print(yield* ask(request), json)
  })
).pipe(Command.withDescription("Recent decisions from the decision log"))

export const statsCommand = Command.make(
  "stats",
  { since: since("24h"), json },
  Effect.fn(function*({ since, json }) {
    yield* print(yield* ask({ _tag: "Stats", sinceMs: Math.max(0, Date.now() - since) }), json)
  })
).pipe(Command.withDescription("Decisions per hour, top categories, PII types and latency percentiles"))

export const loggingHealthCommand = Command.make(
  "logging-health",
  { json },
  Effect.fn(function*({ json }) {
    yield* print(yield* ask({ _tag: "Health" }), json)
  })
).pipe(Command.withDescription("Whether the logging worker can write to ClickHouse"))

/** For programs/vigil.ts: `Command.withSubcommands([...loggingCommands, ...])`. */
export const loggingCommands = [eventsCommand, statsCommand, loggingHealthCommand] as const
