import type { KvEntry } from "@nats-io/kv"
import { Effect, Layer } from "effect"
import { GuardSettings } from "./GuardSettings.ts"
import { ConfigBucket, ConfigKey, parseConfig, sourceOf, versionAt } from "./KvConfig.ts"
import { builtinSemantic } from "./DetectionBranches.ts"
import { PatternWatchLive } from "./PatternWatch.ts"
import { ReferenceWatchLive } from "./ReferenceWatch.ts"
import { seedAndWatch } from "./KvWatch.ts"

/**
 * Applies one revision of `vigil-config/guard`: a valid one replaces the config in force, a bad one is
 * refused (logged with the Schema's reasons) and the last good one stays. Revisions at or below the last
 * one seen are skipped, so the seeding read and the watch's replay of the last value apply it once.
 */
export const makeApplier = (settings: GuardSettings["Service"]) => {
  let seen = 0
  return Effect.fnUntraced(function*(entry: KvEntry) {
    if (entry.revision <= seen) return
    seen = entry.revision
    const current = yield* settings.current
    if (entry.operation !== "PUT") {
      return yield* Effect.logWarning(
        `config ${ConfigBucket}/${ConfigKey} was deleted (rev ${entry.revision}); keeping ${current.version} in force`
      )
    }
    const parsed = yield* Effect.result(parseConfig(entry.string(), sourceOf(entry.revision)))
    if (parsed._tag === "Failure") {
      return yield* Effect.logError(
        `refused config ${parsed.failure.source}: ${parsed.failure.message}; keeping ${current.version} in force`
      )
    }
    const next = versionAt(parsed.success, entry.revision)
    yield* settings.set(next)
    yield* Effect.logInfo(`config ${next.version} in force (was ${current.version})`)
  })
}


/**
 * Seeds GuardSettings from KV before any worker takes a message, then keeps watching. A watch that ends
 * or fails (NATS away) is reopened; the applier's revision check makes the replayed last value harmless.
 */
export const GuardConfigWatch = Layer.effectDiscard(Effect.gen(function*() {
  const settings = yield* GuardSettings
  yield* seedAndWatch(ConfigBucket, ConfigKey, makeApplier(settings),
    Effect.logInfo(`no config in ${ConfigBucket}/${ConfigKey}: the built-in default is in force`))
}).pipe(Effect.annotateLogs({ service: "config-watch" })))

/** What every worker watches: `vigil-config` (GuardSettings) and `vigil-patterns` (branch A's library, branch B's reference set). */
export const ConfigWatchLive = Layer.mergeAll(GuardConfigWatch, PatternWatchLive, ReferenceWatchLive(builtinSemantic))
