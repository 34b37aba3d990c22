import { Console, Effect, Option, Result } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { readFileSync } from "node:fs"
import { basename } from "node:path"
import { parseLine } from "../../domain/ScanLine.ts"
import type { ReferenceRow, ReferenceSet } from "../../domain/ReferenceSet.ts"
import { semanticScore } from "../../domain/Semantic.ts"
import { withReferences } from "../../domain/SemanticOverlay.ts"
import { PatternsBucket } from "../KvPatterns.ts"
import { currentReferences, parseReferences, ReferenceKey, referencesVersion, rowsOf, writeReferences } from "../KvReferences.ts"
import { shippedSemanticIndex } from "../SemanticBranch.ts"
import { firstLine, json, printJson, table, withNats } from "./CliSupport.ts"

const where = `${PatternsBucket}/${ReferenceKey}`

const list = Command.make(
  "list",
  { json },
  Effect.fn(function*({ json }) {
    const { set, revision } = yield* currentReferences
    if (json) return yield* printJson(set)
    yield* Console.error(`# reference set ${referencesVersion(set, revision)}: ${rowsOf(set)} (${where})`)
    yield* Console.log(table(["ID", "LABEL", "CATEGORY", "TEXT"], set.rows.map((r) => [r.id, r.label, r.category ?? "-", firstLine(r.text, 70)])))
  }, withNats)
).pipe(Command.withDescription(`Branch B's operator reference rows in force (${where})`))

const store = (set: ReferenceSet, expected: number | undefined, what: string) =>
  Effect.gen(function*() {
    const revision = yield* writeReferences(set, expected)
    yield* Console.log(`${what}; stored as ${where} rev ${revision} (${rowsOf(set)}), workers apply it as ${set.version}@r${revision}`)
  })

const label = Flag.Literals("label", ["attack", "safe"]).pipe(Flag.withDescription("attack: catch prompts like it; safe: stop flagging prompts like it"))

const add = Command.make(
  "add",
  {
    id: Argument.String("id").pipe(Argument.withDescription("a new, unique row id, named in the evidence when the row matches")),
    text: Argument.String("text").pipe(Argument.withDescription("the prompt")),
    label,
    category: Flag.String("category").pipe(Flag.withDescription("category reported when this attack row decides the branch"), Flag.optional)
  },
  Effect.fn(function*({ id, text, label, category }) {
    const { set, latestRevision } = yield* currentReferences
    if (set.rows.some((r) => r.id === id)) return yield* Effect.fail(new Error(`row ${id} exists already; remove it first`))
    const row: ReferenceRow = Option.isSome(category) ? { id, label, text, category: category.value } : { id, label, text }
    yield* store({ ...set, version: set.rows.length === 0 ? "operator" : set.version, rows: [...set.rows, row] }, latestRevision, `added ${id}`)
  }, withNats)
).pipe(Command.withDescription("Add a prompt to branch B's reference set (no retraining; workers apply it live)"))

const remove = Command.make(
  "remove",
  { id: Argument.String("id").pipe(Argument.withDescription("the row id to remove")) },
  Effect.fn(function*({ id }) {
    const { set, revision, latestRevision } = yield* currentReferences
    if (!set.rows.some((r) => r.id === id)) return yield* Effect.fail(new Error(`no row ${id} in ${referencesVersion(set, revision)}`))
    yield* store({ ...set, rows: set.rows.filter((r) => r.id !== id) }, latestRevision, `removed ${id}`)
  }, withNats)
).pipe(Command.withDescription("Remove a row by id"))

const put = Command.make(
  "put",
  { file: Argument.String("file").pipe(Argument.withDescription("a reference set as JSON: {\"version\", \"rows\": [{\"id\", \"label\": \"attack\"|\"safe\", \"text\", \"category\"?}]}")) },
  Effect.fn(function*({ file }) {
    const set = yield* Effect.fromResult(parseReferences(readFileSync(file, "utf8"), file))
    const { latestRevision } = yield* currentReferences
    yield* store(set, latestRevision, `replaced the set with ${file}`)
  }, withNats)
).pipe(Command.withDescription("Replace the whole reference set with a file (validated before it is stored)"))

