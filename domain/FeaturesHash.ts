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

/** Unique indices with their values (sorted by index where a function says so). */
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

/** Every hashed feature occurrence of the text, in text order (characters first, then words). */
export const hashTerms = (text: string, spec: FeatureSpec): Uint32Array => {
  const folded = foldText(text)
  const mask = (1 << spec.bits) - 1
  const all = spec.words || spec.wordBigrams || spec.prefix > 0 ? wordsOf(folded) : []
  const words = spec.numbers === false ? all.filter((w) => !DIGITS.test(w)) : all
  const perChar = spec.charMax > 0 ? spec.charMax - spec.charMin + 1 : 0
  const length = perChar > 0 ? folded.length + 2 : 0
  const out = new Uint32Array(length * perChar + words.length * 3)
  let k = 0
  if (perChar > 0) {
    // Char codes in a typed array, padded with a space each side: charCodeAt on a fresh
    // concatenation is several times slower in the inner loop.
    const codes = new Uint16Array(length)
    codes[0] = 32
    codes[length - 1] = 32
    for (let i = 0; i < folded.length; i++) codes[i + 1] = folded.charCodeAt(i)
    for (let i = 0; i < length; i++) {
      let h = SEED_CHAR
      const last = Math.min(spec.charMax, length - i)
      for (let n = 1; n <= last; n++) {
        h = Math.imul(h ^ codes[i + n - 1]!, FNV_PRIME)
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
  return out.subarray(0, k)
}

// One counter per hashed index, zeroed again after each synchronous call: counting this way costs a
// fraction of sorting the occurrences, which matters on the per-request path.
const counters = new Map<number, Uint32Array>()

/** Unique features with their counts, in first-occurrence order: the scoring path (no sort). */
export const countTerms = (terms: Uint32Array, bits: number): Sparse => {
  let counts = counters.get(bits)
  if (counts === undefined) {
    counts = new Uint32Array(1 << bits)
    counters.set(bits, counts)
  }
  const order = new Uint32Array(terms.length)
  let u = 0
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!
    const c = counts[t]!
    counts[t] = c + 1
    if (c === 0) order[u++] = t
  }
  const indices = order.slice(0, u)
  const values = new Float32Array(u)
  for (let i = 0; i < u; i++) {
    values[i] = counts[indices[i]!]!
    counts[indices[i]!] = 0
  }
  return { indices, values }
}
