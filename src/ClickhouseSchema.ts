import { Effect, Schema } from "effect"
import { readFileSync } from "node:fs"
import { Clickhouse, ClickhouseError } from "./Clickhouse.ts"

/**
 * `current`: ClickHouse >= 22.2 and chdb (TTL, LowCardinality, insert dedup tokens, ADD COLUMN IF NOT EXISTS).
 * `legacy`: older servers down to Debian's 18.16, which have none of these (measured, see events.legacy.sql).
 */
export type SchemaProfile = "legacy" | "current"

export const profileFor = (version: string): SchemaProfile => {
  const [major = 0, minor = 0] = version.split(".").map((x) => Number.parseInt(x, 10))
  return major > 22 || (major === 22 && minor >= 2) ? "current" : "legacy"
}

export interface LogTable {
  /** `database.table`, for SQL. */
  readonly name: string
  readonly database: string
  readonly table: string
  readonly version: string
  readonly profile: SchemaProfile
  /** Retention in days, when the server enforces one. */
  readonly retentionDays: number | undefined
}

const ddlFiles: Record<SchemaProfile, URL> = {
  current: new URL("../infra/clickhouse/events.sql", import.meta.url),
  legacy: new URL("../infra/clickhouse/events.legacy.sql", import.meta.url)
}

const withoutComments = (sql: string) => sql.split("\n").filter((line) => !line.trimStart().startsWith("--")).join("\n")

export const renderDdl = (template: string, vars: { database: string; table: string; retentionDays: number }) =>
  withoutComments(template)
    .replaceAll("{database}", vars.database)
    .replaceAll("{table}", vars.table)
    .replaceAll("{ttl}", vars.retentionDays > 0 ? `TTL time + INTERVAL ${vars.retentionDays} DAY` : "")
    .trim()

/** The columns a CREATE TABLE in infra/clickhouse declares, one per line, in order (indexes skipped). */
export const declaredColumns = (ddl: string): ReadonlyArray<{ readonly name: string; readonly type: string }> => {
  const sql = withoutComments(ddl)
  const body = sql.slice(sql.indexOf("(") + 1, sql.search(/\n\)\s*\n/))
  return body.split("\n").flatMap((line) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(.+?),?\s*$/.exec(line)
    return m === null || m[1]!.toUpperCase() === "INDEX" ? [] : [{ name: m[1]!, type: m[2]! }]
  })
}

const Identifier = Schema.String.check(Schema.isPattern(/^[A-Za-z_][A-Za-z0-9_]*$/))
const VersionRow = Schema.Struct({ v: Schema.String })
const NameRow = Schema.Struct({ name: Schema.String })

const decodeRows = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, operation: string) => (rows: ReadonlyArray<unknown>) =>
  Schema.decodeUnknownEffect(Schema.Array(schema))(rows).pipe(
    Effect.mapError((e) => new ClickhouseError({ operation, kind: "unavailable", message: `unexpected answer: ${e.message}` }))
  )

/**
 * Creates the decision table if it is missing and adds the columns an older table lacks, with the DDL that the
 * server's version supports. Idempotent; run at start-up and again after a `schema` failure.
 */
export const ensureLogTable = Effect.fn("ClickhouseSchema.ensure")(function*(options: { readonly table: string; readonly retentionDays: number }) {
  const ch = yield* Clickhouse
  const [database, table] = yield* Effect.all([ch.database, options.table].map((id) =>
    Schema.decodeUnknownEffect(Identifier)(id).pipe(
      Effect.mapError(() => new ClickhouseError({ operation: "schema", kind: "rejected", message: `not a plain identifier: "${id}"` }))
    )
  ))
  const [{ v: version }] = (yield* ch.query("SELECT version() AS v").pipe(Effect.flatMap(decodeRows(VersionRow, "version")))) as [{ v: string }]
  const profile = profileFor(version)
  const ddl = renderDdl(readFileSync(ddlFiles[profile], "utf8"), { database: database!, table: table!, retentionDays: options.retentionDays })
  const databases = yield* ch.query(`SELECT name FROM system.databases WHERE name = '${database}'`)
  if (databases.length === 0) yield* ch.command(`CREATE DATABASE IF NOT EXISTS ${database}`)
  yield* ch.command(ddl)
  const existing = new Set((yield* ch.query(`SELECT name FROM system.columns WHERE database = '${database}' AND table = '${table}'`).pipe(
    Effect.flatMap(decodeRows(NameRow, "columns"))
  )).map((r) => r.name))
  const missing = declaredColumns(ddl).filter((c) => !existing.has(c.name))
  // 18.16 has no ADD COLUMN IF NOT EXISTS; there two workers migrating at once may see "already exists" once.
  for (const c of missing) {
    yield* ch.command(`ALTER TABLE ${database}.${table} ADD COLUMN ${profile === "current" ? "IF NOT EXISTS " : ""}${c.name} ${c.type}`)
  }
  if (missing.length > 0) yield* Effect.logInfo(`migrated ${database}.${table}: added ${missing.map((c) => c.name).join(", ")}`)
  const retentionDays = profile === "current" && options.retentionDays > 0 ? options.retentionDays : undefined
  if (profile === "legacy" && options.retentionDays > 0) {
    yield* Effect.logWarning(`ClickHouse ${version} has no TTL: ${database}.${table} keeps rows until its partitions are dropped`)
  }
  return { name: `${database}.${table}`, database: database!, table: table!, version, profile, retentionDays } satisfies LogTable
})
