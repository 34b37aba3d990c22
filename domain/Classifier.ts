import { weightedSum } from "./ClassifierDot.ts"
import { type FeatureSpec, sigmoid, toScore } from "./Features.ts"
import { wordFeature } from "./FeaturesHash.ts"
import { foldedView, wordOf } from "./FeaturesView.ts"

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
  sigmoid(weightedSum(text, model.spec, model.weights) + model.bias)

const before = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)

/** The words whose unigram weight is largest; only worth computing for prompts the model flags. */
export const topWords = (model: ClassifierModel, text: string, k = 3): Array<string> => {
  if (!model.spec.words) return []
  const v = foldedView(text)
  // The k best distinct words, kept sorted: a word's string is made only when it could enter them.
  const top: Array<readonly [string, number]> = []
  for (let w = 0; w < v.words; w++) {
    const weight = model.weights[wordFeature(v, w, model.spec.bits)] ?? 0
    if (weight <= 0 || (top.length === k && weight < top[k - 1]![1])) continue
    const entry = [wordOf(v, w), weight] as const
    if (top.some(([word]) => word === entry[0])) continue
    top.push(entry)
    top.sort(before)
    if (top.length > k) top.pop()
  }
  return top.map(([w, weight]) => `${w}(+${weight.toFixed(2)})`)
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
