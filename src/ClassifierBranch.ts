import { Effect, Option } from "effect"
import { classify, type ClassifierModel } from "../domain/Classifier.ts"
import type { Branch } from "./DetectionBranches.ts"
import { externalClassifierFromConfig } from "./ExternalClassifier.ts"
import { decodeClassifier } from "./ModelArtifacts.ts"
import { loadModelBranch } from "./ModelBranch.ts"

export const classifierBranch = (model: ClassifierModel): Branch => ({
  name: "classifier",
  run: (request) => Effect.sync(() => {
    const r = classify(model, request.text)
    return { score: r.score, categories: r.score >= 70 ? ["CLASSIFIER"] : [], evidence: r.evidence }
  })
})

/**
 * Branch C: the external service when VIGIL_CLASSIFIER_URL is set, else the committed model
 * (VIGIL_CLASSIFIER_MODEL overrides infra/models/classifier.json.gz).
 */
export const loadClassifierBranch = Effect.flatMap(externalClassifierFromConfig, Option.match({
  onSome: Effect.succeed,
  onNone: () => loadModelBranch("classifier", "VIGIL_CLASSIFIER_MODEL", "classifier.json.gz", decodeClassifier, classifierBranch)
})).pipe(Effect.orDie)
