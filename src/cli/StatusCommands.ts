import { Console, Duration, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { dlqTotal, type Verdict, verdicts, worst } from "../../domain/StatusVerdicts.ts"
import { readStatus, type Status } from "../StreamStatus.ts"
import { json, parseDuration, printJson, table, withNats } from "./CliSupport.ts"

const bytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(2)} GiB`

export const formatStatus = (s: Status, vs: ReadonlyArray<Verdict>): string => {
  const dead = dlqTotal(s)
  const perWorker = Object.entries(s.dlq).filter(([, n]) => n > 0).map(([w, n]) => `${w} ${n}`).join(", ")
  return [
    `server   ${s.server.url}  ${s.server.name}  nats-server ${s.server.version}  rtt ${s.server.rttMs.toFixed(1)} ms  at ${new Date(s.at).toISOString()}`,
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
    const print = (current: Status, previous: Status | undefined) => {
      const vs = verdicts(current, previous)
      if (json) return printJson({ ...current, health: worst(vs), verdicts: vs })
      const clear = watch && process.stdout.isTTY ? "\x1b[2J\x1b[H" : ""
      return Console.log(clear + formatStatus(current, vs))
    }
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
