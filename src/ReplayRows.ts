import { Config, Effect, Schema } from "effect"
import { ReplayRow } from "../domain/Replay.ts"
import { Clickhouse, ClickhouseError } from "./Clickhouse.ts"

/**
 * The decision-log reads a replay needs: a count, then pages in (time, id) order after a keyset. Served
 * from ClickHouse directly, or by the running logging worker over NATS (`ReplayQueryResponder`), since
 * only one process may open the embedded engine's directory.
 */
export const ReplayKey = Schema.Struct({ time: Schema.Finite, id: Schema.String })
export type ReplayKey = typeof ReplayKey.Type

export const ReplayQuery = Schema.Union([
  Schema.TaggedStruct("Count", { sinceMs: Schema.Finite }),
  Schema.TaggedStruct("Page", {
    sinceMs: Schema.Finite,
    after: Schema.optionalKey(ReplayKey),
    limit: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))
  })
])
export type ReplayQuery = typeof ReplayQuery.Type
export const ReplayQueryJson = Schema.fromJsonString(ReplayQuery)

export const ReplayAnswer = Schema.Union([
  Schema.TaggedStruct("Count", { n: Schema.Finite }),
  Schema.TaggedStruct("Page", { rows: Schema.Array(ReplayRow) }),
  Schema.TaggedStruct("Failed", { message: Schema.String })
])
export type ReplayAnswer = typeof ReplayAnswer.Type
export const ReplayAnswerJson = Schema.fromJsonString(ReplayAnswer)

export const ReplaySubject = "vigil.logging.replay"

export interface RowSource {
  readonly count: (sinceMs: number) => Effect.Effect<number, Error>
  readonly page: (sinceMs: number, after: ReplayKey | undefined, limit: number) => Effect.Effect<ReadonlyArray<ReplayRow>, Error>
}

// UInt64 comes back quoted in JSONEachRow; as Float64 it is a plain number (exact for epoch ms).
const select = Object.keys(ReplayRow.fields).map((c) => (c === "time_ms" ? "toFloat64(time_ms) AS time_ms" : c)).join(", ")
const decodeRows = Schema.decodeUnknownEffect(Schema.Array(ReplayRow))
const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`
// `time` (seconds) prunes partitions; `time_ms` is exact. Every value put into SQL is a number or quoted.
const window = (sinceMs: number) => `time >= toDateTime(${Math.floor(sinceMs / 1000)}) AND time_ms >= ${Math.floor(sinceMs)}`

/** Reads the table of VIGIL_LOG_TABLE (default `events`) with FINAL, so a redelivered batch counts once. */
export const clickhouseRows = Effect.gen(function*() {
  const ch = yield* Clickhouse
  const name = `${ch.database}.${yield* Config.String("VIGIL_LOG_TABLE").pipe(Config.withDefault("events"))}`
  return {
    count: (sinceMs) =>
      Effect.map(
        ch.query(`SELECT toFloat64(count()) AS n FROM ${name} FINAL WHERE ${window(sinceMs)}`),
        ([row]) => Number((row as { n?: unknown } | undefined)?.n ?? 0)
      ),
    page: (sinceMs, after, limit) => {
      const keyset = after === undefined ? "" : ` AND (time_ms > ${after.time} OR (time_ms = ${after.time} AND request_id > ${quote(after.id)}))`
      return ch.query(`SELECT ${select} FROM ${name} FINAL WHERE ${window(sinceMs)}${keyset} ORDER BY time_ms, request_id LIMIT ${limit}`).pipe(
        Effect.flatMap((raw) =>
          decodeRows(raw).pipe(
            Effect.mapError((e) => new ClickhouseError({ operation: "replay", kind: "schema", message: `unexpected row: ${e.message}` }))
          )
        )
      )
    }
  } satisfies RowSource
})
