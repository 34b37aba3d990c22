import { Clock, Context, Effect, Layer } from "effect"
import { decide } from "../domain/Arbiter.ts"
import type { GuardConfig } from "../domain/Config.ts"
import { DetectionCompleted, PiiCompleted, type BranchResult, type DecisionMade, type PiiEntity } from "../domain/Events.ts"
import { runPii } from "../domain/Pii.ts"
import type { RequestState } from "../domain/State.ts"
import { DetectionBranches, type Branch } from "./DetectionBranches.ts"

const runBranch = (branch: Branch, state: RequestState, config: GuardConfig) =>
  Effect.gen(function*() {
    const base = { name: branch.name, ...(branch.weight !== undefined ? { weight: branch.weight } : {}) }
    const policy = config.modes[state.request.mode]
    if (policy.skip.includes(branch.name)) {
      return { ...base, status: "skipped", score: 0, categories: [], evidence: [], latencyMs: 0 } satisfies BranchResult
    }
    const timeoutMs = config.branchTimeoutMs[branch.name] ?? config.branchTimeoutMs["default"] ?? 250
    const started = performance.now()
    const result = yield* branch.run(state.request).pipe(Effect.timeoutOption(timeoutMs), Effect.result)
    const latencyMs = performance.now() - started
    if (result._tag === "Failure") {
      yield* Effect.logWarning(`branch ${branch.name} failed`, result.failure)
      return { ...base, status: "failed", score: 0, categories: [], evidence: [String(result.failure)], latencyMs } satisfies BranchResult
    }
    if (result.success._tag === "None") {
      return { ...base, status: "timeout", score: 0, categories: [], evidence: [], latencyMs } satisfies BranchResult
    }
    const o = result.success.value
    return {
      ...base,
      status: o.notConfigured === true ? "not_configured" : "ok",
      score: Math.min(100, Math.max(0, o.score)),
      categories: [...o.categories],
      evidence: [...o.evidence],
      latencyMs
    } satisfies BranchResult
  })

/** Branch A, B, C and user branches run concurrently, each within its own time budget. */
export const detectionStage = Effect.fnUntraced(function*(state: RequestState, config: GuardConfig) {
  const branches = yield* (yield* DetectionBranches).all
  const results = yield* Effect.forEach(branches, (b) => runBranch(b, state, config), { concurrency: "unbounded" })
  return new DetectionCompleted({ at: yield* Clock.currentTimeMillis, branches: results })
})

/** The PII recogniser as a service, so a user Layer can replace it. */
export class PiiRecognizer extends Context.Service<PiiRecognizer, {
  readonly run: (text: string) => Effect.Effect<{ readonly entities: ReadonlyArray<PiiEntity>; readonly sanitizedText: string }>
}>()("vigil/PiiRecognizer") {
  static readonly layer = Layer.succeed(PiiRecognizer, PiiRecognizer.of({ run: (text) => Effect.sync(() => runPii(text)) }))
}

export const piiStage = Effect.fnUntraced(function*(state: RequestState, _config: GuardConfig) {
  const started = performance.now()
  const { entities, sanitizedText } = yield* (yield* PiiRecognizer).run(state.request.text)
  return new PiiCompleted({
    at: yield* Clock.currentTimeMillis,
    latencyMs: performance.now() - started,
    entities: [...entities],
    sanitizedText
  })
})

/** The arbiter as a service, so a user Layer can replace the fusion policy. */
export class Arbiter extends Context.Service<Arbiter, {
  readonly decide: (state: RequestState, config: GuardConfig, at: number) => Effect.Effect<DecisionMade>
}>()("vigil/Arbiter") {
  static readonly layer = Layer.succeed(Arbiter, Arbiter.of({ decide: (s, c, at) => Effect.sync(() => decide(s, c, at)) }))
}

export const arbiterStage = Effect.fnUntraced(function*(state: RequestState, config: GuardConfig) {
  return yield* (yield* Arbiter).decide(state, config, yield* Clock.currentTimeMillis)
})
