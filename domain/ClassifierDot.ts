import { dotDense, featurizeFast, type FeatureSpec, sublinear } from "./Features.ts"
import { hashInto, termBound } from "./FeaturesHash.ts"
import { foldedView } from "./FeaturesView.ts"

/**
 * dotDense(featurizeFast(text, spec), weights) in one pass over the hashed occurrences, with the same
 * arithmetic in the same order, so the same double comes out. A 1 KiB prompt has ~2,700 distinct
 * features, each a random read in a 1 MiB weight vector and another in a 1 MiB counter array; with
 * the counter stored next to its weight ([w0, n0, w1, n1, …]) one cache line serves both.
 * Weights are never changed in place once a model is made, so the pairing is built once per vector.
 */
const paired = new WeakMap<Float32Array, Float32Array>()
const pairedFor = (weights: Float32Array): Float32Array => {
  let p = paired.get(weights)
  if (p === undefined) {
    p = new Float32Array(weights.length * 2)
    for (let i = 0; i < weights.length; i++) p[2 * i] = weights[i]!
    paired.set(weights, p)
  }
  return p
}

let terms = new Uint32Array(16384)
let order = new Uint32Array(16384)
let values = new Float32Array(16384)

export const weightedSum = (text: string, spec: FeatureSpec, weights: Float32Array): number => {
  const p = pairedFor(weights)
  const v = foldedView(text)
  const bound = termBound(v, spec)
  if (terms.length < bound) {
    terms = new Uint32Array(bound * 2)
    order = new Uint32Array(bound * 2)
    values = new Float32Array(bound * 2)
  }
  const k = hashInto(v, spec, terms)
  // A float counter is exact up to 2^24 occurrences; a text that long takes the plain path.
  if (k >= 1 << 24) return dotDense(featurizeFast(text, spec), weights)
  let u = 0
  for (let i = 0; i < k; i++) {
    const t = terms[i]!
    const c = p[2 * t + 1]!
    p[2 * t + 1] = c + 1
    if (c === 0) order[u++] = t
  }
  // As weigh: 1 + ln tf stored as a float, the norm summed over the unrounded values.
  let norm = 0
  for (let i = 0; i < u; i++) {
    const x = sublinear(p[2 * order[i]! + 1]!)
    values[i] = x
    norm += x * x
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  let sum = 0
  for (let i = 0; i < u; i++) {
    const t = order[i]!
    sum += Math.fround(values[i]! * scale) * p[2 * t]!
    p[2 * t + 1] = 0
  }
  return sum
}
