import { Clock, Context, Effect, Layer, Ref, Schema } from "effect"

export const LoggingState = Schema.Literals(["starting", "healthy", "unhealthy"])
export type LoggingState = typeof LoggingState.Type

/** What the logging worker says about itself: readable in-process and over NATS (`vigil.logging.query`). */
export class LoggingStatus extends Schema.Class<LoggingStatus>("vigil/LoggingStatus")({
  state: LoggingState,
  /** Epoch ms of the last change of state. */
  since: Schema.Finite,
  backend: Schema.String,
  lastError: Schema.optionalKey(Schema.String),
  lastInsertAt: Schema.optionalKey(Schema.Finite),
  insertedRows: Schema.Int,
  /** Events fetched and held while ClickHouse does not take them. */
  heldEvents: Schema.Int
}) {}

/**
 * The logging worker's health flag. `unhealthy` means ClickHouse refuses or does not answer: the worker holds
 * its batch and stops fetching, so nothing is lost, and catches up when ClickHouse is back.
 */
export class LoggingHealth extends Context.Service<LoggingHealth, {
  readonly status: Effect.Effect<LoggingStatus>
  readonly healthy: Effect.Effect<boolean>
  readonly starting: (backend: string) => Effect.Effect<void>
  readonly inserted: (rows: number) => Effect.Effect<void>
  readonly failing: (error: string, held: number) => Effect.Effect<void>
}>()("vigil/LoggingHealth") {
  static readonly make = Effect.gen(function*() {
    const ref = yield* Ref.make(new LoggingStatus({ state: "starting", since: yield* Clock.currentTimeMillis, backend: "", insertedRows: 0, heldEvents: 0 }))
    const update = (f: (s: LoggingStatus, now: number) => LoggingStatus) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => Ref.update(ref, (s) => f(s, now)))
    const moveTo = (s: LoggingStatus, state: LoggingState, now: number) => s.state === state ? s.since : now
    return LoggingHealth.of({
      status: Ref.get(ref),
      healthy: Effect.map(Ref.get(ref), (s) => s.state === "healthy"),
      starting: (backend) => update((s, now) => new LoggingStatus({ ...s, backend, state: "starting", since: now })),
      inserted: (rows) =>
        update((s, now) => {
          const { lastError: _, ...rest } = s
          return new LoggingStatus({ ...rest, state: "healthy", since: moveTo(s, "healthy", now), lastInsertAt: now, insertedRows: s.insertedRows + rows, heldEvents: 0 })
        }),
      failing: (error, held) =>
        update((s, now) => new LoggingStatus({ ...s, state: "unhealthy", since: moveTo(s, "unhealthy", now), lastError: error, heldEvents: held }))
    })
  })

  static readonly layer = Layer.effect(LoggingHealth, LoggingHealth.make)
}
