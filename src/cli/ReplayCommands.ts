import { Console, Effect, Option, Result } from "effect"
import { Command, Flag } from "effect/cli"
import { readFileSync } from "node:fs"
import { defaultConfig } from "../../domain/Config.ts"
import { analyze } from "../../domain/Heuristics.ts"
import { type Replayed, type ReplaySummary, summarize } from "../../domain/Replay.ts"
import { Clickhouse } from "../Clickhouse.ts"
import { parseConfig } from "../KvConfig.ts"
import { configHistory, inForce } from "../KvConfigStore.ts"
import { parseLibrary } from "../KvPatterns.ts"
import { Nats } from "../NatsConnection.ts"
import { replayHistory } from "../ReplayHistory.ts"
import { workerRows } from "../ReplayQueryResponder.ts"
import { clickhouseRows } from "../ReplayRows.ts"
import { durationFlag, json, printJson, table, withNats } from "./CliSupport.ts"

const readFile = (file: string) =>
  Effect.try({ try: () => readFileSync(file, "utf8"), catch: (e) => new Error(`cannot read ${file}: ${(e as Error).message}`) })

/** The candidate: a file, else what is in force in KV, else the built-in default. */
const candidateOf = (file: Option.Option<string>) =>
  Option.isSome(file)
    ? Effect.flatMap(readFile(file.value), (text) => Effect.map(parseConfig(text, file.value), (c) => ({ config: c, name: `${c.version} (${file.value})` })))
    : Effect.map(configHistory, (h) => {
      const current = inForce(h)
      const config = current !== undefined && Result.isSuccess(current.config) ? current.config.success : defaultConfig
      return { config, name: `${config.version} (in force${current !== undefined ? `, rev ${current.revision}` : ", built-in"})` }
    })

/** A bar on stderr when it is a terminal; pipes and logs get the final figures only. */
const progress = (done: number, total: number) =>
  Effect.sync(() => {
    if (!process.stderr.isTTY || total === 0) return
    const width = 30
    const filled = Math.round((width * done) / total)
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done >= total ? "\n" : ""}`)
  })

export const formatReplay = (s: ReplaySummary, candidate: string, versions: Record<string, number>, examples: ReadonlyArray<Replayed>) => {
  const pct = s.total > 0 ? ` (${((100 * s.changed) / s.total).toFixed(1)}%)` : ""
  const lines = [
    `replayed ${s.total} logged decision(s) under ${candidate}; logged under ${Object.entries(versions).map(([v, n]) => `${v} ×${n}`).join(", ") || "-"}`,
    `changed  ${s.changed}${pct}`
  ]
  if (s.changed > 0) {
    lines.push("", table(["FLIP", "REQUESTS"], Object.entries(s.flips).map(([k, n]) => [k, String(n)])))
    lines.push("", table(["CATEGORY", "STRICTER", "MILDER"], Object.entries(s.byCategory).map(([c, x]) => [c, String(x.stricter), String(x.milder)])))
    lines.push("", table(["REQUEST", "DECISION", "SCORE"], examples.map((r) => [r.requestId, `${r.before} → ${r.after}`, `${r.scoreBefore} → ${r.scoreAfter}`])))
  }
  if (s.piiAssumedNone > 0) lines.push(`note: ${s.piiAssumedNone} request(s) skipped PII as a certain block; the candidate would run it, and the replay assumes no PII`)
  return lines.join("\n")
}

export const replayCommand = Command.make(
  "replay",
  {
    since: durationFlag("since", "re-decide requests logged this far back: 1h, 24h, 7d"),
    config: Flag.String("config").pipe(Flag.withDescription("candidate GuardConfig file (default: the config in force)"), Flag.optional),
    patterns: Flag.String("patterns").pipe(Flag.withDescription("candidate pattern library file; re-scores branch A where the prompt was logged"), Flag.optional),
    limit: Flag.Int("limit").pipe(Flag.withDescription("at most this many requests, oldest first"), Flag.withDefault(100_000)),
    examples: Flag.Int("examples").pipe(Flag.withDescription("changed requests to list"), Flag.withDefault(10)),
    json
  },
  Effect.fn(function*({ since, config, patterns, limit, examples, json }) {
    const sinceMs = Date.now() - Option.getOrElse(since, () => 86_400_000)
    const candidate = yield* candidateOf(config)
    const library = Option.isSome(patterns)
      ? yield* Effect.flatMap(readFile(patterns.value), (text) => Effect.fromResult(parseLibrary(text, patterns.value)))
      : undefined
    const rescore = library !== undefined ? (text: string) => analyze(text, library.compiled) : undefined
    const options = { sinceMs, limit, candidate: candidate.config, rescore, onProgress: progress }
    // The running logging worker answers when it holds the embedded directory; else read ClickHouse here.
    const viaWorker = workerRows((yield* Nats).nc)
    const probe = yield* Effect.result(viaWorker.count(sinceMs))
    const run = Result.isSuccess(probe)
      ? yield* replayHistory(viaWorker, { ...options, pageSize: 500 })
      : yield* Console.error(`(${probe.failure.message}; reading ClickHouse directly)`).pipe(
        Effect.andThen(Effect.flatMap(clickhouseRows, (rows) => replayHistory(rows, options))),
        Effect.provide(Clickhouse.layerConfig),
        Effect.mapError((e) => new Error(`${(e as Error).message ?? String(e)} (with the embedded engine only one process may open the directory: run the logging worker, or set CLICKHOUSE_URL)`))
      )
    const summary = summarize(run.results)
    const changed = run.results.filter((r) => r.before !== r.after)
    if (json) return yield* printJson({ candidate: candidate.name, summary, versions: run.versions, changed })
    yield* Console.log(formatReplay(summary, candidate.name, run.versions, changed.slice(0, examples)))
    if (library !== undefined && summary.rescored === 0 && summary.total > 0) {
      yield* Console.log("note: no prompt text was logged (VIGIL_LOG_PROMPTS=hash), so the pattern library could not re-score branch A")
    }
  }, withNats)
).pipe(Command.withDescription("Re-decide logged requests under a candidate config (read only) and show what would change"))
