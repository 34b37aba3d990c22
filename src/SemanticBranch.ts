import { Effect } from "effect"
import { semanticScore, type SemanticIndex } from "../domain/Semantic.ts"
import type { Branch } from "./DetectionBranches.ts"
import { decodeSemantic } from "./ModelArtifacts.ts"
import { loadModelBranch } from "./ModelBranch.ts"

/** Branch B over a reference index held in memory; a query is pure CPU, well under a millisecond. */
export const semanticBranch = (index: SemanticIndex): Branch => ({
  name: "semantic",
  run: (request) => Effect.sync(() => semanticScore(index, request.text))
})

/** VIGIL_SEMANTIC_MODEL overrides infra/models/semantic.json.gz. */
export const loadSemanticBranch = loadModelBranch("semantic", "VIGIL_SEMANTIC_MODEL", "semantic.json.gz", decodeSemantic, semanticBranch)
