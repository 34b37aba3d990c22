import type { SemanticIndex } from "./Semantic.ts"

/**
 * A SemanticIndex laid out for queries: IDF as a dense vector over the whole hash space (the features
 * never stored get the unseen value; doubles, so any index's values come out unchanged), and every posting list in one pair of flat arrays, feature f's
 * list at [start[f], start[f + 1]). A query then costs a few array reads per feature instead of a Map
 * lookup and a pointer chase. Built once per index (12 bytes × 2^bits, plus the postings).
 */
export interface SemanticTables {
  readonly idf: Float64Array
  readonly start: Uint32Array
  readonly docs: Uint32Array
  readonly weights: Float32Array
  /** One similarity accumulator per document, all zero between queries. */
  readonly sims: Float32Array
}

const built = new WeakMap<SemanticIndex, SemanticTables>()

export const compileTables = (index: SemanticIndex): SemanticTables => {
  const size = 2 ** index.spec.bits
  const idf = new Float64Array(size).fill(index.unseenIdf)
  for (const [f, v] of index.idf) idf[f] = v
  const start = new Uint32Array(size + 1)
  let total = 0
  for (const [f, list] of index.postings) {
    start[f + 1] = list.docs.length
    total += list.docs.length
  }
  for (let f = 0; f < size; f++) start[f + 1]! += start[f]!
  const docs = new Uint32Array(total)
  const weights = new Float32Array(total)
  for (const [f, list] of index.postings) {
    docs.set(list.docs, start[f]!)
    weights.set(list.weights, start[f]!)
  }
  return { idf, start, docs, weights, sims: new Float32Array(index.labels.length) }
}

/** The query tables of an index, built on first use; an index is never changed once made. */
export const tablesOf = (index: SemanticIndex): SemanticTables => {
  let t = built.get(index)
  if (t === undefined) {
    t = compileTables(index)
    built.set(index, t)
  }
  return t
}
