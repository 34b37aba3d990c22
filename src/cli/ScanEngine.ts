import { Effect, Layer, Result } from "effect"
import { createReadStream, readFileSync } from "node:fs"
import { createInterface } from "node:readline"
import type { GuardConfig } from "../../domain/Config.ts"
import { defaultConfig } from "../../domain/Config.ts"
import { GuardRequest, type Mode } from "../../domain/Request.ts"
import { type ScanInput, scanOutput, type ScanOutput } from "../../domain/ScanLine.ts"
import { evolve, initial } from "../../domain/State.ts"
import { DetectionBranches } from "../DetectionBranches.ts"
import { parseConfig } from "../KvConfig.ts"
import { parseReferences, rowsOf } from "../KvReferences.ts"
import { semanticBranch, shippedSemanticIndex } from "../SemanticBranch.ts"
import { withReferences } from "../../domain/SemanticOverlay.ts"
import { loadPiiConfigFile, PiiSettings } from "../PiiSettings.ts"
import { Arbiter, arbiterStage, detectionStage, PiiRecognizer, piiStage } from "../Stages.ts"

/**
 * Offline scanning with the workers' own stages and services (branch registry with the trained artifacts,
 * PII recogniser, arbiter), but no NATS: the request goes through the fold directly. PII always runs, even
 * for a prompt sure to be blocked, because the scan reports the entities.
 */
export const ScanServices = Layer.mergeAll(DetectionBranches.layer, PiiRecognizer.layer, Arbiter.layer)

export const scanOne = Effect.fnUntraced(function*(input: ScanInput, mode: Mode, config: GuardConfig) {
  const request = new GuardRequest({ requestId: `scan-${input.id}`, text: input.text, mode, returnDecisionProcess: true, receivedAt: 0 })
  let state = initial(request)
  const detection = yield* detectionStage(state, config)
  state = evolve(state, detection)
  const pii = yield* piiStage(state, config)
  state = evolve(state, pii)
  const decision = yield* arbiterStage(state, config)
  return scanOutput(input, detection.branches, pii, decision) satisfies ScanOutput
})

/** `--config FILE`: the same Schema as the vigil-config KV bucket, so a file that scans also deploys. */
export const loadConfig = (file: string | undefined) =>
  file === undefined
    ? Effect.succeed(defaultConfig)
    : Effect.try({ try: () => readFileSync(file, "utf8"), catch: (e) => new Error(`--config ${file}: ${(e as Error).message}`) }).pipe(
      Effect.flatMap((text) => parseConfig(text, file)),
      Effect.mapError((e) => new Error(e.message.startsWith("--config") ? e.message : `--config ${file}: ${e.message}`))
    )

/**
 * `--pii-config FILE`: the PII recogniser runs with those settings instead of infra/pii/config.json. The
 * inner PiiRecognizer overrides the one ScanServices built; fresh, or the layer memo would hand back that one.
 */
export const withPiiConfig = (file: string | undefined) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | Error, Exclude<R, PiiRecognizer>> =>
  file === undefined
    ? (effect as Effect.Effect<A, E, Exclude<R, PiiRecognizer>>)
    : Effect.flatMap(loadPiiConfigFile(file, "--pii-config"), (pii) =>
      Effect.provide(effect, Layer.fresh(PiiRecognizer.layer).pipe(Layer.provide(PiiSettings.layerStatic(pii)))))

/** Lines of a file or of stdin, streamed, so a large file is never held in memory at once. */
export const inputLines = (file: string | undefined): AsyncIterable<string> =>
  createInterface({ input: file === undefined ? process.stdin : createReadStream(file, "utf8"), crlfDelay: Infinity })

/** Lines in a file, for the progress bar; one pass over the bytes, without decoding them. */
export const countLines = (file: string): Promise<number> =>
  new Promise((resolve, reject) => {
    let n = 0
    let last = 10
    createReadStream(file)
      .on("data", (chunk) => {
        const b = chunk as Buffer
        for (let i = 0; i < b.length; i++) if (b[i] === 10) n++
        if (b.length > 0) last = b[b.length - 1]!
      })
      .on("end", () => resolve(last === 10 ? n : n + 1))
      .on("error", reject)
  })

/** A bar on stderr when it is a terminal; a pipe or a log file gets only the final summary line. */
export const progress = (total: number | undefined) => {
  const tty = process.stderr.isTTY === true && total !== undefined && total > 0
  let shown = -1
  return {
    tick: (done: number) => {
      if (!tty) return
      const pct = Math.floor((100 * done) / total!)
      if (pct === shown) return
      shown = pct
      const width = 30
      const filled = Math.round((width * done) / total!)
      process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} ${pct}%`)
    },
    done: (summary: string) => process.stderr.write(`${tty ? "\r\x1b[K" : ""}${summary}\n`)
  }
}

/**
 * `--reference FILE`: branch B with a reference set laid over the shipped index, as the workers would
 * after `vigil reference put FILE`: to measure a set on labelled prompts before it goes live.
 */
export const useReferenceFile = (file: string | undefined) =>
  Effect.gen(function*() {
    if (file === undefined) return
    const text = yield* Effect.try({ try: () => readFileSync(file, "utf8"), catch: (e) => new Error(`--reference ${file}: ${(e as Error).message}`) })
    const parsed = parseReferences(text, `--reference ${file}`)
    if (Result.isFailure(parsed)) return yield* Effect.fail(new Error(`${parsed.failure.source}: ${parsed.failure.message}`))
    const { path, index } = yield* shippedSemanticIndex
    if (index === undefined) return yield* Effect.fail(new Error(`--reference ${file}: branch B has no index at ${path} (run pnpm train)`))
    const registry = yield* DetectionBranches
    yield* registry.register(semanticBranch(withReferences(index, parsed.success.rows), `reference ${file} (${rowsOf(parsed.success)})`))
  })
