import { Console, Duration, Effect, Option, Result } from "effect"
import { Command, Flag } from "effect/cli"
import { dlqTotal, type Verdict, verdicts, worst } from "../../domain/StatusVerdicts.ts"
import { configHistory, inForce } from "../KvConfigStore.ts"
import { currentLibrary, libraryVersion } from "../KvPatterns.ts"
import { currentReferences, referencesVersion, rowsOf } from "../KvReferences.ts"
import { readStatus, type Status } from "../StreamStatus.ts"
import { json, parseDuration, printJson, table, withNats } from "./CliSupport.ts"

const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(2)} GiB`

const unreadable = (e: { readonly message: string }) =>
  Effect.succeed(/stream not found/.test(e.message) ? "bucket missing (not provisioned)" : `unreadable: ${e.message.split("\n")[0]}`)

/** What KV holds for the workers to apply, or why it cannot be read. */
const kvVersions = Effect.all({
  config: configHistory.pipe(
    Effect.map((h) => {
      const current = inForce(h)
      return current !== undefined && Result.isSuccess(current.config) ? `${current.config.success.version}@r${current.revision}` : "built-in default"
    }),
    Effect.catch(unreadable)
  ),
  patterns: currentLibrary.pipe(
    Effect.map(({ loaded }) => libraryVersion(loaded)),
    Effect.catch(unreadable)
  ),
  reference: currentReferences.pipe(
    Effect.map(({ set, revision }) => revision === undefined ? "none" : `${referencesVersion(set, revision)}, ${rowsOf(set)}`),
    Effect.catch(unreadable)
  )
})

export const formatStatus = (s: Status, vs: ReadonlyArray<Verdict>, kv?: { readonly config: string; readonly patterns: string; readonly reference?: string }): string => {
  const dead = dlqTotal(s)
  const perWorker = Object.entries(s.dlq).filter(([, n]) => n > 0).map(([w, n]) => `${w} ${n}`).join(", ")
  return [
    `server   ${s.server.url}  ${s.server.name}  nats-server ${s.server.version}  rtt ${s.server.rttMs.toFixed(1)} ms  at ${new Date(s.at).toISOString()}`,
    ...(kv !== undefined
      ? [`config   ${kv.config} (vigil-config)   patterns ${kv.patterns} (vigil-patterns)${kv.reference !== undefined ? `   reference ${kv.reference}` : ""}`]
      : []),
    "",
    table(["STREAM", "MESSAGES", "BYTES", "CONSUMERS"], s.streams.map((x) => [x.name, String(x.messages), bytes(x.bytes), String(x.consumers)])),
    "",
    table(
      ["CONSUMER", "PENDING", "ACK PENDING", "REDELIVERED", "WAITING"],
      s.consumers.map((c) => [`${c.stream}/${c.name}`, String(c.pending), String(c.ackPending), String(c.redelivered), String(c.waiting)])
    ),
    "",
    `DLQ      ${dead}${perWorker !== "" ? ` (${perWorker})` : ""}`,
    "",
    `HEALTH   ${worst(vs).toUpperCase()}`,
    ...vs.map((v) => `  ${v.level.padEnd(8)} ${v.subject}: ${v.message}`)
  ].join("\n")
}

const interval = (name: string, fallback: string, description: string) =>
  Flag.String(name).pipe(
    Flag.withDescription(description),
    Flag.withDefault(fallback),
    Flag.mapTryCatch((s) => Option.getOrThrow(parseDuration(s)), () => "expected a duration such as 500ms, 2s or 1m")
  )

export const statusCommand = Command.make(
  "status",
  {
    watch: Flag.Boolean("watch").pipe(Flag.withDescription("refresh until interrupted (Ctrl-C)"), Flag.withDefault(false)),
    every: interval("interval", "2s", "time between readings with --watch"),
    sample: interval("sample", "1s", "gap between the two readings a one-shot status compares for trends"),
    json
  },
  Effect.fn(function*({ watch, every, sample, json }) {
    const print = (current: Status, previous: Status | undefined) =>
      Effect.gen(function*() {
        const vs = verdicts(current, previous)
        const kv = yield* kvVersions
        if (json) return yield* printJson({ ...current, kv, health: worst(vs), verdicts: vs })
        const clear = watch && process.stdout.isTTY ? "\x1b[2J\x1b[H" : ""
        return yield* Console.log(clear + formatStatus(current, vs, kv))
      })
    let previous = yield* readStatus
    if (!watch) {
      yield* Effect.sleep(Duration.millis(sample))
      const current = yield* readStatus
      yield* print(current, previous)
      if (worst(verdicts(current, previous)) === "critical") process.exitCode = 2
      return
    }
    yield* print(previous, undefined)
    while (true) {
      yield* Effect.sleep(Duration.millis(every))
      const current = yield* readStatus
      yield* print(current, previous)
      previous = current
    }
  }, withNats)
).pipe(Command.withDescription("Server, streams, consumers (pending, ack pending, redelivered, waiting), DLQ and health"))
