import type { KvEntry } from "@nats-io/kv"
import { Effect, Layer, Result } from "effect"
import { analyze } from "../domain/Heuristics.ts"
import { type Branch, DetectionBranches } from "./DetectionBranches.ts"
import { type LoadedLibrary, librarySource, libraryVersion, parseLibrary, PatternsBucket, PatternsKey } from "./KvPatterns.ts"
import { seedAndWatch } from "./KvWatch.ts"

/**
 * Branch A on a KV library. The library's version goes into the branch's evidence: the detection worker
 * may run in another process than the arbiter, so the envelope is where its version can travel to the
 * decision log.
 */
export const heuristicsOn = (loaded: LoadedLibrary): Branch => {
  const tag = `patterns ${libraryVersion(loaded)}`
  return {
    name: "heuristics",
    run: (request) =>
      Effect.sync(() => {
        const result = analyze(request.text, loaded.compiled)
        return { ...result, evidence: [...result.evidence, tag] }
      })
  }
}

/** Valid revisions replace the heuristics branch; a bad one is refused and logged, the last good one stays. */
export const makePatternApplier = (registry: DetectionBranches["Service"]) => {
  let seen = 0
  let inForce = "built-in"
  return Effect.fnUntraced(function*(entry: KvEntry) {
    if (entry.revision <= seen) return
    seen = entry.revision
    if (entry.operation !== "PUT") {
      return yield* Effect.logWarning(`patterns ${PatternsBucket}/${PatternsKey} deleted (rev ${entry.revision}); keeping ${inForce}`)
    }
    const parsed = parseLibrary(entry.string(), librarySource(entry.revision))
    if (Result.isFailure(parsed)) {
      return yield* Effect.logError(`refused patterns ${parsed.failure.source}: ${parsed.failure.message}; keeping ${inForce}`)
    }
    const loaded = { ...parsed.success, revision: entry.revision }
    yield* registry.register(heuristicsOn(loaded))
    const previous = inForce
    inForce = libraryVersion(loaded)
    yield* Effect.logInfo(`patterns ${inForce} in force (${loaded.compiled.length} patterns; was ${previous})`)
  })
}

/** Seeds branch A from KV before the first message, then watches; a watch that ends is reopened. */
export const PatternWatchLive = Layer.effectDiscard(Effect.gen(function*() {
  const registry = yield* DetectionBranches
  yield* seedAndWatch(PatternsBucket, PatternsKey, makePatternApplier(registry))
}).pipe(Effect.annotateLogs({ service: "pattern-watch" })))
