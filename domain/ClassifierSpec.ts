import type { FeatureSpec } from "./Features.ts"
import type { TrainOptions } from "./ClassifierTrain.ts"

/** What `pnpm train` fits for branch C; the artifact records it, so a loaded model needs nothing else. */
export const classifierSpec: FeatureSpec = { bits: 18, charMin: 3, charMax: 5, words: true, wordBigrams: true, prefix: 0 }

export const classifierTrainOptions: TrainOptions = { seed: 20251127, epochs: 6, lambda: 2e-5, eta0: 0.5 }
