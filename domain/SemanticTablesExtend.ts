import type { SemanticIndex } from "./Semantic.ts"
import { MAX_QUERY_FEATURES, type SemanticTables } from "./SemanticTables.ts"

export interface AddedPostings {
  readonly docs: ReadonlyArray<number>
  readonly weights: ReadonlyArray<number>
}

/**
 * The tables of `index`, which is the base's index with `added` postings appended to its features' lists
 * (SemanticOverlay.ts), made from the base's tables instead of from the index's Maps: an operator's change
 * then costs a pass over flat arrays (milliseconds), not a compile of the whole index (a third of a
 * second) inside a worker that is serving. The IDF is the base's, so the IDF cells are shared: a query
 * leaves its counters at zero, and queries do not interleave. Lists keep the order compileTables gives
 * (the base's documents, then the added ones), so queries add the same floats in the same order.
 */
export const extendTables = (base: SemanticTables, index: SemanticIndex, added: ReadonlyMap<number, AddedPostings>): SemanticTables => {
  const size = base.start.length - 1
  const extra = new Uint32Array(size)
  let more = 0
  for (const [f, list] of added) {
    extra[f] = list.docs.length
    more += list.docs.length
  }
  const start = new Uint32Array(size + 1)
  for (let f = 0; f < size; f++) start[f + 1] = start[f]! + (base.start[f + 1]! - base.start[f]!) + extra[f]!
  const total = start[size]!
  const compact = extendCompact(base, index, added, start, total)
  const wide = compact === undefined
  const docs = new Uint32Array(wide ? total : 0)
  const weights = new Float32Array(wide ? total : 0)
  if (wide) {
    for (let f = 0; f < size; f++) {
      let at = start[f]!
      for (let j = base.start[f]!; j < base.start[f + 1]!; j++, at++) {
        docs[at] = base.compact !== undefined ? base.compact.docs[j]! : base.docs[j]!
        weights[at] = base.compact !== undefined ? base.compact.weightPalette[base.compact.codes[j]!]! : base.weights[j]!
      }
      const list = extra[f]! > 0 ? added.get(f)! : undefined
      if (list !== undefined) for (let k = 0; k < list.docs.length; k++, at++) (docs[at] = list.docs[k]!, weights[at] = list.weights[k]!)
    }
  }
  let longest = 0
  for (let f = 0; f < size; f++) longest = Math.max(longest, start[f + 1]! - start[f]!)
  const touched = new Uint32Array(Math.min(total, MAX_QUERY_FEATURES * longest))
  return { packed: base.packed, palette: base.palette, start, compact, docs, weights, sims: new Float32Array(index.labels.length), touched }
}

// The compact form when the base has one and the added documents and weights still fit: new weight values
// are appended to the palette, so the base's codes stay valid.
const extendCompact = (
  base: SemanticTables,
  index: SemanticIndex,
  added: ReadonlyMap<number, AddedPostings>,
  start: Uint32Array,
  total: number
): SemanticTables["compact"] => {
  const b = base.compact
  if (b === undefined || index.labels.length > 65536) return undefined
  const palette = Array.from(b.weightPalette)
  const code = new Map(palette.map((w, i) => [w, i] as const))
  for (const list of added.values()) {
    for (const w of list.weights) {
      const w32 = Math.fround(w)
      if (!code.has(w32)) code.set(w32, palette.push(w32) - 1)
    }
    if (palette.length > 256) return undefined
  }
  const docs = new Uint16Array(total)
  const codes = new Uint8Array(total)
  const size = start.length - 1
  for (let f = 0; f < size; f++) {
    let at = start[f]!
    for (let j = base.start[f]!; j < base.start[f + 1]!; j++, at++) (docs[at] = b.docs[j]!, codes[at] = b.codes[j]!)
    const list = start[f + 1]! - at > 0 ? added.get(f)! : undefined
    if (list !== undefined) for (let k = 0; k < list.docs.length; k++, at++) (docs[at] = list.docs[k]!, codes[at] = code.get(Math.fround(list.weights[k]!))!)
  }
  return { docs, codes, weightPalette: Float32Array.from(palette) }
}
