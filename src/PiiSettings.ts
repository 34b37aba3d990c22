import type { KvEntry } from "@nats-io/kv"
import { Config, Context, Effect, Layer, Option, Redacted, Ref, Schema } from "effect"
import { readFileSync } from "node:fs"
import { defaultPiiConfig, PiiConfig } from "../domain/PiiConfig.ts"
import { ConfigBucket } from "./KvConfig.ts"
import { seedAndWatch } from "./KvWatch.ts"

/** The key of `vigil-config` that holds the PII settings (infra/pii/config.json is the default). */
export const PiiConfigKey = "pii"

/** The PII settings in force. A Ref so that the KV watcher can swap them without restarting workers. */
export class PiiSettings extends Context.Service<PiiSettings, {
  readonly current: Effect.Effect<PiiConfig>
  readonly set: (config: PiiConfig) => Effect.Effect<void>
}>()("vigil/PiiSettings") {
  /** `salt`, when given, replaces `hashSalt` in every config set, so the salt need not sit in the KV bucket. */
  static readonly make = (initial: PiiConfig, salt?: string) => {
    const salted = (c: PiiConfig) => (salt === undefined ? c : new PiiConfig({ ...c, hashSalt: salt }))
    return Effect.map(Ref.make(salted(initial)), (ref) => PiiSettings.of({ current: Ref.get(ref), set: (c) => Ref.set(ref, salted(c)) }))
  }

  static readonly layerStatic = (config: PiiConfig) => Layer.effect(PiiSettings, PiiSettings.make(config))
  static readonly layer = PiiSettings.layerStatic(defaultPiiConfig)

  /** `VIGIL_PII_HASH_SALT` (optional, secret): the salt of the `hash` operator, kept out of KV. */
  static readonly layerConfig = Layer.effect(
    PiiSettings,
    Effect.flatMap(
      Config.option(Config.Redacted("VIGIL_PII_HASH_SALT")),
      (salt) => PiiSettings.make(defaultPiiConfig, Option.isSome(salt) ? Redacted.value(salt.value) : undefined)
    )
  )
}

const decode = Schema.decodeUnknownEffect(PiiConfig)

/** Parses and validates PII settings text; the error names the source and every reason. */
export const parsePiiConfig = (text: string, source: string): Effect.Effect<PiiConfig, string> =>
  Effect.try({ try: () => JSON.parse(text) as unknown, catch: (e) => `${source}: not JSON: ${(e as Error).message}` }).pipe(
    Effect.flatMap((json) =>
      decode(json, { errors: "all", onExcessProperty: "error" }).pipe(Effect.mapError((e) => `${source}: ${e.message}`))
    )
  )

/** A PII settings file (`--pii-config`, `--config`): the KV key's Schema, so a file that scans also deploys. */
export const loadPiiConfigFile = (file: string, flag: string): Effect.Effect<PiiConfig, Error> =>
  Effect.try({ try: () => readFileSync(file, "utf8"), catch: (e) => new Error(`${flag} ${file}: ${(e as Error).message}`) }).pipe(
    Effect.flatMap((text) => Effect.mapError(parsePiiConfig(text, `${flag} ${file}`), (m) => new Error(m)))
  )

/** One revision: a valid one replaces the settings in force; a bad or deleted one is refused, the last good stays. */
export const makePiiApplier = (settings: PiiSettings["Service"]) => {
  let seen = 0
  return Effect.fnUntraced(function*(entry: KvEntry) {
    if (entry.revision <= seen) return
    seen = entry.revision
    const current = yield* settings.current
    const source = `${ConfigBucket}/${PiiConfigKey} rev ${entry.revision}`
    if (entry.operation !== "PUT") return yield* Effect.logWarning(`${source} was deleted; keeping ${current.version} in force`)
    const parsed = yield* Effect.result(parsePiiConfig(entry.string(), source))
    if (parsed._tag === "Failure") return yield* Effect.logError(`refused PII config ${parsed.failure}; keeping ${current.version} in force`)
    const next = new PiiConfig({ ...parsed.success, version: `${parsed.success.version}@r${entry.revision}` })
    yield* settings.set(next)
    yield* Effect.logInfo(`PII config ${next.version} in force (was ${current.version})`)
  })
}


/** Seeds PiiSettings from `vigil-config/pii` before workers take messages, then keeps watching (reopened if it stops). */
export const PiiConfigWatchLive = Layer.effectDiscard(Effect.gen(function*() {
  const settings = yield* PiiSettings
  yield* seedAndWatch(ConfigBucket, PiiConfigKey, makePiiApplier(settings))
}).pipe(Effect.annotateLogs({ service: "pii-config-watch" })))
