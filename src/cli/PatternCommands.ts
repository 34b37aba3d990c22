import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { readFileSync } from "node:fs"
import { analyze } from "../../domain/Heuristics.ts"
import type { PatternLibrary, PatternSpec } from "../../domain/PatternLibrary.ts"
import { currentLibrary, libraryVersion, parseLibrary, PatternsBucket, PatternsKey, writeLibrary } from "../KvPatterns.ts"
import { firstLine, json, printJson, table, withNats } from "./CliSupport.ts"

const list = Command.make(
  "list",
  { json },
  Effect.fn(function*({ json }) {
    const { loaded } = yield* currentLibrary
    if (json) return yield* printJson(loaded.library)
    yield* Console.error(`# library ${libraryVersion(loaded)}: ${loaded.library.patterns.length} patterns`)
    yield* Console.log(table(
      ["ID", "CATEGORY", "WEIGHT", "LANG", "PATTERN"],
      loaded.library.patterns.map((p) => [p.id, p.category, String(p.weight), p.lang, firstLine(p.pattern, 70)])
    ))
  }, withNats)
).pipe(Command.withDescription(`Branch A's patterns in force (${PatternsBucket}/${PatternsKey}, else the built-in library)`))

const store = (library: PatternLibrary, expected: number | undefined, what: string) =>
  Effect.gen(function*() {
    const revision = yield* writeLibrary(library, expected)
    yield* Console.log(`${what}; stored as ${PatternsBucket}/${PatternsKey} rev ${revision}, workers apply it as ${library.version}@r${revision}`)
  })

const add = Command.make(
  "add",
  {
    id: Argument.String("id").pipe(Argument.withDescription("a new, unique pattern id, e.g. custom.competitor")),
    pattern: Argument.String("pattern").pipe(Argument.withDescription("RE2 regular expression over normalised (lower-case, ASCII) text")),
    category: Flag.String("category").pipe(Flag.withDescription("category reported when it fires"), Flag.withDefault("CUSTOM")),
    weight: Flag.Finite("weight").pipe(Flag.withDescription("evidence of one match, 0-100"), Flag.withDefault(60)),
    lang: Flag.Literals("lang", ["en", "pl", "any"]).pipe(Flag.withDefault("any" as const))
  },
  Effect.fn(function*({ id, pattern, category, weight, lang }) {
    const { loaded, latestRevision } = yield* currentLibrary
    if (loaded.library.patterns.some((p) => p.id === id)) return yield* Effect.fail(new Error(`pattern ${id} exists already; remove it first`))
    const spec: PatternSpec = { id, category, weight, lang, pattern }
    yield* store({ ...loaded.library, patterns: [...loaded.library.patterns, spec] }, latestRevision, `added ${id}`)
  }, withNats)
).pipe(Command.withDescription("Add a pattern (validated with the whole library before it is stored)"))

const remove = Command.make(
  "remove",
  { id: Argument.String("id").pipe(Argument.withDescription("the pattern id to remove")) },
  Effect.fn(function*({ id }) {
    const { loaded, latestRevision } = yield* currentLibrary
    if (!loaded.library.patterns.some((p) => p.id === id)) return yield* Effect.fail(new Error(`no pattern ${id} in ${libraryVersion(loaded)}`))
    yield* store({ ...loaded.library, patterns: loaded.library.patterns.filter((p) => p.id !== id) }, latestRevision, `removed ${id}`)
  }, withNats)
).pipe(Command.withDescription("Remove a pattern by id"))

const test = Command.make(
  "test",
  {
    text: Argument.String("text").pipe(Argument.withDescription("the prompt to score")),
    file: Flag.String("file").pipe(Flag.withDescription("score with this library file instead of the one in force"), Flag.optional),
    pattern: Flag.String("pattern").pipe(Flag.withDescription("add this candidate pattern (id candidate) for the test only"), Flag.optional),
    json
  },
  Effect.fn(function*({ text, file, pattern, json }) {
    const base = Option.isSome(file)
      ? { library: (yield* Effect.fromResult(parseLibrary(readFileSync(file.value, "utf8"), file.value))).library, version: file.value }
      : yield* Effect.map(currentLibrary, ({ loaded }) => ({ library: loaded.library, version: libraryVersion(loaded) }))
    const candidate: PatternLibrary = Option.isSome(pattern)
      ? { ...base.library, patterns: [...base.library.patterns, { id: "candidate", category: "CANDIDATE", weight: 60, lang: "any", pattern: pattern.value }] }
      : base.library
    const compiled = yield* Effect.fromResult(parseLibrary(JSON.stringify(candidate), "the candidate library"))
    const result = analyze(text, compiled.compiled)
    if (json) return yield* printJson({ library: base.version, ...result })
    yield* Console.log([
      `library  ${base.version}${Option.isSome(pattern) ? " + candidate pattern" : ""} (nothing is saved)`,
      `score    ${result.score}`,
      `category ${result.categories.join(", ") || "-"}`,
      ...(result.evidence.length > 0 ? result.evidence.map((e) => `  fired  ${e}`) : ["  no pattern fired"])
    ].join("\n"))
  }, withNats)
).pipe(Command.withDescription("Which patterns fire on a text and its branch A score, before anything is saved"))

export const patternsCommand = Command.make("patterns").pipe(
  Command.withDescription("Branch A's heuristic patterns in KV: list, add, remove, test"),
  Command.withSubcommands([list, add, remove, test])
)

