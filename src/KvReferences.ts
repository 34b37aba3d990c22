import { Effect, Result, Schema } from "effect"
import { emptyReferenceSet, ReferenceSet } from "../domain/ReferenceSet.ts"
import { kvAttempt, openBucket, writeIfUnchanged } from "./KvConfig.ts"
import { PatternsBucket } from "./KvPatterns.ts"

/**
 * Branch B's operator reference rows in KV (`vigil-patterns/reference`, a ReferenceSet as JSON). Rows are
 * laid over the shipped index by every detection worker; a bad revision is refused and the last good one
 * stays; deleting the key goes back to the shipped index alone.
 */
export const ReferenceKey = "reference"

export class ReferencesRejected extends Schema.TaggedError<ReferencesRejected>()("ReferencesRejected", {
  source: Schema.String,
  message: Schema.String
}) {}

const decode = Schema.decodeUnknownResult(ReferenceSet)

export const parseReferences = (text: string, source: string): Result.Result<ReferenceSet, ReferencesRejected> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return Result.fail(new ReferencesRejected({ source, message: `not JSON: ${(e as Error).message}` }))
  }
  const set = decode(json, { errors: "all", onExcessProperty: "error" })
  return Result.isFailure(set) ? Result.fail(new ReferencesRejected({ source, message: set.failure.message })) : Result.succeed(set.success)
}

export const referencesSource = (revision: number) => `${PatternsBucket}/${ReferenceKey} rev ${revision}`
export const referencesVersion = (set: ReferenceSet, revision: number | undefined) =>
  revision === undefined ? "none" : `${set.version}@r${revision}`

export const rowsOf = (set: ReferenceSet) => `${set.rows.length} ${set.rows.length === 1 ? "row" : "rows"}`

/** The set in force: the newest KV revision that validates, else an empty one. */
export const currentReferences = Effect.gen(function*() {
  const kv = yield* openBucket(PatternsBucket)
  const entry = yield* kvAttempt(PatternsBucket, () => kv.get(ReferenceKey))
  if (entry === null || entry.operation !== "PUT") return { set: emptyReferenceSet, revision: undefined, latestRevision: entry?.revision }
  const parsed = parseReferences(entry.string(), referencesSource(entry.revision))
  if (Result.isFailure(parsed)) return yield* parsed.failure
  return { set: parsed.success, revision: entry.revision as number | undefined, latestRevision: entry.revision as number | undefined }
})

/** Validates and stores a set, only if nobody wrote since `expected` (undefined: the key must be new or deleted). */
export const writeReferences = (set: ReferenceSet, expected: number | undefined) =>
  Effect.gen(function*() {
    const text = JSON.stringify(set)
    const parsed = parseReferences(text, "candidate")
    if (Result.isFailure(parsed)) return yield* parsed.failure
    const kv = yield* openBucket(PatternsBucket)
    return yield* writeIfUnchanged(kv, PatternsBucket, ReferenceKey, text, expected)
  })
