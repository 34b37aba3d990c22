import type { KvEntry } from "@nats-io/kv"
import { Effect, Layer, Result } from "effect"
import type { ReferenceSet } from "../domain/ReferenceSet.ts"
import type { SemanticIndex } from "../domain/Semantic.ts"
import { withReferences } from "../domain/SemanticOverlay.ts"
import { type Branch, DetectionBranches } from "./DetectionBranches.ts"
import { PatternsBucket } from "./KvPatterns.ts"
import { parseReferences, ReferenceKey, referencesSource, referencesVersion, rowsOf } from "./KvReferences.ts"
import { seedAndWatch } from "./KvWatch.ts"
import { notConfiguredBranch } from "./ModelBranch.ts"
import { semanticBranch, shippedIfLoaded, shippedSemanticIndex } from "./SemanticBranch.ts"

const overlayBranch = (index: SemanticIndex, set: ReferenceSet, revision: number): Branch =>
  semanticBranch(withReferences(index, set.rows), `reference ${referencesVersion(set, revision)} (${rowsOf(set)})`)

/**
 * Branch B over the shipped index plus a reference set. A process that has the shipped index loaded (a
 * detection worker) builds the overlay at once, so no request waits for it; any other process only
 * registers how to build it, and pays nothing unless it runs detection.
 */
export const referenceBranch = (set: ReferenceSet, revision: number): Effect.Effect<Branch> =>
  Effect.flatMap(shippedIfLoaded, (loaded) => {
    if (loaded !== undefined) return Effect.sync(() => overlayBranch(loaded, set, revision))
    const build = Effect.map(shippedSemanticIndex, ({ path, index }) =>
      index === undefined ? notConfiguredBranch("semantic", `no artifact at ${path}`) : overlayBranch(index, set, revision))
    return Effect.map(Effect.cached(build), (built): Branch => ({
      name: "semantic",
      warm: Effect.asVoid(built),
      run: (request) => Effect.flatMap(built, (b) => b.run(request))
    }))
  })

/**
 * Applies one revision of `vigil-patterns/reference`: a valid set replaces branch B with the overlay, a bad
 * one is refused (logged with the reasons) and the last good one stays, a deletion goes back to the
 * shipped index alone. Revisions at or below the last one seen are skipped.
 */
export const makeReferenceApplier = (registry: DetectionBranches["Service"], shipped: Effect.Effect<Branch>) => {
  let seen = 0
  let inForce = "none"
  return Effect.fnUntraced(function*(entry: KvEntry) {
    if (entry.revision <= seen) return
    seen = entry.revision
    if (entry.operation !== "PUT") {
      yield* registry.register(yield* shipped)
      yield* Effect.logInfo(`reference set ${PatternsBucket}/${ReferenceKey} deleted (rev ${entry.revision}): branch B uses the shipped index alone (was ${inForce})`)
      inForce = "none"
      return
    }
    const parsed = parseReferences(entry.string(), referencesSource(entry.revision))
    if (Result.isFailure(parsed)) {
      return yield* Effect.logError(`refused reference set ${parsed.failure.source}: ${parsed.failure.message}; keeping ${inForce}`)
    }
    const started = performance.now()
    yield* registry.register(yield* referenceBranch(parsed.success, entry.revision))
    const previous = inForce
    inForce = referencesVersion(parsed.success, entry.revision)
    yield* Effect.logInfo(
      `reference set ${inForce} in force (${rowsOf(parsed.success)}, ${(performance.now() - started).toFixed(0)} ms; was ${previous})`
    )
  })
}

/** Seeds branch B's reference set from KV before the first message, then watches; a watch that ends is reopened. */
export const ReferenceWatchLive = (shipped: Effect.Effect<Branch>) =>
  Layer.effectDiscard(Effect.gen(function*() {
    const registry = yield* DetectionBranches
    yield* seedAndWatch(PatternsBucket, ReferenceKey, makeReferenceApplier(registry, shipped))
  }).pipe(Effect.annotateLogs({ service: "reference-watch" })))
