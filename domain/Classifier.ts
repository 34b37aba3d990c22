import { dotDense, featurizeFast, type FeatureSpec, sigmoid, toScore } from "./Features.ts"
import { foldText, wordsOf } from "./FeaturesText.ts"

/** Branch C: a logistic regression over hashed n-grams, trained by `pnpm train` (ClassifierTrain.ts). */
export interface ClassifierModel {
  readonly spec: FeatureSpec
  /** One weight per hashed index (length 2^spec.bits). */
  readonly weights: Float32Array
  readonly bias: number
}

export interface ClassifierResult {
  readonly score: number
  readonly probability: number
  /** Words of the prompt whose own feature pushed hardest towards "attack", for the decision log. */
  readonly evidence: ReadonlyArray<string>
}

export const classifierProbability = (model: ClassifierModel, text: string): number =>
  sigmoid(dotDense(featurizeFast(text, model.spec), model.weights) + model.bias)

const SEED_WORD = 0x01000193
const wordIndex = (word: string, bits: number): number => {
  let h = SEED_WORD
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) & ((1 << bits) - 1)
}

/** The words whose unigram weight is largest; only worth computing for prompts the model flags. */
export const topWords = (model: ClassifierModel, text: string, k = 3): Array<string> => {
  if (!model.spec.words) return []
  const seen = new Map<string, number>()
  for (const w of wordsOf(foldText(text))) {
    if (!seen.has(w)) seen.set(w, model.weights[wordIndex(w, model.spec.bits)] ?? 0)
  }
  return [...seen.entries()]
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([w, weight]) => `${w}(+${weight.toFixed(2)})`)
}

export const classify = (model: ClassifierModel, text: string): ClassifierResult => {
  const probability = classifierProbability(model, text)
  const score = toScore(probability)
  const words = score >= 30 ? topWords(model, text) : []
  return {
    score,
    probability,
    evidence: [`classifier p=${probability.toFixed(3)}`, ...(words.length > 0 ? [`words: ${words.join(" ")}`] : [])]
  }
}
