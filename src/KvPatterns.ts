import { Effect, Result, Schema } from "effect"
import { defaultLibrary } from "../domain/HeuristicPatterns.ts"
import { type HeuristicPattern, PatternLibrary, parseUserLibrary } from "../domain/PatternLibrary.ts"
import { kvAttempt, openBucket, writeIfUnchanged } from "./KvConfig.ts"

/**
 * Branch A's pattern library in KV (`vigil-patterns/heuristics`, the shape of infra/patterns/default.json).
 * When present it replaces the built-in library as a whole; it is compiled with the linear-time engine
 * (RE2), so a pattern written in a hurry cannot stall a worker with catastrophic backtracking.
 */
export const PatternsBucket = "vigil-patterns"
export const PatternsKey = "heuristics"

export class PatternsRejected extends Schema.TaggedError<PatternsRejected>()("PatternsRejected", {
  source: Schema.String,
  message: Schema.String
}) {}

export interface LoadedLibrary {
  readonly library: PatternLibrary
  readonly compiled: ReadonlyArray<HeuristicPattern>
  /** KV revision, or undefined for the built-in library. */
  readonly revision: number | undefined
}

const decode = Schema.decodeUnknownResult(PatternLibrary)
export const encodeLibrary = Schema.encodeSync(PatternLibrary)

/** Validates a whole library: JSON, shape, and every pattern compiling as RE2 (each bad one named). */
export const parseLibrary = (text: string, source: string): Result.Result<{ library: PatternLibrary; compiled: ReadonlyArray<HeuristicPattern> }, PatternsRejected> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return Result.fail(new PatternsRejected({ source, message: `not JSON: ${(e as Error).message}` }))
  }
  const library = decode(json)
  if (Result.isFailure(library)) return Result.fail(new PatternsRejected({ source, message: library.failure.message }))
  const compiled = parseUserLibrary(json)
  if (Result.isFailure(compiled)) {
    return Result.fail(new PatternsRejected({ source, message: compiled.failure.map((e) => e.message).join("; ") }))
  }
  return Result.succeed({ library: library.success, compiled: compiled.success })
}

export const librarySource = (revision: number) => `${PatternsBucket}/${PatternsKey} rev ${revision}`
export const libraryVersion = (l: LoadedLibrary) =>
  l.revision === undefined ? `${l.library.version} (built-in)` : `${l.library.version}@r${l.revision}`

const builtin = (): LoadedLibrary => {
  const compiled = parseUserLibrary(encodeLibrary(defaultLibrary))
  return { library: defaultLibrary, compiled: Result.getOrElse(compiled, () => []), revision: undefined }
}

/** The library workers use: the newest KV revision that validates, else the built-in one. */
export const currentLibrary = Effect.gen(function*() {
  const kv = yield* openBucket(PatternsBucket)
  const entry = yield* kvAttempt(PatternsBucket, () => kv.get(PatternsKey))
  if (entry === null || entry.operation !== "PUT") return { loaded: builtin(), latestRevision: entry?.revision }
  const parsed = parseLibrary(entry.string(), librarySource(entry.revision))
  if (Result.isFailure(parsed)) return yield* parsed.failure
  return { loaded: { ...parsed.success, revision: entry.revision }, latestRevision: entry.revision }
})

/** Validates and stores a library, only if nobody wrote since `expected` (undefined: the key must be new). */
export const writeLibrary = (library: PatternLibrary, expected: number | undefined) =>
  Effect.gen(function*() {
    const text = JSON.stringify(encodeLibrary(library), null, 2)
    const parsed = parseLibrary(text, "candidate")
    if (Result.isFailure(parsed)) return yield* parsed.failure
    const kv = yield* openBucket(PatternsBucket)
    return yield* writeIfUnchanged(kv, PatternsBucket, PatternsKey, text, expected)
  })
