import { Console, Effect, Logger, Option, References, Result, Stream } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { METRICS_HEADER, metricsByGroup, metricsRow, type Outcome } from "../../domain/EvalMetrics.ts"
import { parseLine, type ScanError, type ScanInput } from "../../domain/ScanLine.ts"
import { table } from "./CliSupport.ts"
import { countLines, inputLines, loadConfig, progress, ScanServices, scanOne, useReferenceFile, withPiiConfig } from "./ScanEngine.ts"

const mode = Flag.Literals("mode", ["fast", "full"]).pipe(
  Flag.withDescription("full runs heuristics, semantic and classifier; fast skips the classifier"),
  Flag.withDefault("full")
)
const configFile = Flag.String("config").pipe(
  Flag.withDescription("a GuardConfig JSON file (the shape of infra/config/default.json); default: the built-in one"),
  Flag.optional
)
const piiConfigFile = Flag.String("pii-config").pipe(
  Flag.withDescription("PII settings JSON (the shape of infra/pii/config.json and of vigil-config/pii); default: that file"),
  Flag.optional
)
const referenceFile = Flag.String("reference").pipe(
  Flag.withDescription("a branch B reference set JSON (the shape of vigil-patterns/reference) laid over the shipped index"),
  Flag.optional
)

/** Reads the lines, skipping none: a bad line becomes an error for `onError` and the run goes on. */
const eachLine = <E, R>(file: string | undefined, requireLabel: boolean, handle: (line: number, parsed: Result.Result<ScanInput, ScanError>) => Effect.Effect<void, E, R>) =>
  Effect.gen(function*() {
    const total = file === undefined ? undefined : yield* Effect.tryPromise({ try: () => countLines(file), catch: (e) => new Error(`${file}: ${(e as Error).message}`) })
    const bar = progress(total)
    let n = 0
    let bad = 0
    const started = performance.now()
    yield* Stream.fromAsyncIterable(inputLines(file), (e) => new Error(`${file ?? "stdin"}: ${(e as Error).message}`)).pipe(
      Stream.runForEach((text) => {
        n++
        const parsed = text.trim() === "" ? Result.fail<ScanError>({ line: n, error: "empty line" }) : parseLine(text, n, requireLabel)
        if (Result.isFailure(parsed)) bad++
        return handle(n, parsed).pipe(Effect.tap(() => Effect.sync(() => bar.tick(n))))
      })
    )
    const seconds = (performance.now() - started) / 1000
    bar.done(`vigil: ${n} lines, ${bad} bad, in ${seconds.toFixed(1)} s (${(n / Math.max(seconds, 1e-9)).toFixed(0)} lines/s)`)
  })

const write = (line: unknown) => Effect.sync(() => process.stdout.write(JSON.stringify(line) + "\n"))

/** Expected failures (a missing file, a bad config) are one line on stderr and exit code 1. */
const run = <A, R>(effect: Effect.Effect<A, Error, R>) =>
  effect.pipe(
    Effect.provide(ScanServices),
    // Branch warnings (an artifact missing) stay visible, on stderr: stdout carries only JSONL.
    Effect.provide(Logger.layer([Logger.withConsoleError(Logger.formatSimple)])),
    Effect.provideService(References.MinimumLogLevel, "Warn"),
    Effect.catch((e) => Console.error(`vigil: ${e.message}`).pipe(Effect.andThen(Effect.sync(() => { process.exitCode = 1 }))))
  )

export const scanCommand = Command.make(
  "scan",
  { mode, config: configFile, piiConfig: piiConfigFile, reference: referenceFile, file: Argument.String("file").pipe(Argument.withDescription("JSONL, one {\"id\"?, \"text\"} per line; stdin when absent"), Argument.optional) },
  ({ mode, config, piiConfig, reference, file }) =>
    run(Effect.gen(function*() {
      const cfg = yield* loadConfig(Option.getOrUndefined(config))
      yield* useReferenceFile(Option.getOrUndefined(reference))
      yield* eachLine(Option.getOrUndefined(file), false, (_, parsed) =>
        Result.isFailure(parsed) ? write(parsed.failure) : Effect.flatMap(scanOne(parsed.success, mode, cfg), write))
    }).pipe(withPiiConfig(Option.getOrUndefined(piiConfig))))
).pipe(Command.withDescription("scan prompts offline with the pipeline's stages (no NATS): one JSONL result per input line, in order"))

const flagOn = Flag.Literals("flag-on", ["block", "sanitize"]).pipe(
  Flag.withDescription("what counts as flagged: BLOCK only (default), or also a SANITIZE from the threat score (not from PII alone)"),
  Flag.withDefault("block")
)

export const evalCommand = Command.make(
  "eval",
  { mode, config: configFile, piiConfig: piiConfigFile, reference: referenceFile, flagOn, file: Argument.String("file").pipe(Argument.withDescription("JSONL with \"text\" and \"label\": \"malicious\"|\"benign\" (and \"category\")")) },
  ({ mode, config, piiConfig, reference, flagOn, file }) =>
    run(Effect.gen(function*() {
      const cfg = yield* loadConfig(Option.getOrUndefined(config))
      yield* useReferenceFile(Option.getOrUndefined(reference))
      const outcomes: Array<Outcome> = []
      yield* eachLine(file, true, (line, parsed) => {
        if (Result.isFailure(parsed)) return Console.error(`line ${line}: ${parsed.failure.error}`)
        const input = parsed.success
        return Effect.map(scanOne(input, mode, cfg), (out) => {
          const flagged = out.decision === "BLOCK" || (flagOn === "sanitize" && out.threat_score >= cfg.thresholds.sanitize)
          outcomes.push({ label: input.label!, flagged, group: input.category ?? "-" })
        })
      })
      yield* Console.log(`${file}: mode ${mode}, flagged = ${flagOn === "block" ? "BLOCK" : "BLOCK or threat score ≥ " + cfg.thresholds.sanitize}, config ${cfg.version}\n`)
      yield* Console.log(table(METRICS_HEADER, metricsByGroup(outcomes).map(([g, m]) => metricsRow(g, m))))
    }).pipe(withPiiConfig(Option.getOrUndefined(piiConfig))))
).pipe(Command.withDescription("detection rate, false positive rate and F1 of a labelled JSONL file, overall and per category"))

export const scanCommands = [scanCommand, evalCommand] as const
