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
  /** Loads what the branch needs (a model artifact); the detection worker runs it before its first message. */
  readonly warm?: Effect.Effect<void>
}

export const heuristicsBranch: Branch = {
  name: "heuristics",
  run: (request) => Effect.sync(() => analyze(request.text))
}

/**
 * A branch whose artifact is read on first use, once: only a process that runs detection pays for the
 * models (hundreds of MiB, seconds of start-up), not every process that shares the base layer.
 */
const lazyBranch = (name: string, load: Effect.Effect<Branch>): Effect.Effect<Branch> =>
  Effect.map(Effect.cached(load), (loaded) => ({
    name,
    warm: Effect.asVoid(loaded),
    run: (request) => Effect.flatMap(loaded, (branch) => branch.run(request))
  }))

/** Branch B on the shipped index alone, loaded on first use. */
export const builtinSemantic: Effect.Effect<Branch> = lazyBranch("semantic", loadSemanticBranch)

/** The built-ins; a missing artifact leaves that branch not_configured, a corrupt one fails its warm-up. */
export const loadBuiltinBranches: Effect.Effect<ReadonlyArray<Branch>> = Effect.map(
  Effect.all([builtinSemantic, lazyBranch("classifier", loadClassifierBranch)]),
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

/** Loads every registered branch's artifacts; the detection worker is built on it, so it starts warm. */
export const WarmBranches = Layer.effectDiscard(
  Effect.flatMap(DetectionBranches, (registry) =>
    Effect.flatMap(registry.all, (branches) => Effect.forEach(branches, (b) => b.warm ?? Effect.void, { discard: true })))
)
