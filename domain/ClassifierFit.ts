import type { ClassifierModel } from "./Classifier.ts"
import { balancedWeights, trainLogistic, type TrainOptions } from "./ClassifierTrain.ts"
import { featurize, type FeatureSpec, type Sparse } from "./Features.ts"

export interface LabelledText {
  readonly text: string
  readonly y: 0 | 1
  readonly source: string
}

/** Fits branch C on featurised rows (the LOSO evaluation featurises once and fits many times). */
export const fitFeaturized = (
  rows: ReadonlyArray<{ readonly x: Sparse; readonly y: 0 | 1; readonly source: string }>,
  spec: FeatureSpec,
  options: TrainOptions
): ClassifierModel => {
  const weights = balancedWeights(rows)
  const fitted = trainLogistic(rows.map((r, i) => ({ x: r.x, y: r.y, weight: weights[i]! })), spec.bits, options)
  return { spec, weights: fitted.weights, bias: fitted.bias }
}

export const fitClassifier = (rows: ReadonlyArray<LabelledText>, spec: FeatureSpec, options: TrainOptions): ClassifierModel =>
  fitFeaturized(rows.map((r) => ({ x: featurize(r.text, spec), y: r.y, source: r.source })), spec, options)
