import type { SemanticIndex } from "./Semantic.ts"

/**
 * A SemanticIndex laid out for queries. IDF is dense over the whole hash space (features never stored get
 * the unseen value) as a byte code into a palette of the index's distinct IDF values (quantised IDF has at
 * most 256), packed with a byte counter for the query into one 16-bit cell: a query's term lookups then
 * touch 2 bytes × 2^bits (2 MiB) instead of a Map, and count and IDF share a cache line. Every posting
 * list sits in one pair of flat arrays, feature f's list at [start[f], start[f + 1]). Built once per
 * index: 6 bytes × 2^bits, plus the postings and room for one query's touched documents.
 */
export interface SemanticTables {
  /** Palette code << 8 | query count; undefined when the index has over 256 distinct IDF values (the Map serves). */
  readonly packed: Uint16Array | undefined
  readonly palette: Float64Array
  readonly start: Uint32Array
  readonly docs: Uint32Array
  readonly weights: Float32Array
  /** One similarity accumulator per document, all zero between queries. */
  readonly sims: Float32Array
  /** The documents a query touched, in order: room for MAX_QUERY_FEATURES of the longest lists. */
  readonly touched: Uint32Array
}

/**
 * Only the query's strongest features are looked up, as the documents keep only theirs: the cost of a
 * query is then bounded whatever the prompt's length, and the weak features of a long prompt add little
 * to a cosine but touch thousands of documents each.
 */
export const MAX_QUERY_FEATURES = 48

const built = new WeakMap<SemanticIndex, SemanticTables>()

export const compileTables = (index: SemanticIndex): SemanticTables => {
  const size = 2 ** index.spec.bits
  const distinct = [...new Set([index.unseenIdf, ...index.idf.values()])]
  const palette = Float64Array.from(distinct.length <= 256 ? distinct : [])
  let packed: Uint16Array | undefined = undefined
  if (distinct.length <= 256) {
    const code = new Map(distinct.map((v, i) => [v, i << 8]))
    packed = new Uint16Array(size).fill(code.get(index.unseenIdf)!)
    for (const [f, v] of index.idf) packed[f] = code.get(v)!
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
  let longest = 0
  for (const list of index.postings.values()) longest = Math.max(longest, list.docs.length)
  const touched = new Uint32Array(Math.min(total, MAX_QUERY_FEATURES * longest))
  return { packed, palette, start, docs, weights, sims: new Float32Array(index.labels.length), touched }
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
