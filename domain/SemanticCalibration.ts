import { seededRandom, shuffled } from "./ClassifierTrain.ts"
import { calibrationFeatures, neighbours, type SemanticIndex } from "./Semantic.ts"
import type { BuildOptions, ReferenceDoc } from "./SemanticBuild.ts"

/** Attack similarities push up, safe similarities push down (see calibrationFeatures). */
export const CALIBRATION_SIGNS: ReadonlyArray<1 | -1> = [1, -1, 1, -1, 1, 1]

/** Score of a prompt with no neighbour at all: logit(0.02). */
export const NO_EVIDENCE_BIAS = Math.log(0.02 / 0.98)

/**
 * Plain batch gradient descent on the log loss, classes weighted equally, bias held at `bias`:
 * a handful of parameters, deterministic.
 */
export const fitLogistic = (
  xs: ReadonlyArray<ReadonlyArray<number>>,
  ys: ReadonlyArray<0 | 1>,
  bias = NO_EVIDENCE_BIAS,
  signs: ReadonlyArray<1 | -1> = [],
  // Weight of a benign row's loss relative to an attack's: a false positive costs more than a miss here.
  benignCost = 1,
  iterations = 3000,
  rate = 4
): Array<number> => {
  const dims = xs[0]?.length ?? 0
  const w = new Array<number>(dims + 1).fill(0)
  w[dims] = bias
  const positives = ys.filter((y) => y === 1).length
  const classWeight = [(benignCost * xs.length) / (2 * Math.max(1, xs.length - positives)), xs.length / (2 * Math.max(1, positives))]
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(dims + 1).fill(0)
    xs.forEach((x, r) => {
      const z = x.reduce((s, f, i) => s + f * w[i]!, w[dims]!)
      const g = ((1 / (1 + Math.exp(-z))) - ys[r]!) * classWeight[ys[r]!]!
      x.forEach((f, i) => (grad[i]! += g * f))
      grad[dims]! += g
    })
    for (let i = 0; i < dims; i++) {
      const next = w[i]! - (rate * grad[i]!) / xs.length
      // Projected onto the signs: closer to an attack never lowers the score, closer to a safe prompt never raises it.
      w[i] = signs[i] === undefined ? next : signs[i]! > 0 ? Math.max(0, next) : Math.min(0, next)
    }
  }
  return w
}

/**
 * Calibration on neighbours from other sources only: a document's own source (its template siblings)
 * is left out of its neighbour search, as a prompt from an unseen origin would find none of them.
 */
export const fitCalibration = (index: SemanticIndex, docs: ReadonlyArray<ReferenceDoc>, options: BuildOptions): SemanticIndex => {
  const sample = shuffled(docs.map((_, i) => i), seededRandom(options.seed)).slice(0, options.calibrationSample)
  const xs = sample.map((i) => calibrationFeatures(neighbours(index, docs[i]!.text, index.sourceOf[i]!)))
  const ys = sample.map((i) => docs[i]!.label)
  return { ...index, calibration: fitLogistic(xs, ys, NO_EVIDENCE_BIAS, CALIBRATION_SIGNS, options.benignCost) }
}
