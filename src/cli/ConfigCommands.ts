import { Console, Effect, Option, Result, Schema } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { readFileSync } from "node:fs"
import { defaultConfig, GuardConfig } from "../../domain/Config.ts"
import { diff, formatChange } from "../../domain/ConfigDiff.ts"
import { ConfigBucket, ConfigKey, parseConfig } from "../KvConfig.ts"
import { type ConfigRevision, configHistory, inForce, rollback, writeConfig } from "../KvConfigStore.ts"
import { firstLine, json, printJson, reported, table, withNats } from "./CliSupport.ts"

const encode = Schema.encodeSync(GuardConfig)

const readText = (file: string) =>
  Effect.try({
    try: () => readFileSync(file === "-" ? 0 : file, "utf8"),
    catch: (e) => new Error(`cannot read ${file === "-" ? "standard input" : file}: ${(e as Error).message}`)
  })

const revisionFlag = (name: string, description: string) =>
  Flag.Int(name).pipe(Flag.withDescription(description), Flag.optional)

const find = (history: ReadonlyArray<ConfigRevision>, revision: number) =>
  Effect.fromNullishOr(history.find((r) => r.revision === revision)).pipe(
    Effect.mapError(() => new Error(`revision ${revision} is not in ${ConfigBucket} history`))
  )

/** The JSON of a revision as it validated, or the raw text when it did not. */
const valueOf = (r: ConfigRevision | undefined): unknown =>
  r === undefined ? encode(defaultConfig) : Result.isSuccess(r.config) ? encode(r.config.success) : r.text

const printDiff = (before: unknown, after: unknown) => {
  const changes = diff(before, after)
  return Console.log(changes.length === 0 ? "(no changes)" : changes.map(formatChange).join("\n"))
}

const get = Command.make(
  "get",
  { revision: revisionFlag("revision", "show this revision instead of the one in force") },
  Effect.fn(function*({ revision }) {
    const history = yield* configHistory
    const shown = Option.isSome(revision) ? yield* find(history, revision.value) : inForce(history)
    yield* Console.error(
      shown === undefined
        ? `# no valid config in ${ConfigBucket}/${ConfigKey}: the built-in default is in force`
        : `# ${ConfigBucket}/${ConfigKey} rev ${shown.revision}, ${shown.created.toISOString()}${shown === inForce(history) ? ", in force" : ""}`
    )
    yield* printJson(valueOf(shown))
  }, withNats)
).pipe(Command.withDescription("Print the config in force (or --revision N) as JSON; `> file.json` to edit it"))

const set = Command.make(
  "set",
  { file: Argument.String("file").pipe(Argument.withDescription("a GuardConfig JSON file, or - for standard input")) },
  Effect.fn(function*({ file }) {
    // Validated before connecting, so a bad file is refused even when NATS is away.
    const text = yield* readText(file)
    const candidate = yield* parseConfig(text, file)
    yield* withNats(Effect.gen(function*() {
      const before = valueOf(inForce(yield* configHistory))
      const written = yield* writeConfig(text, file)
      yield* printDiff(before, encode(candidate))
      yield* Console.log(`stored as ${ConfigBucket}/${ConfigKey} rev ${written.revision}; workers apply it as ${candidate.version}@r${written.revision}`)
    }))
  }, reported)
).pipe(Command.withDescription("Validate a config file and store it; running workers apply it without restart"))

const validate = Command.make(
  "validate",
  { file: Argument.String("file").pipe(Argument.withDescription("a GuardConfig JSON file, or - for standard input")) },
  Effect.fn(function*({ file }) {
    const config = yield* Effect.flatMap(readText(file), (text) => parseConfig(text, file))
    yield* Console.log(`${file}: valid GuardConfig ${config.version}`)
  }, reported)
).pipe(Command.withDescription("Check a config file against the GuardConfig Schema, without NATS"))

const diffCommand = Command.make(
  "diff",
  {
    file: Argument.String("file").pipe(Argument.withDescription("compare this file with the config in force"), Argument.optional),
    from: revisionFlag("from", "older revision (default: the valid one before --to)"),
    to: revisionFlag("to", "newer revision (default: the one in force)")
  },
  Effect.fn(function*({ file, from, to }) {
    const history = yield* configHistory
    const current = inForce(history)
    if (Option.isSome(file)) {
      const candidate = yield* parseConfig(yield* readText(file.value), file.value)
      return yield* printDiff(valueOf(current), encode(candidate))
    }
    const newer = Option.isSome(to) ? yield* find(history, to.value) : current
    if (newer === undefined) return yield* Console.log(`no config in ${ConfigBucket}/${ConfigKey} yet`)
    const older = Option.isSome(from)
      ? yield* find(history, from.value)
      : history.filter((r) => r.revision < newer.revision).findLast((r) => Result.isSuccess(r.config))
    yield* Console.error(`# rev ${older?.revision ?? "built-in default"} → rev ${newer.revision}`)
    yield* printDiff(valueOf(older), valueOf(newer))
  }, withNats)
).pipe(Command.withDescription("Show what a file (or revision --to) changes against the config in force (or --from)"))

const history = Command.make(
  "history",
  { json },
  Effect.fn(function*({ json }) {
    const revisions = yield* configHistory
    const current = inForce(revisions)
    if (json) {
      return yield* printJson(revisions.map((r) => ({
        revision: r.revision,
        created: r.created.toISOString(),
        operation: r.operation,
        inForce: r === current,
        ...(Result.isSuccess(r.config) ? { version: r.config.success.version } : { refused: r.config.failure.message })
      })))
    }
    if (revisions.length === 0) return yield* Console.log(`no config in ${ConfigBucket}/${ConfigKey}: the built-in default is in force`)
    let previous: unknown = encode(defaultConfig)
    const rows = revisions.map((r) => {
      const ok = Result.isSuccess(r.config)
      const changes = ok ? diff(previous, valueOf(r)).length : 0
      if (ok) previous = valueOf(r)
      return [
        String(r.revision),
        r.created.toISOString(),
        r.operation,
        ok ? r.config.success.version : "-",
        r === current ? "in force" : ok ? "valid" : `refused: ${firstLine(Result.isFailure(r.config) ? r.config.failure.message : "", 60)}`,
        ok ? String(changes) : "-"
      ]
    })
    yield* Console.log(table(["REV", "STORED", "OP", "VERSION", "STATUS", "CHANGES"], rows))
  }, withNats)
).pipe(Command.withDescription("Every revision KV history keeps, with the one in force and the refused ones"))

const rollbackCommand = Command.make(
  "rollback",
  { to: revisionFlag("to", "the revision to restore (default: the valid one before the one in force)") },
  Effect.fn(function*({ to }) {
    const result = yield* rollback(Option.getOrUndefined(to))
    yield* Console.log(
      `restored rev ${result.from} as rev ${result.revision}; workers apply it as ${result.config.version}@r${result.revision}`
    )
  }, withNats)
).pipe(Command.withDescription("Store an earlier valid revision again as the newest one"))

export const configCommand = Command.make("config").pipe(
  Command.withDescription(`The live GuardConfig in KV (${ConfigBucket}/${ConfigKey}): thresholds, weights, modes`),
  Command.withSubcommands([get, set, validate, diffCommand, history, rollbackCommand])
)
