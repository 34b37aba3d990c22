import { lastUnigrams, weightedSum } from "./ClassifierDot.ts"
import { type FeatureSpec, sigmoid, toScore } from "./Features.ts"
import { wordFeature } from "./FeaturesHash.ts"
import { compareWords, foldedView, wordOf } from "./FeaturesView.ts"

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

/** The words whose unigram weight is largest; only worth computing for prompts the model flags. */
export const topWords = (model: ClassifierModel, text: string, k = 3): Array<string> => {
  if (!model.spec.words || k < 1) return []
  const v = foldedView(text)
  // The k best distinct words by weight, then alphabetically, kept in order as word numbers: strings
  // are made for the winners only. A repeated word has the same weight, so only equal weights are compared.
  const ids: Array<number> = [], top: Array<number> = []
  const known = lastUnigrams(text, model.spec)
  for (let w = 0; w < v.words; w++) {
    const weight = model.weights[known !== undefined ? known[w]! : wordFeature(v, w, model.spec.bits)] ?? 0
    if (weight <= 0) continue
    if (top.length === k && (weight < top[k - 1]! || (weight === top[k - 1] && compareWords(v, w, ids[k - 1]!) >= 0))) continue
    let j = top.length
    while (j > 0 && (weight > top[j - 1]! || (weight === top[j - 1] && compareWords(v, w, ids[j - 1]!) < 0))) j--
    // Not ahead of the word before it: if that word has this weight, it may be this very word.
    if (j > 0 && top[j - 1] === weight && compareWords(v, w, ids[j - 1]!) === 0) continue
    ids.splice(j, 0, w)
    top.splice(j, 0, weight)
    if (top.length > k) (ids.pop(), top.pop())
  }
  return ids.map((w, j) => `${wordOf(v, w)}(+${top[j]!.toFixed(2)})`)
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
