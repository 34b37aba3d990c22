import { ClickHouseLogLevel, createClient, type ClickHouseClient } from "@clickhouse/client"
import { createChdbConnection } from "chdb/connection"
import { Config, Context, Duration, Effect, Layer, Option, Redacted, Schema } from "effect"
import { mkdirSync } from "node:fs"
import { resolve } from "node:path"

/**
 * How a failure is handled: `unavailable` (no answer, or a server-side condition that passes: retry and keep
 * the messages), `schema` (table or column missing: apply the DDL again, then retry), `rejected` (the server
 * refused the data itself: only that row is poison).
 */
export const ClickhouseFailure = Schema.Literals(["unavailable", "schema", "rejected"])

export class ClickhouseError extends Schema.TaggedError<ClickhouseError>()("ClickhouseError", {
  operation: Schema.String,
  kind: ClickhouseFailure,
  code: Schema.optionalKey(Schema.String),
  message: Schema.String
}) {}

// ClickHouse error codes: UNKNOWN_TABLE, UNKNOWN_DATABASE, NO_SUCH_COLUMN_IN_TABLE, THERE_IS_NO_COLUMN.
const schemaCodes = new Set(["60", "81", "16", "8"])
// Parse and type errors of the inserted data itself (CANNOT_PARSE_*, TYPE_MISMATCH, INCORRECT_DATA, ...).
const dataCodes = new Set(["6", "26", "27", "38", "41", "53", "69", "70", "72", "117", "130", "131"])

const classify = (operation: string) => (e: unknown): ClickhouseError => {
  const message = String((e as Error)?.message ?? e).split("\n")[0]!.slice(0, 500)
  // The client parses current servers' errors into `.code`; 18.16 words them "Code: 60, e.displayText() = ...".
  const code = typeof (e as { code?: unknown })?.code === "string" && /^\d+$/.test((e as { code: string }).code)
    ? (e as { code: string }).code
    : /^Code: (\d+)[.,]/.exec(message)?.[1]
  const kind = code === undefined ? "unavailable" : schemaCodes.has(code) ? "schema" : dataCodes.has(code) ? "rejected" : "unavailable"
  return new ClickhouseError({ operation, kind, message, ...(code !== undefined ? { code } : {}) })
}

export type ClickhouseBackend = "embedded" | "server"

export interface ClickhouseSettings {
  readonly url: Option.Option<string>
  readonly user: string
  readonly password: Option.Option<Redacted.Redacted>
  readonly database: string
  readonly dir: string
  readonly timeout: Duration.Duration
}

export const clickhouseConfig: Config.Config<ClickhouseSettings> = Config.all({
  url: Config.option(Config.String("CLICKHOUSE_URL")),
  user: Config.String("CLICKHOUSE_USER").pipe(Config.withDefault("default")),
  password: Config.option(Config.Redacted("CLICKHOUSE_PASSWORD")),
  database: Config.String("CLICKHOUSE_DATABASE").pipe(Config.withDefault("vigil")),
  dir: Config.String("VIGIL_CLICKHOUSE_DIR").pipe(Config.withDefault(".data/clickhouse")),
  timeout: Config.Duration("VIGIL_CLICKHOUSE_TIMEOUT").pipe(Config.withDefault(Duration.seconds(30)))
})

type ChdbAsClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>["connection"]>

const describeUrl = (url: string) => {
  const u = new URL(url)
  u.username = ""
  u.password = ""
  return u.toString()
}

const open = (s: ClickhouseSettings): { client: ClickHouseClient; backend: ClickhouseBackend; location: string } => {
  const common = { request_timeout: Duration.toMillis(s.timeout), log: { level: ClickHouseLogLevel.OFF } }
  if (Option.isSome(s.url)) {
    return {
      backend: "server",
      location: describeUrl(s.url.value),
      client: createClient({
        ...common,
        url: s.url.value,
        username: s.user,
        ...(Option.isSome(s.password) ? { password: Redacted.value(s.password.value) } : {}),
        application: "vigil"
      })
    }
  }
  const dir = resolve(s.dir)
  mkdirSync(dir, { recursive: true })
  // chdb declares the Connection contract with @clickhouse/client-common's types, which the client now bundles
  // as its own copies: the same shape (checked by the contract suite), types TypeScript cannot unify.
  const connection = createChdbConnection({ path: dir }) as unknown as ChdbAsClientConnection
  return { backend: "embedded", location: dir, client: createClient({ ...common, connection }) }
}

/**
 * One ClickHouse client per process: the embedded chdb engine over a data directory (the default), or a
 * server over HTTP when CLICKHOUSE_URL is set. Both speak through @clickhouse/client, so the SQL is the same.
 */
export class Clickhouse extends Context.Service<Clickhouse, {
  readonly backend: ClickhouseBackend
  /** The data directory or the server URL (without credentials), for messages. */
  readonly location: string
  readonly database: string
  readonly command: (sql: string) => Effect.Effect<void, ClickhouseError>
  /** Rows as JSONEachRow objects: 64-bit integers arrive as strings. */
  readonly query: (sql: string) => Effect.Effect<ReadonlyArray<unknown>, ClickhouseError>
  readonly insert: (table: string, rows: ReadonlyArray<object>, dedupToken?: string) => Effect.Effect<void, ClickhouseError>
}>()("vigil/Clickhouse") {
  static readonly layer = (settings: ClickhouseSettings) =>
    Layer.effect(Clickhouse, Effect.gen(function*() {
      const { client, backend, location } = yield* Effect.acquireRelease(
        Effect.try({
          try: () => open(settings),
          catch: (e) => new ClickhouseError({ operation: "open", kind: "unavailable", message: String((e as Error)?.message ?? e) })
        }),
        ({ client }) => Effect.promise(() => client.close()).pipe(Effect.timeout("10 seconds"), Effect.ignore)
      )
      const command = (sql: string) =>
        Effect.tryPromise({ try: () => client.command({ query: sql }), catch: classify("command") }).pipe(Effect.asVoid)
      const query = (sql: string) =>
        Effect.tryPromise({
          try: async () => (await client.query({ query: sql, format: "JSONEachRow" })).json<unknown>(),
          catch: classify("query")
        })
      const insert = (table: string, rows: ReadonlyArray<object>, dedupToken?: string) =>
        Effect.tryPromise({
          try: () =>
            client.insert({
              table,
              values: rows as Array<object>,
              format: "JSONEachRow",
              ...(dedupToken !== undefined ? { clickhouse_settings: { insert_deduplication_token: dedupToken } } : {})
            }),
          catch: classify("insert")
        }).pipe(Effect.asVoid)
      if (backend === "embedded") {
        // Only one process may hold a chdb directory; say so at start-up rather than at the first insert.
        yield* query("SELECT 1").pipe(
          Effect.mapError((e) =>
            new ClickhouseError({
              operation: "open",
              kind: "unavailable",
              message: `cannot open the embedded ClickHouse at ${location} (is another Vigil process using it?): ${e.message}`
            })
          )
        )
      }
      yield* Effect.logInfo(`ClickHouse (${backend}) at ${location}, database ${settings.database}`)
      return Clickhouse.of({ backend, location, database: settings.database, command, query, insert })
    }))

  static readonly layerConfig = Layer.unwrap(Effect.map(clickhouseConfig, Clickhouse.layer))
}
