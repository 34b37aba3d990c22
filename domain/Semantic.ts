import { type FeatureSpec, sigmoid, toScore } from "./Features.ts"
import { queryVector, strongestCut } from "./SemanticQuery.ts"
import { type SemanticTables, tablesOf } from "./SemanticTables.ts"

export { MAX_QUERY_FEATURES } from "./SemanticTables.ts"

/**
 * Branch B: nearest neighbours among known attacks and known-safe prompts, by cosine similarity of
 * TF-IDF-weighted hashed word features. A prompt close to a known attack but closer to a known-safe one
 * scores low: the calibration weighs both similarities (fitted by SemanticBuild.ts).
 */
export interface SemanticIndex {
  readonly spec: FeatureSpec
  readonly idf: ReadonlyMap<number, number>
  /** IDF of a feature the reference set never had often enough to store. */
  readonly unseenIdf: number
  readonly postings: ReadonlyMap<number, { readonly docs: Uint32Array; readonly weights: Float32Array }>
  /** 1 = known attack, 0 = known safe. */
  readonly labels: Uint8Array
  readonly categories: ReadonlyArray<string>
  readonly categoryOf: Uint16Array
  readonly sourceOf: Uint16Array
  /**
   * Weights for [best attack sim, best safe sim, mean of top 3 attack sims, mean of top 3 safe sims, and the
   * two margins attack − safe], then the bias, which is fixed low: with no neighbour at all the branch has
   * no evidence and must not flag.
   */
  readonly calibration: ReadonlyArray<number>
  /** Documents an operator added (SemanticOverlay.ts), by number: named in the evidence when nearest. */
  readonly docNames?: ReadonlyMap<number, string>
}

export interface Neighbours {
  /** Similarities in [0, 1], best first (up to 3 of each label). */
  readonly attack: ReadonlyArray<number>
  readonly safe: ReadonlyArray<number>
  readonly nearestAttack: number | undefined
  readonly nearestSafe: number | undefined
  /** Distinct features of the query: a one-word prompt matches anything that has that word. */
  readonly queryFeatures: number
}

const K = 3
const insertTop = (top: Array<number>, ids: Array<number>, sim: number, id: number) => {
  if (top.length === K && sim <= top[K - 1]!) return
  let i = top.length < K ? top.length : K - 1
  while (i > 0 && top[i - 1]! < sim) {
    top[i] = top[i - 1]!
    ids[i] = ids[i - 1]!
    i--
  }
  top[i] = sim
  ids[i] = id
}

/** `excludeSource` leaves one source's documents out, for calibrating on prompts from unseen sources. */
export const neighbours = (index: SemanticIndex, text: string, excludeSource = -1): Neighbours => {
  const t = tablesOf(index)
  const q = queryVector(index, text)
  const { cut, ties } = strongestCut(q.values)
  const n = accumulate(q.indices, q.values, cut, ties, t)
  return nearest(index, t, n, excludeSource, q.indices.length)
}

// The loops of a query in functions of their own, free of allocation (measured faster than inline).
// Adds the looked-up features' postings into the accumulators; returns how many documents it touched.
const accumulate = (indices: Uint32Array, values: Float32Array, cut: number, ties: number, t: SemanticTables): number => {
  if (t.compact !== undefined) return accumulateCompact(indices, values, cut, ties, t, t.compact)
  const { start, docs, weights, sims, touched } = t
  let n = 0
  for (let i = 0; i < values.length; i++) {
    const qv = values[i]!
    if (qv < cut || (qv === cut && ties-- <= 0)) continue
    const f = indices[i]!
    const to = start[f + 1]!
    for (let j = start[f]!; j < to; j++) {
      const d = docs[j]!
      if (sims[d] === 0) touched[n++] = d
      sims[d]! += qv * weights[j]!
    }
  }
  return n
}

// As accumulate, over 3-byte postings: the palette holds the very floats the wide lists would.
const accumulateCompact = (indices: Uint32Array, values: Float32Array, cut: number, ties: number, t: SemanticTables, c: NonNullable<SemanticTables["compact"]>): number => {
  const { start, sims, touched } = t
  const { docs, codes, weightPalette } = c
  let n = 0
  for (let i = 0; i < values.length; i++) {
    const qv = values[i]!
    if (qv < cut || (qv === cut && ties-- <= 0)) continue
    const f = indices[i]!
    const to = start[f + 1]!
    for (let j = start[f]!; j < to; j++) {
      const d = docs[j]!
      if (sims[d] === 0) touched[n++] = d
      sims[d]! += qv * weightPalette[codes[j]!]!
    }
  }
  return n
}

// The best K of each label among the touched documents, the accumulators cleared on the way.
const nearest = (index: SemanticIndex, t: SemanticTables, n: number, excludeSource: number, queryFeatures: number): Neighbours => {
  const { sims, touched } = t
  const attack: Array<number> = [], attackIds: Array<number> = []
  const safe: Array<number> = [], safeIds: Array<number> = []
  for (let k = 0; k < n; k++) {
    const d = touched[k]!
    const s = sims[d]!
    sims[d] = 0
    if (index.sourceOf[d] === excludeSource) continue
    if (index.labels[d] === 1) insertTop(attack, attackIds, s, d)
    else insertTop(safe, safeIds, s, d)
  }
  return { attack, safe, nearestAttack: attackIds[0], nearestSafe: safeIds[0], queryFeatures }
}

const mean = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0) / K

/** Similarities below this many query features are scaled down: too little text to be near anything. */
export const MIN_QUERY_FEATURES = 8

export const calibrationFeatures = (n: Neighbours): Array<number> => {
  const c = Math.min(1, n.queryFeatures / MIN_QUERY_FEATURES)
  const [a1, s1, a3, s3] = [n.attack[0] ?? 0, n.safe[0] ?? 0, mean(n.attack), mean(n.safe)].map((x) => c * Math.min(1, x)) as [number, number, number, number]
  return [a1, s1, a3, s3, Math.max(0, a1 - s1), Math.max(0, a3 - s3)]
}

export const calibrate = (calibration: ReadonlyArray<number>, features: ReadonlyArray<number>): number =>
  sigmoid(features.reduce((z, f, i) => z + f * (calibration[i] ?? 0), calibration[features.length] ?? 0))

export interface SemanticResult {
  readonly score: number
  readonly categories: ReadonlyArray<string>
  readonly evidence: ReadonlyArray<string>
}

const named = (index: SemanticIndex, doc: number | undefined): string => {
  const name = doc === undefined ? undefined : index.docNames?.get(doc)
  return name === undefined ? "" : ` [reference ${name}]`
}

export const semanticScore = (index: SemanticIndex, text: string): SemanticResult => {
  const n = neighbours(index, text)
  const score = toScore(calibrate(index.calibration, calibrationFeatures(n)))
  const category = n.nearestAttack === undefined ? undefined : index.categories[index.categoryOf[n.nearestAttack]!]
  return {
    score,
    // A category is a claim about the prompt: made only when the branch alone would block.
    categories: score >= 70 && category !== undefined ? [category] : [],
    evidence: [
      `nearest attack ${(n.attack[0] ?? 0).toFixed(3)}${category !== undefined ? ` (${category})` : ""}${named(index, n.nearestAttack)}`,
      `nearest safe ${(n.safe[0] ?? 0).toFixed(3)}${named(index, n.nearestSafe)}`
    ]
  }
}
