import { Schema } from "effect"
import { Decision } from "../domain/Events.ts"
import { LoggingStatus } from "./LoggingHealth.ts"

/**
 * The reads of the decision log, as SQL both ClickHouse 18.16 and current engines run (18.16 has no query
 * parameters, so every value put into SQL here is a validated number or a Decision literal), plus the
 * request-reply protocol the logging worker answers on `vigil.logging.query`.
 */
export const QuerySubject = "vigil.logging.query"

/** JSONEachRow writes 64-bit integers as strings. */
const Num = Schema.Union([Schema.Finite, Schema.FiniteFromString])
const Count = Num
const Limit = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 }))
const SinceMs = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

export const EventsQuery = Schema.TaggedStruct("Events", { sinceMs: SinceMs, decision: Schema.optionalKey(Decision), limit: Limit })
export type EventsQuery = typeof EventsQuery.Type
export const StatsQuery = Schema.TaggedStruct("Stats", { sinceMs: SinceMs })
export type StatsQuery = typeof StatsQuery.Type
export const HealthQuery = Schema.TaggedStruct("Health", {})

export const EventRow = Schema.Struct({
  request_id: Schema.String,
  time_ms: Num,
  mode: Schema.String,
  decision: Schema.String,
  threat_score: Num,
  categories: Schema.Array(Schema.String),
  pii_types: Schema.Array(Schema.String),
  total_ms: Num,
  api_key_id: Schema.String
})
export type EventRow = typeof EventRow.Type

export const Totals = Schema.Struct({ requests: Count, allow: Count, sanitize: Count, block: Count, raw_rows: Count })
export const HourRow = Schema.Struct({ hour_ms: Num, allow: Count, sanitize: Count, block: Count, total: Count })
export const CategoryRow = Schema.Struct({ category: Schema.String, requests: Count })
export const PiiRow = Schema.Struct({ type: Schema.String, entities: Count, requests: Count })
export const LatencyRow = Schema.Struct({ stage: Schema.String, p50: Num, p95: Num, p99: Num, max: Num })

export const Stats = Schema.Struct({
  sinceMs: Schema.Finite,
  totals: Totals,
  perHour: Schema.Array(HourRow),
  categories: Schema.Array(CategoryRow),
  piiTypes: Schema.Array(PiiRow),
  latency: Schema.Array(LatencyRow)
})
export type Stats = typeof Stats.Type

export const LoggingRequest = Schema.Union([EventsQuery, StatsQuery, HealthQuery])
export type LoggingRequest = typeof LoggingRequest.Type
export const LoggingRequestJson = Schema.fromJsonString(LoggingRequest)

export const LoggingResponse = Schema.Union([
  Schema.TaggedStruct("Events", { rows: Schema.Array(EventRow) }),
  Schema.TaggedStruct("Stats", { stats: Stats }),
  Schema.TaggedStruct("Health", { status: LoggingStatus }),
  Schema.TaggedStruct("Failed", { message: Schema.String })
])
export type LoggingResponse = typeof LoggingResponse.Type
export const LoggingResponseJson = Schema.fromJsonString(LoggingResponse)

// `time` (seconds) prunes partitions; `time_ms` is exact.
const window = (sinceMs: number) => `time >= toDateTime(${Math.floor(sinceMs / 1000)}) AND time_ms >= ${sinceMs}`

export const eventsSql = (table: string, q: EventsQuery) =>
  `SELECT request_id, time_ms, mode, decision, threat_score, categories, pii_types, total_ms, api_key_id
FROM ${table} FINAL
WHERE ${window(q.sinceMs)}${q.decision !== undefined ? ` AND decision = '${q.decision}'` : ""}
ORDER BY time_ms DESC, request_id
LIMIT ${q.limit}`

const q3 = (agg: string) => `arrayMap(x -> if(isNaN(x), 0, x), ${agg})`

/** One statement per section of `vigil stats`; every one reads the table with FINAL except `raw_rows`. */
export const statsSql = (table: string, q: StatsQuery) => ({
  totals: `SELECT count() AS requests, countIf(decision = 'ALLOW') AS allow, countIf(decision = 'SANITIZE') AS sanitize,
  countIf(decision = 'BLOCK') AS block, (SELECT count() FROM ${table} WHERE ${window(q.sinceMs)}) AS raw_rows
FROM ${table} FINAL WHERE ${window(q.sinceMs)}`,
  perHour: `SELECT intDiv(time_ms, 3600000) * 3600000 AS hour_ms, countIf(decision = 'ALLOW') AS allow,
  countIf(decision = 'SANITIZE') AS sanitize, countIf(decision = 'BLOCK') AS block, count() AS total
FROM ${table} FINAL WHERE ${window(q.sinceMs)} GROUP BY hour_ms ORDER BY hour_ms`,
  categories: `SELECT category, count() AS requests FROM ${table} FINAL ARRAY JOIN categories AS category
WHERE ${window(q.sinceMs)} GROUP BY category ORDER BY requests DESC, category LIMIT 10`,
  piiTypes: `SELECT type, sum(n) AS entities, count() AS requests FROM ${table} FINAL ARRAY JOIN pii_types AS type, pii_counts AS n
WHERE ${window(q.sinceMs)} GROUP BY type ORDER BY entities DESC, type LIMIT 10`,
  latency: `SELECT ${q3("quantiles(0.5, 0.95, 0.99)(detection_ms)")} AS detection, max(detection_ms) AS detection_max,
  ${q3("quantilesIf(0.5, 0.95, 0.99)(pii_ms, pii_ran = 1)")} AS pii, maxIf(pii_ms, pii_ran = 1) AS pii_max,
  ${q3("quantiles(0.5, 0.95, 0.99)(arbiter_ms)")} AS arbiter, max(arbiter_ms) AS arbiter_max,
  ${q3("quantiles(0.5, 0.95, 0.99)(total_ms)")} AS total, max(total_ms) AS total_max
FROM ${table} FINAL WHERE ${window(q.sinceMs)}`
})

export const LatencyAnswer = Schema.Struct({
  detection: Schema.Array(Num), detection_max: Num,
  pii: Schema.Array(Num), pii_max: Num,
  arbiter: Schema.Array(Num), arbiter_max: Num,
  total: Schema.Array(Num), total_max: Num
})

export const latencyRows = (a: typeof LatencyAnswer.Type): ReadonlyArray<typeof LatencyRow.Type> =>
  (["detection", "pii", "arbiter", "total"] as const).map((stage) => {
    const [p50 = 0, p95 = 0, p99 = 0] = a[stage]
    return { stage, p50, p95, p99, max: a[`${stage}_max`] }
  })
