import { Effect } from "effect"
import { semanticScore, type SemanticIndex } from "../domain/Semantic.ts"
import type { Branch } from "./DetectionBranches.ts"
import { decodeSemantic } from "./ModelArtifacts.ts"
import { artifactPath, loadModel, notConfiguredBranch } from "./ModelBranch.ts"

/** Branch B over a reference index held in memory; a query is pure CPU, well under a millisecond. */
export const semanticBranch = (index: SemanticIndex, tag?: string): Branch => ({
  name: "semantic",
  run: (request) =>
    Effect.sync(() => {
      const result = semanticScore(index, request.text)
      return tag === undefined ? result : { ...result, evidence: [...result.evidence, tag] }
    })
})

const ENV = "VIGIL_SEMANTIC_MODEL"
const FILE = "semantic.json.gz"

// Decoded indexes by artifact path: the built-in branch and the operator's reference overlay
// (ReferenceWatch.ts) share one copy (tens of MiB), whichever loads it first.
const decoded = new Map<string, SemanticIndex>()

/** The shipped index (VIGIL_SEMANTIC_MODEL overrides infra/models/semantic.json.gz), decoded once per process. */
export const shippedSemanticIndex: Effect.Effect<{ readonly path: string; readonly index: SemanticIndex | undefined }> = Effect.gen(function*() {
  const path = yield* Effect.orDie(artifactPath(ENV, FILE))
  const known = decoded.get(path)
  if (known !== undefined) return { path, index: known }
  const { model } = yield* loadModel("semantic", ENV, FILE, decodeSemantic)
  if (model !== undefined) decoded.set(path, model)
  return { path, index: model }
})

/** The shipped index if this process has decoded it already (a detection worker has), without loading it. */
export const shippedIfLoaded = Effect.map(Effect.orDie(artifactPath(ENV, FILE)), (path) => decoded.get(path))

export const loadSemanticBranch = Effect.map(shippedSemanticIndex, ({ path, index }) =>
  index === undefined ? notConfiguredBranch("semantic", `no artifact at ${path}`) : semanticBranch(index))
