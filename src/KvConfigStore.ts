import type { KvEntry } from "@nats-io/kv"
import { Effect, Result, Schema } from "effect"
import type { GuardConfig } from "../domain/Config.ts"
import {
  ConfigBucket,
  ConfigKey,
  ConfigRejected,
  configText,
  historyOf,
  kvAttempt,
  KvError,
  openBucket,
  parseConfig,
  sourceOf,
  writeIfUnchanged
} from "./KvConfig.ts"

/** One revision of `vigil-config/guard` as the CLI shows it; `config` is there when it validates. */
export interface ConfigRevision {
  readonly revision: number
  readonly created: Date
  readonly operation: "PUT" | "DEL" | "PURGE"
  readonly text: string
  readonly config: Result.Result<GuardConfig, ConfigRejected>
}

export class RollbackError extends Schema.TaggedError<RollbackError>()("RollbackError", { message: Schema.String }) {}

const toRevision = (e: KvEntry): Effect.Effect<ConfigRevision> =>
  Effect.map(
    Effect.result(e.operation === "PUT" ? parseConfig(e.string(), sourceOf(e.revision)) : Effect.fail(
      new ConfigRejected({ source: sourceOf(e.revision), message: `deleted (${e.operation})` })
    )),
    (config) => ({ revision: e.revision, created: e.created, operation: e.operation, text: e.operation === "PUT" ? e.string() : "", config })
  )

/** The revisions still in KV history, oldest first. */
export const configHistory = Effect.gen(function*() {
  const kv = yield* openBucket(ConfigBucket)
  return yield* Effect.forEach(yield* historyOf(kv, ConfigKey, ConfigBucket), toRevision)
})

/** What workers hold: the newest revision that validates (newer bad ones were refused). */
export const inForce = (history: ReadonlyArray<ConfigRevision>): ConfigRevision | undefined =>
  history.findLast((r) => Result.isSuccess(r.config))

/** Validates, then writes only if nobody wrote since the revision read here (a concurrent set fails). */
export const writeConfig = (text: string, source: string) =>
  Effect.gen(function*() {
    const config = yield* parseConfig(text, source)
    const kv = yield* openBucket(ConfigBucket)
    const latest = yield* kvAttempt(ConfigBucket, () => kv.get(ConfigKey))
    const body = configText(config)
    const revision = yield* writeIfUnchanged(kv, ConfigBucket, ConfigKey, body, latest?.revision)
    return { revision, config, previous: latest?.revision }
  })

/**
 * Writes an earlier valid revision's content as a new revision (history is kept, nothing is rewritten).
 * Without `to`: the valid revision before the one in force.
 */
export const rollback = (to: number | undefined) =>
  Effect.gen(function*() {
    const history = yield* configHistory
    const current = inForce(history)
    const target = to !== undefined
      ? history.find((r) => r.revision === to)
      : current === undefined ? undefined : history.filter((r) => r.revision < current.revision).findLast((r) => Result.isSuccess(r.config))
    if (target === undefined) {
      return yield* new RollbackError({
        message: to !== undefined
          ? `revision ${to} is not in ${ConfigBucket} history (revisions kept: ${history.map((r) => r.revision).join(", ") || "none"})`
          : `no earlier valid revision than ${current?.revision ?? "none"} in ${ConfigBucket} history`
      })
    }
    if (Result.isFailure(target.config)) {
      return yield* new RollbackError({ message: `revision ${target.revision} is not a valid config: ${target.config.failure.message}` })
    }
    const written = yield* writeConfig(target.text, sourceOf(target.revision))
    return { ...written, from: target.revision }
  })

export type ConfigStoreError = ConfigRejected | KvError | RollbackError
