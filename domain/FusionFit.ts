import { termValue, type FusionInput } from "./ArbiterFusion.ts"
import type { FusionTerm, LogisticFusion } from "./Config.ts"

/** One held-out example: the branch scores fusion would see (after the arbiter's caps) and its label. */
export interface FusionExample {
  readonly scores: ReadonlyMap<string, number>
  readonly attack: boolean
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

const features = (terms: ReadonlyArray<FusionTerm>, scores: ReadonlyMap<string, number>): Float64Array => {
  const inputs = new Map<string, FusionInput>(Array.from(scores, ([name, score]) => [name, { score, factor: 1 }]))
  return Float64Array.from(terms, (t) => termValue(t, inputs).value)
}

export interface FitOptions {
  readonly epochs: number
  readonly learningRate: number
  readonly l2: number
}
export const defaultFitOptions: FitOptions = { epochs: 400, learningRate: 5, l2: 1e-4 }

/**
 * Class-balanced logistic regression with coefficients kept ≥ 0 (projected full-batch gradient descent:
 * deterministic, no seed, the same coefficients on every run). Balanced, because the attack/benign mix of
 * the development data says nothing about a deployment's.
 */
export const fitLogistic = (terms: ReadonlyArray<FusionTerm>, examples: ReadonlyArray<FusionExample>, options = defaultFitOptions): LogisticFusion => {
  const X = examples.map((e) => features(terms, e.scores))
  const attacks = examples.filter((e) => e.attack).length
  const weightOf = (e: FusionExample) => 0.5 / (e.attack ? Math.max(1, attacks) : Math.max(1, examples.length - attacks))
  const beta = new Float64Array(terms.length)
  let bias = 0
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const grad = new Float64Array(terms.length)
    let gradBias = 0
    for (let i = 0; i < examples.length; i++) {
      const x = X[i]!
      let z = bias
      for (let j = 0; j < x.length; j++) z += beta[j]! * x[j]!
      const err = (sigmoid(z) - (examples[i]!.attack ? 1 : 0)) * weightOf(examples[i]!)
      for (let j = 0; j < x.length; j++) grad[j]! += err * x[j]!
      gradBias += err
    }
    for (let j = 0; j < beta.length; j++) beta[j] = Math.max(0, beta[j]! - options.learningRate * (grad[j]! + options.l2 * beta[j]!))
    bias -= options.learningRate * gradBias
  }
  return { bias, terms: terms.map((t, j) => ({ ...t, coefficient: beta[j]! })) }
}

export const logitOf = (fusion: LogisticFusion, scores: ReadonlyMap<string, number>): number => {
  const x = features(fusion.terms, scores)
  return fusion.terms.reduce((z, t, j) => z + t.coefficient * x[j]!, fusion.bias)
}

/** The logit that `rate` of the benign examples reach or exceed (the highest benign logits). */
export const benignQuantile = (fusion: LogisticFusion, examples: ReadonlyArray<FusionExample>, rate: number): number => {
  const logits = examples.filter((e) => !e.attack).map((e) => logitOf(fusion, e.scores)).sort((a, b) => b - a)
  return logits[Math.min(logits.length - 1, Math.floor(rate * logits.length))] ?? 0
}

const LOGIT_70 = Math.log(0.7 / 0.3)

/**
 * Rescales the logit so that `blockLogit` lands on 70 and `sanitizeLogit` on 30 (the default thresholds):
 * the fitted scale then reads like every other score, and the thresholds stay where operators expect them.
 * Multiplying by a positive factor keeps the coefficients ≥ 0.
 */
export const rescale = (fusion: LogisticFusion, blockLogit: number, sanitizeLogit: number): LogisticFusion => {
  const gap = blockLogit - sanitizeLogit
  const alpha = gap > 1e-9 ? (2 * LOGIT_70) / gap : 1
  const beta = LOGIT_70 - alpha * blockLogit
  // The example at the quantile itself lands just below the threshold (the arbiter rounds to 2 decimals).
  return { bias: alpha * fusion.bias + beta - 1e-3, terms: fusion.terms.map((t) => ({ ...t, coefficient: alpha * t.coefficient })) }
}
