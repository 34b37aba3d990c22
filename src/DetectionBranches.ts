import { Context, Effect, Layer, Ref } from "effect"
import { analyze } from "../domain/Heuristics.ts"
import type { GuardRequest } from "../domain/Request.ts"
import { loadClassifierBranch } from "./ClassifierBranch.ts"
import { loadSemanticBranch } from "./SemanticBranch.ts"

export interface BranchOutcome {
  readonly score: number
  readonly categories: ReadonlyArray<string>
  readonly evidence: ReadonlyArray<string>
  /** A branch that has nothing to judge with (no model, no reference set) says so instead of scoring 0. */
  readonly notConfigured?: boolean
}

/** A detection branch. Users add one, or replace a built-in one by its name, with `branchLayer`. */
export interface Branch {
  readonly name: string
  /** Fusion weight when the config's mode policy does not name this branch. */
  readonly weight?: number
  readonly run: (request: GuardRequest) => Effect.Effect<BranchOutcome, unknown>
}

export const heuristicsBranch: Branch = {
  name: "heuristics",
  run: (request) => Effect.sync(() => analyze(request.text))
}

const notConfigured = (name: string): Branch => ({
  name,
  run: () => Effect.succeed({ score: 0, categories: [], evidence: [], notConfigured: true })
})

export const builtinBranches: ReadonlyArray<Branch> = [heuristicsBranch, notConfigured("semantic"), notConfigured("classifier")]

/** The built-ins with their trained artifacts loaded once; a missing artifact leaves that branch not_configured. */
export const loadBuiltinBranches: Effect.Effect<ReadonlyArray<Branch>> = Effect.map(
  Effect.all([loadSemanticBranch, loadClassifierBranch]),
  ([semantic, classifier]) => [heuristicsBranch, semantic, classifier]
)

export class DetectionBranches extends Context.Service<DetectionBranches, {
  readonly register: (branch: Branch) => Effect.Effect<void>
  readonly all: Effect.Effect<ReadonlyArray<Branch>>
}>()("vigil/DetectionBranches") {
  static readonly make = (initial: ReadonlyArray<Branch>) =>
    Effect.map(Ref.make(initial), (ref) =>
      DetectionBranches.of({
        register: (branch) => Ref.update(ref, (bs) => [...bs.filter((b) => b.name !== branch.name), branch]),
        all: Ref.get(ref)
      }))

  static readonly layer = Layer.effect(DetectionBranches, Effect.flatMap(loadBuiltinBranches, DetectionBranches.make))
}

/** Provide this Layer to the detection worker to add a branch, or to replace the one of the same name. */
export const branchLayer = (branch: Branch) =>
  Layer.effectDiscard(Effect.flatMap(DetectionBranches, (registry) => registry.register(branch)))
