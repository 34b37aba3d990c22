import { type FeatureSpec, type Sparse, termCounts, weigh } from "./Features.ts"
import type { SemanticIndex } from "./Semantic.ts"
import { fitCalibration } from "./SemanticCalibration.ts"

export { CALIBRATION_SIGNS, fitCalibration, fitLogistic, NO_EVIDENCE_BIAS } from "./SemanticCalibration.ts"

export interface ReferenceDoc {
  readonly text: string
  readonly label: 0 | 1
  readonly category: string
  readonly source: string
}

export interface BuildOptions {
  readonly spec: FeatureSpec
  /** Features kept per document (its highest TF-IDF weights): bounds the index size and query cost. */
  readonly keepPerDoc: number
  /** Features in more than this share of documents carry no neighbour signal and are not indexed. */
  readonly maxDocShare: number
  readonly seed: number
  /** Documents sampled to fit the calibration. */
  readonly calibrationSample: number
  /**
   * Term weight = IDF × (floor + |log-odds of the feature between attack and safe documents|, capped).
   * Plain IDF lets the harmless carrier of an injection (a trivia question, an e-mail) dominate the
   * attack's vector, so a plain question "near" it scored as an attack; weighting by how much a feature
   * separates the classes makes neighbours agree on what matters.
   */
  readonly discriminative: { readonly floor: number; readonly cap: number } | undefined
  /**
   * Calibration loss weight of a known-safe prompt relative to an attack. Neighbours from unseen sources
   * are weak evidence; weighting false positives up makes the branch flag only on strong similarity.
   */
  readonly benignCost: number
}

export const semanticSpec: FeatureSpec = { bits: 20, charMin: 0, charMax: 0, words: true, wordBigrams: true, prefix: 5, numbers: false }
export const defaultBuildOptions: BuildOptions = {
  spec: semanticSpec,
  keepPerDoc: 40,
  maxDocShare: 0.1,
  seed: 20251127,
  calibrationSample: 3000,
  discriminative: { floor: 0.2, cap: 3 },
  benignCost: 10
}

// Stored weights are quantised (see src/ModelArtifacts.ts); quantising here too makes a freshly built index and
// a loaded one score identically, so evaluation measures what ships.
export const quantizeWeight = (w: number): number => Math.round(Math.min(1, w) * 255) / 255
export const IDF_STEPS = 8
export const quantizeIdf = (idf: number): number => Math.round(Math.min(255 / IDF_STEPS, idf) * IDF_STEPS) / IDF_STEPS

export type PostingLists = Map<number, { docs: Array<number>; weights: Array<number> }>

/** A document's posting entries: its `keep` strongest features (ties by index), weights quantised, zeros left out. */
export const forEachPosting = (v: Sparse, keep: number, post: (feature: number, weight: number) => void): void => {
  const order = Array.from(v.indices.keys()).sort((a, b) => v.values[b]! - v.values[a]! || v.indices[a]! - v.indices[b]!)
  for (const k of order.slice(0, keep)) {
    const w = quantizeWeight(v.values[k]!)
    if (w > 0) post(v.indices[k]!, w)
  }
}

export const addPosting = (lists: PostingLists, feature: number, doc: number, weight: number): void => {
  const list = lists.get(feature)
  if (list === undefined) lists.set(feature, { docs: [doc], weights: [weight] })
  else (list.docs.push(doc), list.weights.push(weight))
}

/** Docs are used in the given order; callers sort them so that the index is reproducible. */
export const buildIndex = (
  docs: ReadonlyArray<ReferenceDoc>,
  options: BuildOptions = defaultBuildOptions,
  // Precomputed termCounts of each doc under options.spec (the LOSO evaluation builds many indexes).
  counts: ReadonlyArray<Sparse> = docs.map((d) => termCounts(d.text, options.spec))
): SemanticIndex => {
  const df = new Map<number, number>()
  const dfAttack = new Map<number, number>()
  counts.forEach((c, doc) => {
    for (const i of c.indices) {
      df.set(i, (df.get(i) ?? 0) + 1)
      if (docs[doc]!.label === 1) dfAttack.set(i, (dfAttack.get(i) ?? 0) + 1)
    }
  })
  const n = docs.length
  const nAttack = docs.filter((d) => d.label === 1).length
  const disc = options.discriminative
  const weightOf = (dfi: number, dfa: number) => {
    const idf = Math.log((n + 1) / (dfi + 1)) + 1
    if (disc === undefined) return quantizeIdf(idf)
    const logOdds = Math.log((dfa + 1) / (nAttack + 2)) - Math.log((dfi - dfa + 1) / (n - nAttack + 2))
    // A feature seen in a handful of documents cannot show which class it belongs to: shrink its log-odds.
    const confidence = dfi / (dfi + 5)
    return quantizeIdf(idf * (disc.floor + Math.min(disc.cap, confidence * Math.abs(logOdds))))
  }
  const termWeight = new Map<number, number>()
  for (const [i, d] of df) termWeight.set(i, weightOf(d, dfAttack.get(i) ?? 0))
  // Features seen once take the unseen value at query time; not storing them roughly halves the artifact.
  const idf = new Map<number, number>()
  for (const [i, d] of df) if (d >= 2) idf.set(i, termWeight.get(i)!)
  const maxDf = Math.max(2, Math.floor(n * options.maxDocShare))
  const lists: PostingLists = new Map()
  counts.forEach((c, doc) => {
    forEachPosting(weigh(c, (i) => termWeight.get(i)!), options.keepPerDoc, (feature, w) => {
      if (df.get(feature)! <= maxDf) addPosting(lists, feature, doc, w)
    })
  })
  const categories = Array.from(new Set(docs.map((d) => d.category.toUpperCase()))).sort()
  const sources = Array.from(new Set(docs.map((d) => d.source))).sort()
  return {
    spec: options.spec,
    idf,
    // A feature seen once is as likely from either class, as far as the index can tell.
    unseenIdf: quantizeIdf((weightOf(1, 0) + weightOf(1, 1)) / 2),
    postings: new Map([...lists].map(([f, l]) => [f, { docs: Uint32Array.from(l.docs), weights: Float32Array.from(l.weights) }])),
    labels: Uint8Array.from(docs.map((d) => d.label)),
    categories,
    categoryOf: Uint16Array.from(docs.map((d) => categories.indexOf(d.category.toUpperCase()))),
    sourceOf: Uint16Array.from(docs.map((d) => sources.indexOf(d.source))),
    calibration: [0, 0, 0, 0, 0]
  }
}

export const buildSemantic = (docs: ReadonlyArray<ReferenceDoc>, options: BuildOptions = defaultBuildOptions, counts?: ReadonlyArray<Sparse>): SemanticIndex =>
  fitCalibration(buildIndex(docs, options, counts), docs, options)
