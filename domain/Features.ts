import { countTextTerms, type FeatureSpec, hashTerms, type Sparse } from "./FeaturesHash.ts"

export type { FeatureSpec, Sparse } from "./FeaturesHash.ts"

/** Raw term counts, indices sorted: the training and evaluation form (its sums run in index order). */
export const termCounts = (text: string, spec: FeatureSpec): Sparse => {
  const sorted = hashTerms(text, spec).sort()
  const indices = new Uint32Array(sorted.length)
  const values = new Float32Array(sorted.length)
  let u = -1
  for (let i = 0; i < sorted.length; i++) {
    const idx = sorted[i]!
    if (u >= 0 && indices[u] === idx) values[u]! += 1
    else {
      indices[++u] = idx
      values[u] = 1
    }
  }
  return { indices: indices.slice(0, u + 1), values: values.slice(0, u + 1) }
}

/**
 * The same counts in first-occurrence order, without the sort: the per-request scoring path. Sums over
 * it run in another order than over termCounts, so scores can differ in the last float bits (tested).
 */
export const termCountsFast = (text: string, spec: FeatureSpec): Sparse => countTextTerms(text, spec)

// 1 + ln tf for the counts nearly every feature has: the same doubles as Math.log gives, without the call.
const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => 1 + Math.log(c))
export const sublinear = (count: number): number => (count < 256 ? SUBLINEAR[count]! : 1 + Math.log(count))

/** Sublinear term frequency (1 + ln tf), times an optional per-index weight such as IDF, L2-normalised. */
export const weigh = (counts: Sparse, idf?: (index: number) => number): Sparse => {
  const values = new Float32Array(counts.values.length)
  let norm = 0
  for (let i = 0; i < values.length; i++) {
    const v = sublinear(counts.values[i]!) * (idf === undefined ? 1 : idf(counts.indices[i]!))
    values[i] = v
    norm += v * v
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < values.length; i++) values[i]! *= scale
  return { indices: counts.indices, values }
}

export const featurize = (text: string, spec: FeatureSpec): Sparse => weigh(termCounts(text, spec))
export const featurizeFast = (text: string, spec: FeatureSpec): Sparse => weigh(termCountsFast(text, spec))

export const dotDense = (x: Sparse, weights: Float32Array): number => {
  let sum = 0
  for (let i = 0; i < x.indices.length; i++) sum += x.values[i]! * (weights[x.indices[i]!] ?? 0)
  return sum
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

/** A probability as a 0–100 score with two decimals, the scale every branch reports on. */
export const toScore = (p: number): number => Math.round(Math.min(1, Math.max(0, p)) * 10000) / 100
