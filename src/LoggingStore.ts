import { Config, Context, Effect, Layer, Ref, Schema } from "effect"
import { createHash } from "node:crypto"
import type { LogRow } from "../domain/LogRow.ts"
import { Clickhouse, ClickhouseError } from "./Clickhouse.ts"
import { ensureLogTable, type LogTable } from "./ClickhouseSchema.ts"
import {
  CategoryRow,
  EventRow,
  eventsSql,
  type EventsQuery,
  HourRow,
  LatencyAnswer,
  latencyRows,
  PiiRow,
  type Stats,
  type StatsQuery,
  statsSql,
  Totals
} from "./LoggingQueries.ts"

const decodeAll = <A, I>(schema: Schema.Codec<A, I>, operation: string) => (rows: ReadonlyArray<unknown>) =>
  Schema.decodeUnknownEffect(Schema.Array(schema))(rows).pipe(
    Effect.mapError((e) => new ClickhouseError({ operation, kind: "unavailable", message: `unexpected answer: ${e.message}` }))
  )

/** A request id set names a batch: the same batch retried carries the same token, and is stored once. */
export const dedupToken = (rows: ReadonlyArray<LogRow>) =>
  createHash("sha256").update([...new Set(rows.map((r) => r.request_id))].sort().join("\n")).digest("hex")

/**
 * The decision table: applies the DDL once before the first insert (again after a `schema` failure), and
 * reads it back with FINAL so that a redelivered batch is counted once. Reads of a table that does not
 * exist yet find nothing rather than fail.
 */
export class LogStore extends Context.Service<LogStore, {
  readonly backend: string
  readonly location: string
  readonly ready: Effect.Effect<LogTable, ClickhouseError>
  readonly insert: (rows: ReadonlyArray<LogRow>) => Effect.Effect<void, ClickhouseError>
  readonly events: (q: EventsQuery) => Effect.Effect<ReadonlyArray<EventRow>, ClickhouseError>
  readonly stats: (q: StatsQuery) => Effect.Effect<Stats, ClickhouseError>
}>()("vigil/LogStore") {
  static readonly make = (options: { readonly table: string; readonly retentionDays: number }) =>
    Effect.gen(function*() {
      const ch = yield* Clickhouse
      const name = `${ch.database}.${options.table}`
      const ensured = yield* Ref.make<LogTable | undefined>(undefined)
      const ready = Effect.flatMap(Ref.get(ensured), (t) =>
        t !== undefined
          ? Effect.succeed(t)
          : ensureLogTable(options).pipe(Effect.provideService(Clickhouse, ch), Effect.tap((t) => Ref.set(ensured, t))))
      const forgetOnSchema = (e: ClickhouseError) => e.kind === "schema" ? Ref.set(ensured, undefined) : Effect.void
      const insert = (rows: ReadonlyArray<LogRow>) =>
        Effect.gen(function*() {
          const table = yield* ready
          yield* ch.insert(table.name, rows, table.profile === "current" ? dedupToken(rows) : undefined)
        }).pipe(Effect.tapError(forgetOnSchema))
      const read = <A>(empty: A) => <E>(self: Effect.Effect<A, ClickhouseError, E>) =>
        Effect.catchIf(self, (e) => e.kind === "schema", () => Effect.succeed(empty))
      const events = (q: EventsQuery) => ch.query(eventsSql(name, q)).pipe(Effect.flatMap(decodeAll(EventRow, "events")), read<ReadonlyArray<EventRow>>([]))
      const emptyStats = (q: StatsQuery): Stats => ({
        sinceMs: q.sinceMs,
        totals: { requests: 0, allow: 0, sanitize: 0, block: 0, raw_rows: 0 },
        perHour: [],
        categories: [],
        piiTypes: [],
        latency: []
      })
      const stats = (q: StatsQuery) =>
        Effect.gen(function*() {
          const sql = statsSql(name, q)
          const [totals] = yield* ch.query(sql.totals).pipe(Effect.flatMap(decodeAll(Totals, "stats")))
          if (totals === undefined || totals.requests === 0) return emptyStats(q)
          const [perHour, categories, piiTypes, latency] = yield* Effect.all([
            ch.query(sql.perHour).pipe(Effect.flatMap(decodeAll(HourRow, "stats"))),
            ch.query(sql.categories).pipe(Effect.flatMap(decodeAll(CategoryRow, "stats"))),
            ch.query(sql.piiTypes).pipe(Effect.flatMap(decodeAll(PiiRow, "stats"))),
            ch.query(sql.latency).pipe(Effect.flatMap(decodeAll(LatencyAnswer, "stats")))
          ])
          return { sinceMs: q.sinceMs, totals, perHour, categories, piiTypes, latency: latency[0] ? latencyRows(latency[0]) : [] } satisfies Stats
        }).pipe(read(emptyStats(q)))
      return LogStore.of({ backend: ch.backend, location: ch.location, ready, insert, events, stats })
    })

  static readonly layerConfig = Layer.effect(
    LogStore,
    Effect.flatMap(
      Config.all({
        table: Config.String("VIGIL_LOG_TABLE").pipe(Config.withDefault("events")),
        retentionDays: Config.Int("VIGIL_LOG_RETENTION_DAYS").pipe(Config.withDefault(90))
      }),
      LogStore.make
    )
  )
}
