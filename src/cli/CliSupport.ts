import { Console, Duration, Effect, Layer, Option, References } from "effect"
import { Flag } from "effect/cli"
import { parseSince } from "../LoggingCommands.ts"
import { Nats, settingsConfig } from "../NatsConnection.ts"

/**
 * The CLI's own NATS connection (same NATS_* settings as the workers), failing fast when no server answers
 * instead of retrying for 30 s as a worker does; connection chatter is kept off the operator's screen.
 */
export const CliNats = Layer.unwrap(
  Effect.map(settingsConfig("vigil-cli"), (s) => Nats.layer({ ...s, connectTimeout: Duration.seconds(3) }))
)

const describe = (e: unknown): string => {
  const tagged = e as { _tag?: string; message?: string; source?: string }
  if (tagged?._tag === "ConfigRejected") return `config refused (${tagged.source}): ${tagged.message}`
  return String(tagged?.message ?? e)
}

/**
 * An expected failure is one clear line on stderr and exit code 1, not a stack trace: the operator needs
 * the reason, and scripts need the code.
 */
export const reported = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.provideService(References.MinimumLogLevel, "Error"),
    Effect.catch((e) =>
      Console.error(`vigil: ${describe(e)}`).pipe(Effect.andThen(Effect.sync(() => { process.exitCode = 1 })))
    )
  )

/** Runs a command on the CLI's own connection, failures reported as above. */
export const withNats = <A, E, R>(effect: Effect.Effect<A, E, R>) => reported(Effect.provide(effect, CliNats))

export const json = Flag.Boolean("json").pipe(Flag.withDescription("print JSON instead of a table"), Flag.withDefault(false))

/** parseSince's forms ("30s", "7d", "90 minutes") and milliseconds ("500ms"). */
export const parseDuration = (text: string): Option.Option<number> => {
  const ms = /^\s*(\d+)\s*ms\s*$/.exec(text)
  return ms !== null ? Option.some(Number(ms[1])) : parseSince(text)
}

/** A duration back from now ("30m", "24h", "7d"), as a cut-off time in epoch ms. */
export const durationFlag = (name: string, description: string) =>
  Flag.String(name).pipe(
    Flag.withDescription(description),
    Flag.mapTryCatch((s) => Option.getOrThrow(parseDuration(s)), () => "expected a duration such as 30m, 1h, 24h or 7d"),
    Flag.optional
  )

/** Plain text columns, widths from the content. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ")
  return [line(header), ...rows.map(line)].join("\n")
}

export const printJson = (value: unknown) => Console.log(JSON.stringify(value, null, 2))

export const firstLine = (text: string, max = 80) => {
  const line = text.split("\n")[0] ?? ""
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
