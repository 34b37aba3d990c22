import type { Sparse } from "./Features.ts"

/**
 * Deterministic training: the same rows in the same order with the same seed give bit-identical weights
 * (plain float64 arithmetic, no threads, a seeded shuffle). Callers sort their inputs.
 */
export interface TrainRow {
  readonly x: Sparse
  readonly y: 0 | 1
  /** Importance of the row in the loss (class and source balancing). */
  readonly weight: number
}

export interface TrainOptions {
  readonly seed: number
  readonly epochs: number
  /** L2 regularisation strength. */
  readonly lambda: number
  readonly eta0: number
}

export const defaultTrainOptions: TrainOptions = { seed: 20251127, epochs: 8, lambda: 2e-5, eta0: 0.5 }

/** mulberry32: small, fast and good enough to shuffle rows. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const shuffled = <A>(items: ReadonlyArray<A>, random: () => number): Array<A> => {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = out[i]!
    out[i] = out[j]!
    out[j] = t
  }
  return out
}

/**
 * Logistic regression by SGD with L2 (Bottou's schedule eta_t = eta0 / (1 + lambda eta0 t)); the L2
 * shrinkage is kept as one scale factor so an update costs only the row's non-zero features.
 */
export const trainLogistic = (rows: ReadonlyArray<TrainRow>, bits: number, options: TrainOptions = defaultTrainOptions) => {
  const v = new Float64Array(1 << bits)
  let scale = 1
  let bias = 0
  let t = 0
  const random = seededRandom(options.seed)
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const row of shuffled(rows, random)) {
      const eta = options.eta0 / (1 + options.lambda * options.eta0 * t++)
      let z = bias
      for (let i = 0; i < row.x.indices.length; i++) z += scale * v[row.x.indices[i]!]! * row.x.values[i]!
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))
      const g = (p - row.y) * row.weight
      scale *= 1 - eta * options.lambda
      if (scale < 1e-9) {
        for (let j = 0; j < v.length; j++) v[j]! *= scale
        scale = 1
      }
      const step = (eta * g) / scale
      for (let i = 0; i < row.x.indices.length; i++) v[row.x.indices[i]!]! -= step * row.x.values[i]!
      bias -= eta * g * 0.1
    }
  }
  const weights = new Float32Array(v.length)
  for (let j = 0; j < v.length; j++) weights[j] = v[j]! * scale
  return { weights, bias }
}

/** Row weights that give each class, and within it each source, an equal share of the loss (by sqrt). */
export const balancedWeights = (rows: ReadonlyArray<{ readonly y: 0 | 1; readonly source: string }>): Array<number> => {
  const perSource = new Map<string, number>()
  for (const r of rows) perSource.set(r.source, (perSource.get(r.source) ?? 0) + 1)
  const raw = rows.map((r) => 1 / Math.sqrt(perSource.get(r.source)!))
  const classTotal = [0, 0]
  rows.forEach((r, i) => (classTotal[r.y]! += raw[i]!))
  return rows.map((r, i) => (raw[i]! * rows.length) / (2 * classTotal[r.y]!))
}
