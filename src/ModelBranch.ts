import { Config, Effect } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { Branch } from "./DetectionBranches.ts"

/** Where a trained artifact is read from: the env variable, else the committed file under infra/models/. */
export const artifactPath = (env: string, file: string) =>
  Config.String(env).pipe(Config.withDefault(fileURLToPath(new URL(`../infra/models/${file}`, import.meta.url))))

/** A built-in branch without its artifact: it says so (status not_configured) instead of scoring 0. */
export const notConfiguredBranch = (name: string, why: string): Branch => ({
  name,
  run: () => Effect.succeed({ score: 0, categories: [], evidence: [why], notConfigured: true })
})

/**
 * Reads and decodes an artifact, at start-up. Missing → undefined and a warning; present but unreadable →
 * a defect naming the file and the reason, since serving with a model the operator meant to ship but that
 * does not load would quietly weaken the guard.
 */
export const loadModel = <M>(name: string, env: string, file: string, decode: (bytes: Uint8Array, what: string) => M) =>
  Effect.gen(function*() {
    const path = yield* artifactPath(env, file)
    if (!existsSync(path)) {
      yield* Effect.logWarning(`${name} branch not configured: no artifact at ${path} (run pnpm train, or set ${env})`)
      return { path, model: undefined }
    }
    const started = performance.now()
    const model = yield* Effect.try({
      try: () => decode(readFileSync(path), `${name} artifact ${path}`),
      catch: (e) => new Error(`cannot load the ${name} branch: ${(e as Error).message}`)
    })
    yield* Effect.logDebug(`${name} branch loaded ${path} in ${(performance.now() - started).toFixed(0)} ms`)
    return { path, model: model as M | undefined }
  }).pipe(Effect.orDie)

/** The branch over a loaded artifact, or a not_configured one when there is none. */
export const loadModelBranch = <M>(
  name: string,
  env: string,
  file: string,
  decode: (bytes: Uint8Array, what: string) => M,
  toBranch: (model: M) => Branch
) =>
  Effect.map(loadModel(name, env, file, decode), ({ path, model }) =>
    model === undefined ? notConfiguredBranch(name, `no artifact at ${path}`) : toBranch(model))
