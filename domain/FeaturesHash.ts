import { foldedView, type FoldedView } from "./FeaturesView.ts"
import { scratch } from "./Scratch.ts"

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

const fnv = (seed: number, codes: Uint16Array, from: number, to: number): number => {
  let h = seed
  for (let i = from; i < to; i++) h = Math.imul(h ^ codes[i]!, FNV_PRIME)
  return h
}
// FNV's low bits are weak for short keys; a final avalanche spreads them before masking.
const mix = (h: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}
// mix(h) & mask for a mask below 2^31, without the unsigned step.
const mixMasked = (h: number, mask: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) & mask
}

const isDigits = (codes: Uint16Array, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (codes[i]! < 48 || codes[i]! > 57) return false
  return true
}

/** Upper bound on the number of terms hashInto writes for a view. */
export const termBound = (v: FoldedView, spec: FeatureSpec): number =>
  (spec.charMax > 0 ? (v.length + 2) * (spec.charMax - spec.charMin + 1) : 0) + v.words * 3

/**
 * Writes the view's hashed feature occurrences to `out` in text order (characters, then words); returns
 * how many. With `unigrams`, also each hashed word's own feature there, by word number.
 */
export const hashInto = (v: FoldedView, spec: FeatureSpec, out: Uint32Array, unigrams?: Uint32Array): number => {
  const mask = (1 << spec.bits) - 1
  const length = v.length + 2
  const k = spec.charMax > 0 ? hashChars(v.codes, length, spec.charMin, spec.charMax, mask, out) : 0
  if (!(spec.words || spec.wordBigrams || spec.prefix > 0)) return k
  return hashWords(v, spec, mask, out, k, unigrams)
}

// Character n-grams of codes[0, length), charMin..charMax long, from each position in turn. A loop of
// its own, in 32-bit integers throughout (`| 0` wraps h + n as mix's first step would anyway): measured
// ~20 % faster than inside hashInto with the sum left to become a double.
const hashChars = (codes: Uint16Array, length: number, charMin: number, charMax: number, mask: number, out: Uint32Array): number => {
  let k = 0
  for (let i = 0; i < length; i++) {
    let h = SEED_CHAR | 0
    const last = charMax < length - i ? charMax : length - i
    let n = 1
    for (; n < charMin && n <= last; n++) h = Math.imul(h ^ codes[i + n - 1]!, FNV_PRIME)
    for (; n <= last; n++) {
      h = Math.imul(h ^ codes[i + n - 1]!, FNV_PRIME)
      out[k++] = mixMasked((h + n) | 0, mask)
    }
  }
  return k
}

const hashWords = (v: FoldedView, spec: FeatureSpec, mask: number, out: Uint32Array, k: number, unigrams: Uint32Array | undefined): number => {
  const codes = v.codes
  let previous = 0
  let kept = 0
  for (let w = 0; w < v.words; w++) {
    const from = v.wordStart[w]!, to = v.wordEnd[w]!
    if (spec.numbers === false && isDigits(codes, from, to)) continue
    const hw = fnv(SEED_WORD, codes, from, to)
    if (spec.words) {
      const unigram = mix(hw) & mask
      out[k++] = unigram
      if (unigrams !== undefined) unigrams[w] = unigram
    }
    if (spec.wordBigrams && kept > 0) out[k++] = mix(Math.imul(previous, 31) ^ hw ^ 0x5bd1e995) & mask
    if (spec.prefix > 0 && to - from > spec.prefix) out[k++] = mix(fnv(SEED_PREFIX, codes, from, from + spec.prefix)) & mask
    previous = hw
    kept++
  }
  return k
}

/** Every hashed feature occurrence of the text, in text order (characters first, then words). */
export const hashTerms = (text: string, spec: FeatureSpec): Uint32Array => {
  const v = foldedView(text)
  const out = new Uint32Array(termBound(v, spec))
  return out.subarray(0, hashInto(v, spec, out))
}

/** The unigram feature index of word w of a view (what `spec.words` adds for it). */
export const wordFeature = (v: FoldedView, w: number, bits: number): number =>
  mix(fnv(SEED_WORD, v.codes, v.wordStart[w]!, v.wordEnd[w]!)) & ((1 << bits) - 1)

// One counter per hashed index, zeroed again after each synchronous call: counting this way costs a
// fraction of sorting the occurrences, which matters on the per-request path.
const counters = new Map<number, Uint32Array>()

const countersFor = (bits: number): Uint32Array => {
  let counts = counters.get(bits)
  if (counts === undefined) {
    counts = new Uint32Array(1 << bits)
    counters.set(bits, counts)
  }
  return counts
}

/** Unique features with their counts, in first-occurrence order: the scoring path (no sort). */
export const countTerms = (terms: Uint32Array, bits: number, length = terms.length): Sparse => {
  const counts = countersFor(bits)
  const order = new Uint32Array(length)
  let u = 0
  for (let i = 0; i < length; i++) {
    const t = terms[i]!
    const c = counts[t]!
    counts[t] = c + 1
    if (c === 0) order[u++] = t
  }
  const indices = order.subarray(0, u)
  const values = new Float32Array(u)
  for (let i = 0; i < u; i++) {
    values[i] = counts[indices[i]!]!
    counts[indices[i]!] = 0
  }
  return { indices, values }
}

const termBuffer = scratch((n) => new Uint32Array(n), 16384)

/** countTerms(hashTerms(text, spec)) without a fresh array for the occurrences. */
export const countTextTerms = (text: string, spec: FeatureSpec): Sparse => {
  const v = foldedView(text)
  const bound = termBound(v, spec)
  const terms = termBuffer(bound)
  return countTerms(terms, spec.bits, hashInto(v, spec, terms))
}
