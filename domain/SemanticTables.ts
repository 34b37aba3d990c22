import type { SemanticIndex } from "./Semantic.ts"

/**
 * A SemanticIndex laid out for queries. IDF is dense over the whole hash space (features never stored get
 * the unseen value) as a byte code into a palette of the index's distinct IDF values (quantised IDF has at
 * most 256), packed with a byte counter for the query into one 16-bit cell: a query's term lookups then
 * touch 2 bytes × 2^bits (2 MiB) instead of a Map, and count and IDF share a cache line. Every posting
 * list sits in one pair of flat arrays, feature f's list at [start[f], start[f + 1]). Built once per
 * index: 6 bytes × 2^bits, plus the postings and room for one query's touched documents.
 *
 * A posting is 3 bytes, not 8: a 16-bit document number and a byte code into the palette of posting
 * weights (the build quantises them to k/255, so there are at most 256). A query reads its postings from
 * memory the other stages have just evicted from the cache, and a third of the bytes is a third of the
 * misses. The palette holds the same float32 values the lists hold, so every sum is unchanged. An index
 * with more documents or distinct weights than that keeps 32-bit numbers and float weights.
 */
export interface SemanticTables {
  /** Palette code << 8 | query count; undefined when the index has over 256 distinct IDF values (the Map serves). */
  readonly packed: Uint16Array | undefined
  readonly palette: Float64Array
  readonly start: Uint32Array
  /** Compact postings: document numbers and weight codes into `weightPalette`; undefined when they do not fit. */
  readonly compact: { readonly docs: Uint16Array; readonly codes: Uint8Array; readonly weightPalette: Float32Array } | undefined
  /** Wide postings, used when `compact` is undefined (empty otherwise). */
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
  const compact = compactPostings(index, start, total)
  const docs = new Uint32Array(compact === undefined ? total : 0)
  const weights = new Float32Array(compact === undefined ? total : 0)
  if (compact === undefined) {
    for (const [f, list] of index.postings) {
      docs.set(list.docs, start[f]!)
      weights.set(list.weights, start[f]!)
    }
  }
  let longest = 0
  for (const list of index.postings.values()) longest = Math.max(longest, list.docs.length)
  const touched = new Uint32Array(Math.min(total, MAX_QUERY_FEATURES * longest))
  return { packed, palette, start, compact, docs, weights, sims: new Float32Array(index.labels.length), touched }
}

const compactPostings = (index: SemanticIndex, start: Uint32Array, total: number): SemanticTables["compact"] => {
  if (index.labels.length > 65536) return undefined
  const distinct = new Set<number>()
  for (const list of index.postings.values()) {
    for (const w of list.weights) distinct.add(w)
    if (distinct.size > 256) return undefined
  }
  const weightPalette = Float32Array.from([...distinct].sort((a, b) => a - b))
  const code = new Map(Array.from(weightPalette, (w, i) => [w, i] as const))
  const docs = new Uint16Array(total)
  const codes = new Uint8Array(total)
  for (const [f, list] of index.postings) {
    docs.set(list.docs, start[f]!)
    codes.set(Array.from(list.weights, (w) => code.get(w)!), start[f]!)
  }
  return { docs, codes, weightPalette }
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

/** Tables made some other way (SemanticTablesExtend.ts) for an index that has none yet. */
export const adoptTables = (index: SemanticIndex, tables: SemanticTables): SemanticIndex => {
  if (!built.has(index)) built.set(index, tables)
  return index
}
