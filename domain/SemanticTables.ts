import type { SemanticIndex } from "./Semantic.ts"

/**
 * A SemanticIndex laid out for queries: IDF dense over the whole hash space (features never stored get
 * the unseen value), each beside a term counter for the query ([idf0, n0, idf1, n1, …]: one cache line
 * serves both), and every posting list in one pair of flat arrays, feature f's list at
 * [start[f], start[f + 1]). A query then costs a few array reads per feature instead of Map lookups and
 * pointer chases. Built once per index: 12 bytes × 2^bits, plus the postings.
 */
export interface SemanticTables {
  /** Undefined when an IDF value is not exact as a float (quantised ones always are): then the Map serves. */
  readonly paired: Float32Array | undefined
  readonly start: Uint32Array
  readonly docs: Uint32Array
  readonly weights: Float32Array
  /** One similarity accumulator per document, all zero between queries. */
  readonly sims: Float32Array
}

const built = new WeakMap<SemanticIndex, SemanticTables>()

export const compileTables = (index: SemanticIndex): SemanticTables => {
  const size = 2 ** index.spec.bits
  const exact = (x: number) => Math.fround(x) === x
  const paired: Float32Array | undefined = exact(index.unseenIdf) && [...index.idf.values()].every(exact) ? new Float32Array(2 * size) : undefined
  if (paired !== undefined) {
    for (let f = 0; f < size; f++) paired[2 * f] = index.unseenIdf
    for (const [f, v] of index.idf) paired[2 * f] = v
  }
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
  return { paired, start, docs, weights, sims: new Float32Array(index.labels.length) }
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
