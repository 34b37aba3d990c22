import { foldText, wordsOf } from "./FeaturesText.ts"

/**
 * Hashed n-gram features ("the hashing trick"): no vocabulary to ship, a fixed-size index space, and the
 * same function at training and at query time. Feature families hash with different seeds so a word and
 * a character n-gram that happen to spell alike stay apart.
 */
export interface FeatureSpec {
  /** Index space is 2^bits. */
  readonly bits: number
  /** Character n-grams of the folded text, lengths charMin..charMax (0 disables them). */
  readonly charMin: number
  readonly charMax: number
  readonly words: boolean
  readonly wordBigrams: boolean
  /** Word prefixes of this length as crude stems (Polish inflection); 0 disables them. */
  readonly prefix: number
  /** false: all-digit words give no word features (for neighbours, "69" is not a topic). */
  readonly numbers?: boolean
}

/** Sorted unique indices with their values. */
export interface Sparse {
  readonly indices: Uint32Array
  readonly values: Float32Array
}

const FNV_PRIME = 16777619
const SEED_CHAR = 0x811c9dc5
const SEED_WORD = 0x01000193
const SEED_PREFIX = 0x2545f491

const DIGITS = /^[0-9]+$/

const fnv = (seed: number, s: string, from = 0, to = s.length): number => {
  let h = seed
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h
}
// FNV's low bits are weak for short keys; a final avalanche spreads them before masking.
const mix = (h: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Raw term counts: every hashed feature of the text with how often it occurs. */
export const termCounts = (text: string, spec: FeatureSpec): Sparse => {
  const folded = foldText(text)
  const mask = (1 << spec.bits) - 1
  const padded = ` ${folded} `
  const all = spec.words || spec.wordBigrams || spec.prefix > 0 ? wordsOf(folded) : []
  const words = spec.numbers === false ? all.filter((w) => !DIGITS.test(w)) : all
  const perChar = spec.charMax > 0 ? spec.charMax - spec.charMin + 1 : 0
  // One typed buffer and a native numeric sort: a JS array of hashes and a Map cost several times more.
  const out = new Uint32Array(padded.length * perChar + words.length * 3)
  let k = 0
  if (perChar > 0) {
    for (let i = 0; i < padded.length; i++) {
      let h = SEED_CHAR
      for (let n = 1; n <= spec.charMax && i + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME)
        if (n >= spec.charMin) out[k++] = mix(h + n) & mask
      }
    }
  }
  let previous = 0
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const hw = fnv(SEED_WORD, w)
    if (spec.words) out[k++] = mix(hw) & mask
    if (spec.wordBigrams && i > 0) out[k++] = mix(Math.imul(previous, 31) ^ hw ^ 0x5bd1e995) & mask
    if (spec.prefix > 0 && w.length > spec.prefix) out[k++] = mix(fnv(SEED_PREFIX, w, 0, spec.prefix)) & mask
    previous = hw
  }
  const sorted = out.subarray(0, k).sort()
  const indices = new Uint32Array(k)
  const values = new Float32Array(k)
  let u = -1
  for (let i = 0; i < k; i++) {
    const idx = sorted[i]!
    if (u >= 0 && indices[u] === idx) values[u]! += 1
    else {
      indices[++u] = idx
      values[u] = 1
    }
  }
  return { indices: indices.slice(0, u + 1), values: values.slice(0, u + 1) }
}

/** Sublinear term frequency (1 + ln tf), times an optional per-index weight such as IDF, L2-normalised. */
export const weigh = (counts: Sparse, idf?: (index: number) => number): Sparse => {
  const values = new Float32Array(counts.values.length)
  let norm = 0
  for (let i = 0; i < values.length; i++) {
    const v = (1 + Math.log(counts.values[i]!)) * (idf === undefined ? 1 : idf(counts.indices[i]!))
    values[i] = v
    norm += v * v
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  for (let i = 0; i < values.length; i++) values[i]! *= scale
  return { indices: counts.indices, values }
}

export const featurize = (text: string, spec: FeatureSpec): Sparse => weigh(termCounts(text, spec))

export const dotDense = (x: Sparse, weights: Float32Array): number => {
  let sum = 0
  for (let i = 0; i < x.indices.length; i++) sum += x.values[i]! * (weights[x.indices[i]!] ?? 0)
  return sum
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

/** A probability as a 0–100 score with two decimals, the scale every branch reports on. */
export const toScore = (p: number): number => Math.round(Math.min(1, Math.max(0, p)) * 10000) / 100
