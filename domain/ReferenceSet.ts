import { Schema } from "effect"

/**
 * Prompts an operator adds to branch B's reference set without retraining: an attack that got through
 * (so that prompts like it are caught from now on) or a harmless prompt that was flagged (so that prompts
 * like it are not). Kept in KV (`vigil-patterns/reference`) and laid over the shipped index.
 */
/** Bounds that keep a set within one KV value (1 MiB by default) and its overlay quick to build. */
export const MAX_REFERENCE_TEXT = 32_768
export const MAX_REFERENCE_ROWS = 5_000

export const ReferenceRow = Schema.Struct({
  /** Named in the branch's evidence when this row is the nearest neighbour. */
  id: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100)),
  label: Schema.Literals(["attack", "safe"]),
  text: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(MAX_REFERENCE_TEXT)),
  /** Reported when an attack row decides the branch; USER_REFERENCE when left out. */
  category: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100)))
})
export type ReferenceRow = typeof ReferenceRow.Type

export const ReferenceSet = Schema.Struct({
  version: Schema.String,
  rows: Schema.Array(ReferenceRow).check(
    Schema.isMaxLength(MAX_REFERENCE_ROWS),
    Schema.makeFilter((rows) => {
      const seen = new Set<string>()
      for (const r of rows) {
        if (seen.has(r.id)) return `row id ${r.id} appears twice`
        seen.add(r.id)
      }
      return true
    })
  )
})
export type ReferenceSet = typeof ReferenceSet.Type

export const emptyReferenceSet: ReferenceSet = { version: "empty", rows: [] }
