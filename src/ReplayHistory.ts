import { Effect, Schema } from "effect"
import { type GuardConfig } from "../domain/Config.ts"
import { type Replayed, replay, ReplayRow, type Rescore } from "../domain/Replay.ts"
import { Clickhouse, ClickhouseError } from "./Clickhouse.ts"

export interface ReplayOptions {
  readonly sinceMs: number
  readonly limit: number
  readonly candidate: GuardConfig
  readonly rescore?: Rescore | undefined
  readonly onProgress?: ((done: number, total: number) => Effect.Effect<void>) | undefined
}

// UInt64 comes back quoted in JSONEachRow; as Float64 it is a plain number (exact for epoch ms).
const columns = ReplayRow.fields
const select = Object.keys(columns).map((c) => (c === "time_ms" ? "toFloat64(time_ms) AS time_ms" : c)).join(", ")
const decodeRows = Schema.decodeUnknownEffect(Schema.Array(ReplayRow))
const quote = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`

const window = (sinceMs: number) => `time >= toDateTime(${Math.floor(sinceMs / 1000)}) AND time_ms >= ${Math.floor(sinceMs)}`

/**
 * Reads the decision log page by page (keyset on time and id, so memory stays bounded on long runs) and
 * re-decides each row under the candidate. Reads only: nothing is published, nothing is written.
 */
export const replayHistory = (table: string, options: ReplayOptions) =>
  Effect.gen(function*() {
    const ch = yield* Clickhouse
    const name = `${ch.database}.${table}`
    const [counted] = yield* ch.query(`SELECT toFloat64(count()) AS n FROM ${name} FINAL WHERE ${window(options.sinceMs)}`)
    const total = Math.min(options.limit, Number((counted as { n?: unknown } | undefined)?.n ?? 0))
    const results: Array<Replayed> = []
    const versions: Record<string, number> = {}
    let after: { time: number; id: string } | undefined
    while (results.length < total) {
      const page = Math.min(2_000, total - results.length)
      const keyset = after === undefined ? "" : ` AND (time_ms > ${after.time} OR (time_ms = ${after.time} AND request_id > ${quote(after.id)}))`
      const rows = yield* ch.query(
        `SELECT ${select} FROM ${name} FINAL WHERE ${window(options.sinceMs)}${keyset} ORDER BY time_ms, request_id LIMIT ${page}`
      ).pipe(Effect.flatMap((raw) =>
        decodeRows(raw).pipe(
          Effect.mapError((e) => new ClickhouseError({ operation: "replay", kind: "schema", message: `unexpected row: ${e.message}` }))
        )
      ))
      if (rows.length === 0) break
      for (const row of rows) {
        results.push(replay(row, options.candidate, options.rescore))
        versions[row.config_version] = (versions[row.config_version] ?? 0) + 1
      }
      const last = rows[rows.length - 1]!
      after = { time: last.time_ms, id: last.request_id }
      if (options.onProgress !== undefined) yield* options.onProgress(results.length, total)
    }
    return { results, versions, table: name }
  })

