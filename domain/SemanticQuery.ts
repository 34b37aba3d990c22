import { type Sparse, sublinear, termCountsFast, weigh } from "./Features.ts"
import { hashInto, termBound } from "./FeaturesHash.ts"
import { foldedView } from "./FeaturesView.ts"
import type { SemanticIndex } from "./Semantic.ts"
import { scratch } from "./Scratch.ts"
import { MAX_QUERY_FEATURES, tablesOf } from "./SemanticTables.ts"

export { MAX_QUERY_FEATURES } from "./SemanticTables.ts"

const termBuffer = scratch((n) => new Uint32Array(n), 4096)
const orderBuffer = scratch((n) => new Uint32Array(n), 4096)
const valueBuffer = scratch((n) => new Float32Array(n), 4096)

/**
 * weigh(termCountsFast(text, spec), idf) of a query, the same floats, counted in the index's packed
 * table. The result lives in buffers the next query reuses: read it at once.
 */
export const queryVector = (index: SemanticIndex, text: string): Sparse => {
  const { packed, palette } = tablesOf(index)
  if (packed !== undefined) {
    const v = foldedView(text)
    const bound = termBound(v, index.spec)
    const terms = termBuffer(bound)
    const order = orderBuffer(bound)
    const values = valueBuffer(bound)
    const k = hashInto(v, index.spec, terms)
    const u = countedQuery(terms, k, packed, palette, order, values)
    if (u >= 0) return { indices: order.subarray(0, u), values: values.subarray(0, u) }
    // A byte counter would overflow: clear the counts so far and take the plain path.
    for (let i = 0; i < k; i++) packed[terms[i]!]! &= 0xff00
  }
  return weigh(termCountsFast(text, index.spec), (i) => index.idf.get(i) ?? index.unseenIdf)
}

// The hot loops in a function of their own, free of calls and allocation (measured faster than inline):
// the distinct features into `order`, their weights into `values`; -1 when one occurs 255 times, with
// the counters left for the caller to clear.
const countedQuery = (terms: Uint32Array, k: number, p: Uint16Array, palette: Float64Array, order: Uint32Array, values: Float32Array): number => {
  let u = 0
  for (let i = 0; i < k; i++) {
    const t = terms[i]!
    const x = p[t]!
    if ((x & 255) === 255) return -1
    p[t] = x + 1
    if ((x & 255) === 0) order[u++] = t
  }
  let norm = 0
  for (let i = 0; i < u; i++) {
    const f = order[i]!
    const x = p[f]!
    const w = sublinear(x & 255) * palette[x >> 8]!
    p[f] = x & 0xff00
    values[i] = w
    norm += w * w
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < u; i++) values[i]! *= scale
  return u
}

const cutBuffer = scratch((n) => new Float32Array(n), 1024)

// The k-th smallest of a[0..n) (k from 0), found in place by quickselect: a sort's answer without the sort.
const kthSmallest = (a: Float32Array, n: number, k: number): number => {
  let lo = 0, hi = n - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!
    let i = lo, j = hi
    while (i <= j) {
      while (a[i]! < pivot) i++
      while (a[j]! > pivot) j--
      if (i <= j) {
        const x = a[i]!
        a[i++] = a[j]!
        a[j--] = x
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return a[k]!
  }
  return a[k]!
}

/**
 * The cut-off value of the strongest MAX_QUERY_FEATURES values and how many values equal to it are
 * taken (in text order); -Infinity when all are.
 */
export const strongestCut = (values: Float32Array): { readonly cut: number; readonly ties: number } => {
  const n = values.length
  if (n <= MAX_QUERY_FEATURES) return { cut: -Infinity, ties: 0 }
  const copy = cutBuffer(n)
  copy.set(values)
  const cut = kthSmallest(copy, n, n - MAX_QUERY_FEATURES)
  let above = 0
  for (let i = 0; i < n; i++) if (values[i]! > cut) above++
  return { cut, ties: MAX_QUERY_FEATURES - above }
}