// `vigil eval`'s labelled JSONL, so prompts an evaluation or the decision log turned up go in as they are.
const rowsFromJsonl = (text: string, file: string, prefix: string): Result.Result<Array<ReferenceRow>, Error> => {
  const rows: Array<ReferenceRow> = []
  const bad: Array<string> = []
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return
    const parsed = parseLine(line, i + 1, true)
    if (Result.isFailure(parsed)) return void bad.push(`line ${i + 1}: ${parsed.failure.error}`)
    const { id, text, label, category } = parsed.success
    const row = { id: `${prefix}${id}`, label: label === "malicious" ? "attack" as const : "safe" as const, text }
    rows.push(category === undefined ? row : { ...row, category })
  })
  return bad.length > 0 ? Result.fail(new Error(`${file}: ${bad.slice(0, 10).join("; ")}${bad.length > 10 ? `; and ${bad.length - 10} more` : ""}`)) : Result.succeed(rows)
}

const importRows = Command.make(
  "import",
  {
    file: Argument.String("file").pipe(Argument.withDescription("JSONL as for vigil eval: {\"id\"?, \"text\", \"label\": \"malicious\"|\"benign\", \"category\"?} per line")),
    prefix: Flag.String("prefix").pipe(Flag.withDescription("put before each line's id (default: the file's name and a colon)"), Flag.optional)
  },
  Effect.fn(function*({ file, prefix }) {
    const text = yield* Effect.try({ try: () => readFileSync(file, "utf8"), catch: (e) => new Error(`${file}: ${(e as Error).message}`) })
    const rows = yield* Effect.fromResult(rowsFromJsonl(text, file, Option.getOrElse(prefix, () => `${basename(file)}:`)))
    const { set, latestRevision } = yield* currentReferences
    const taken = new Set(set.rows.map((r) => r.id))
    const clash = rows.filter((r) => taken.has(r.id)).map((r) => r.id)
    if (clash.length > 0) return yield* Effect.fail(new Error(`rows exist already: ${clash.slice(0, 10).join(", ")}; remove them or use --prefix`))
    yield* store({ ...set, version: set.rows.length === 0 ? "operator" : set.version, rows: [...set.rows, ...rows] }, latestRevision, `imported ${rows.length} rows from ${file}`)
  }, withNats)
).pipe(Command.withDescription("Add the rows of a labelled JSONL file (malicious → attack, benign → safe), all or none"))

const test = Command.make(
  "test",
  { text: Argument.String("text").pipe(Argument.withDescription("the prompt to score")), json },
  Effect.fn(function*({ text, json }) {
    const { set, revision } = yield* currentReferences
    const { path, index } = yield* shippedSemanticIndex
    if (index === undefined) return yield* Effect.fail(new Error(`branch B has no index at ${path}: run pnpm train`))
    const shipped = semanticScore(index, text)
    const overlaid = semanticScore(withReferences(index, set.rows), text)
    const version = referencesVersion(set, revision)
    if (json) return yield* printJson({ references: version, shipped, withReferences: overlaid })
    yield* Console.log([
      `shipped index        score ${shipped.score}  ${shipped.evidence.join(", ")}`,
      `with ${version.padEnd(15)} score ${overlaid.score}  ${overlaid.evidence.join(", ")}`
    ].join("\n"))
  }, withNats)
).pipe(Command.withDescription("Branch B's score on a text with and without the reference set in force"))

export const referenceCommand = Command.make("reference").pipe(
  Command.withDescription("Branch B's operator reference rows in KV: list, add, import, remove, put, test"),
  Command.withSubcommands([list, add, importRows, remove, put, test])
)
