import { Clock, Context, Effect, Layer, Option } from "effect"
import { decide } from "../domain/Arbiter.ts"
import type { GuardConfig } from "../domain/Config.ts"
import { DecisionMade, DetectionCompleted, PiiCompleted, type BranchResult, type PiiEntity } from "../domain/Events.ts"
import { runPii } from "../domain/Pii.ts"
import { defaultPiiConfig } from "../domain/PiiConfig.ts"
import type { RequestState } from "../domain/State.ts"
import { DetectionBranches, type Branch } from "./DetectionBranches.ts"
import { PiiSettings } from "./PiiSettings.ts"

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

/** What a PII recogniser returns; `language` and `pseudonyms` are optional so older user layers still fit. */
export interface PiiOutcome {
  readonly entities: ReadonlyArray<PiiEntity>
  readonly sanitizedText: string
  readonly language?: string
  readonly pseudonyms?: Readonly<Record<string, string>>
}

/**
 * The PII recogniser as a service, so a user Layer can replace it. The built-in one reads the settings in
 * force from PiiSettings when the process has it (workers watch `vigil-config/pii`), else the default.
 */
export class PiiRecognizer extends Context.Service<PiiRecognizer, {
  readonly run: (text: string) => Effect.Effect<PiiOutcome>
}>()("vigil/PiiRecognizer") {
  static readonly layer = Layer.effect(PiiRecognizer, Effect.gen(function*() {
    const settings = yield* Effect.serviceOption(PiiSettings)
    const current = Option.isSome(settings) ? settings.value.current : Effect.succeed(defaultPiiConfig)
    return PiiRecognizer.of({ run: (text) => Effect.map(current, (config) => runPii(text, config)) })
  }))
}

export const piiStage = Effect.fnUntraced(function*(state: RequestState, _config: GuardConfig) {
  const started = performance.now()
  const { entities, sanitizedText, language, pseudonyms } = yield* (yield* PiiRecognizer).run(state.request.text)
  return new PiiCompleted({
    at: yield* Clock.currentTimeMillis,
    latencyMs: performance.now() - started,
    // Offsets and types only: the values stay in the request text and out of the event.
    entities: entities.map((e) => ({ type: e.type, start: e.start, end: e.end, score: e.score })),
    sanitizedText,
    ...(language !== undefined ? { language } : {}),
    ...(pseudonyms !== undefined && Object.keys(pseudonyms).length > 0 ? { pseudonyms: { ...pseudonyms } } : {})
  })
})

/** The arbiter as a service, so a user Layer can replace the fusion policy. */
export class Arbiter extends Context.Service<Arbiter, {
  readonly decide: (state: RequestState, config: GuardConfig, at: number) => Effect.Effect<DecisionMade>
}>()("vigil/Arbiter") {
  static readonly layer = Layer.succeed(Arbiter, Arbiter.of({ decide: (s, c, at) => Effect.sync(() => decide(s, c, at)) }))
}

/** The pseudonym mapping rides with the decision only when the caller gets the pseudonymised text. */
export const arbiterStage = Effect.fnUntraced(function*(state: RequestState, config: GuardConfig) {
  const decision = yield* (yield* Arbiter).decide(state, config, yield* Clock.currentTimeMillis)
  const pseudonyms = state.pii?.pseudonyms
  return pseudonyms !== undefined && decision.sanitizedText !== undefined && decision.sanitizedText === state.pii?.sanitizedText
    ? new DecisionMade({ ...decision, pseudonyms })
    : decision
})
