import { Kvm, type KV, type KvEntry } from "@nats-io/kv"
import { Effect, Schema } from "effect"
import { GuardConfig } from "../domain/Config.ts"
import { Nats } from "./NatsConnection.ts"

/** The bucket and key that hold the GuardConfig JSON in force; KV history keeps earlier revisions. */
export const ConfigBucket = "vigil-config"
export const ConfigKey = "guard"

export class ConfigRejected extends Schema.TaggedError<ConfigRejected>()("ConfigRejected", {
  source: Schema.String,
  message: Schema.String
}) {}

export class KvError extends Schema.TaggedError<KvError>()("KvError", {
  bucket: Schema.String,
  message: Schema.String
}) {}

const decodeConfig = Schema.decodeUnknownEffect(GuardConfig)
export const encodeConfig = Schema.encodeSync(GuardConfig)

/** Parses and validates config text; `source` names it in the error ("vigil-config/guard rev 7", a file). */
export const parseConfig = (text: string, source: string): Effect.Effect<GuardConfig, ConfigRejected> =>
  Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: (e) => new ConfigRejected({ source, message: `not JSON: ${(e as Error).message}` })
  }).pipe(
    Effect.flatMap((json) =>
      decodeConfig(json, { errors: "all", onExcessProperty: "error" }).pipe(
        Effect.mapError((e) => new ConfigRejected({ source, message: e.message }))
      )
    )
  )

export const configText = (config: GuardConfig): string => JSON.stringify(encodeConfig(config), null, 2)

/**
 * The version a decision records: the config's own `version` and the KV revision it came from, so two
 * writes that forget to bump `version` (or a rollback to old content) are still told apart.
 */
export const versionAt = (config: GuardConfig, revision: number): GuardConfig =>
  new GuardConfig({ ...config, version: `${config.version}@r${revision}` })

export const sourceOf = (revision: number) => `${ConfigBucket}/${ConfigKey} rev ${revision}`

export const kvAttempt = <A>(bucket: string, f: () => Promise<A>) =>
  Effect.tryPromise({ try: f, catch: (e) => new KvError({ bucket, message: String((e as Error)?.message ?? e) }) })

/**
 * Opens a bucket that provisioning created (every worker provisions at start); a missing one is a clear
 * error rather than a bucket created here with settings other than infra/jetstream.json's.
 */
export const openBucket = (bucket: string) =>
  Effect.flatMap(Nats, ({ js }) =>
    kvAttempt(bucket, async () => {
      const kv = await new Kvm(js).open(bucket)
      await kv.status()
      return kv
    }).pipe(
      Effect.mapError((e) =>
        new KvError({ bucket, message: `${e.message} (the bucket is created when a worker or \`pnpm start\` provisions)` })
      )
    ))

/**
 * Stores `text` under `key` only if nobody wrote since revision `expected` (undefined: the key must be new
 * or deleted), so two operators' concurrent writes cannot silently overwrite each other. The new revision.
 */
export const writeIfUnchanged = (kv: KV, bucket: string, key: string, text: string, expected: number | undefined) =>
  expected === undefined
    ? kvAttempt(bucket, () => kv.create(key, text))
    : kvAttempt(bucket, () => kv.update(key, text, expected))

/** Every revision of a key still in history, oldest first, deletes included. */
export const historyOf = (kv: KV, key: string, bucket: string) =>
  kvAttempt(bucket, async () => {
    const entries: Array<KvEntry> = []
    const it = await kv.history({ key })
    for await (const e of it) entries.push(e)
    return entries
  })

export const isValue = (e: KvEntry | null): e is KvEntry => e !== null && e.operation === "PUT"
