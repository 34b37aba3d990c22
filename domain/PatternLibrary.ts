import { RE2JS } from "re2js"
import { Result, Schema } from "effect"
import { anchoredSearch } from "./AnchoredSearch.ts"
import { gateProgram, latestStart } from "./GateProgram.ts"
import { leadingLiterals } from "./LeadingLiterals.ts"
import { prefilter } from "./PatternPrefilter.ts"
import { type SharedWords, sharedWords } from "./SharedWords.ts"

/**
 * Branch A's patterns as data (infra/patterns/*.json, or a `vigil-patterns` KV entry). A pattern is a
 * regular expression over `normalize`d text; `{NAME}` inserts an entry of the library's vocabulary, and a
 * space matches an optional space, because spaced-out attacks ("i g n o r e a l l") lose their word
 * breaks when the letters are joined back.
 */
export const PatternSpec = Schema.Struct({
  id: Schema.String.check(Schema.isNonEmpty()),
  category: Schema.String.check(Schema.isNonEmpty()),
  /** The evidence one match gives, 0-100; Heuristics combines matches as independent signals. */
  weight: Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 100 })),
  lang: Schema.Literals(["en", "pl", "any"]),
  pattern: Schema.String.check(Schema.isNonEmpty())
})
export type PatternSpec = typeof PatternSpec.Type

export const PatternLibrary = Schema.Struct({
  version: Schema.String,
  vocabulary: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  patterns: Schema.Array(PatternSpec)
})
export type PatternLibrary = typeof PatternLibrary.Type

export class PatternRejected extends Schema.TaggedError<PatternRejected>()("PatternRejected", {
  id: Schema.String,
  reason: Schema.String
}) {
  override get message() {
    return `pattern ${this.id} rejected: ${this.reason}`
  }
}

/** What the matcher needs from a compiled pattern: the first match in the text, if any. */
export interface Matcher {
  readonly source: string
  readonly find: (text: string) => string | undefined
  /** Words one of which a text must contain for `find` to match (none known: undefined). */
  readonly triggers?: ReadonlyArray<string> | undefined
  /**
   * Words one of which a text must contain too, besides a trigger: a gated pattern's leading literals when
   * the word pass looks up every one (none of one or two characters). Undefined otherwise.
   */
  readonly starts?: ReadonlyArray<string> | undefined
}

export interface HeuristicPattern {
  readonly id: string
  readonly category: string
  readonly weight: number
  readonly lang: PatternSpec["lang"]
  readonly pattern: Matcher
}

/**
 * `native` is V8's backtracking engine: fast, but a pattern such as `(a+)+$` can take exponential time,
 * so only the library shipped and tested with Vigil uses it. `linear` is RE2 (re2js, pure JavaScript):
 * no backreferences or lookaround, and matching time linear in the text whatever the pattern.
 */
export type Engine = "native" | "linear"

const VOCABULARY_REF = /\{([A-Z][A-Z0-9_]*)\}/g

export const expand = (spec: PatternSpec, vocabulary: Readonly<Record<string, string>>): Result.Result<string, PatternRejected> => {
  const missing = Array.from(spec.pattern.matchAll(VOCABULARY_REF), (m) => m[1]!).filter((name) => vocabulary[name] === undefined)
  if (missing.length > 0) return Result.fail(new PatternRejected({ id: spec.id, reason: `unknown vocabulary entry {${missing[0]}}` }))
  return Result.succeed(spec.pattern.replace(VOCABULARY_REF, (_, name: string) => vocabulary[name]!).replaceAll(" ", " ?"))
}

const nativeMatcher = (source: string): Matcher["find"] => {
  const re = new RegExp(source)
  return (text) => re.exec(text)?.[0]
}

const linearMatcher = (source: string): Matcher["find"] => {
  const re = RE2JS.compile(source)
  return (text) => {
    const m = re.matcher(text)
    return m.find() ? m.group() ?? "" : undefined
  }
}

/** The gate as a flat program of word ids (`GateProgram`), and the leading literals' ids. */
type Plan = { readonly gate: Int32Array | undefined; readonly lead: Int32Array | undefined }

/**
 * The engine's search, behind the prefilter when the pattern has certain required words, and on V8 tried
 * only where its leading literals occur. Within a library the words of all patterns are looked up in one
 * pass per text (`SharedWords`).
 */
/** `trust`: whether a linear-engine library may run the shipped sources on V8 (off only to compare engines). */
const SHORT_LITERAL = 2
const matcher = (source: string, engine: Engine, words: SharedWords = sharedWords(), trust = true): Matcher => {
  const linear = engine === "linear" ? linearMatcher(source) : undefined
  const native = linear === undefined || (trust && trusted.has(source))
  const leading = native ? leadingLiterals(source) : undefined
  const gate = prefilter(source)
  // A gated pattern's leading literals of one or two characters (".", "[", "do") are not looked up in the
  // shared pass, where each would cost a search of every text: its anchored search looks for them itself,
  // and only once the gate has passed. An ungated pattern's leading literals are its triggers.
  for (const w of [...(leading ?? []).filter((l) => gate === undefined || l.length > SHORT_LITERAL), ...(gate?.flat(2) ?? [])]) words.add(w)
  const plain = native ? nativeMatcher(source) : linear!
  const anchored = leading === undefined ? undefined : anchoredSearch(source, leading)
  // Ids are read on the first search, once every pattern of the library has added its words.
  let plan: Plan | undefined
  const ids = (ws: ReadonlyArray<string>) => Int32Array.from(ws, words.id)
  return {
    source,
    // The gate passes only if every group of some alternative has a word present, so one group's words per
    // alternative are triggers enough: the first, the most selective (longest words). A text with only the
    // other groups' words ("the", "rules") then costs no call.
    triggers: gate?.flatMap((groups) => groups[0]!) ?? leading,
    // Every match starts with a leading literal: with none of them in a text, the anchored search has no
    // start and answers undefined.
    starts: gate !== undefined && leading !== undefined && leading.every((l) => l.length > SHORT_LITERAL) ? leading : undefined,
    find: (text) => {
      if (gate === undefined && anchored === undefined) return plain(text)
      const found = words.positions(text)
      plan ??= { gate: gate === undefined ? undefined : gateProgram(gate.map((groups) => groups.map(ids))), lead: leading === undefined ? undefined : Int32Array.from(leading, words.known) }
      // One reading of the gate: whether it passes, and where a match must start by.
      const latest = plan.gate === undefined ? text.length : latestStart(plan.gate, found.last)
      if (latest < 0) return undefined
      const lead = plan.lead
      if (anchored === undefined || lead === undefined) return plain(text)
      return anchored(text, found, lead, plan.gate === undefined ? text.length : latest + 1)
    }
  }
}

// Sources of the library shipped with Vigil: reviewed, tested to compile as RE2 and timed on adversarial
// input. A user library that keeps them (a copy of the default with a few additions, say) runs those on
// V8's faster engine after the RE2 check; anything new or changed runs on RE2 itself.
const trusted = new Set<string>()
export const trustSources = (sources: Iterable<string>): void => {
  for (const s of sources) trusted.add(s)
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export const compilePattern = (
  spec: PatternSpec,
  vocabulary: Readonly<Record<string, string>>,
  engine: Engine,
  words?: SharedWords,
  trust = true
): Result.Result<HeuristicPattern, PatternRejected> =>
  Result.flatMap(expand(spec, vocabulary), (source) => {
    try {
      const pattern = matcher(source, engine, words, trust)
      return Result.succeed({ id: spec.id, category: spec.category, weight: spec.weight, lang: spec.lang, pattern })
    } catch (e) {
      const why = engine === "linear" ? `not a linear-time (RE2) regular expression: ${errorText(e)}` : errorText(e)
      return Result.fail(new PatternRejected({ id: spec.id, reason: why }))
    }
  })

/** Every pattern compiles or the library is refused as a whole, naming each bad pattern; ids must be unique. */
export const compileLibrary = (
  library: PatternLibrary,
  engine: Engine,
  options: { readonly trustShipped?: boolean } = {}
): Result.Result<ReadonlyArray<HeuristicPattern>, ReadonlyArray<PatternRejected>> => {
  const vocabulary = library.vocabulary ?? {}
  const compiled: Array<HeuristicPattern> = []
  const rejected: Array<PatternRejected> = []
  const seen = new Set<string>()
  const words = sharedWords()
  for (const spec of library.patterns) {
    if (seen.has(spec.id)) {
      rejected.push(new PatternRejected({ id: spec.id, reason: "duplicate id" }))
      continue
    }
    seen.add(spec.id)
    const r = compilePattern(spec, vocabulary, engine, words, options.trustShipped ?? true)
    if (Result.isSuccess(r)) compiled.push(r.success)
    else rejected.push(r.failure)
  }
  if (rejected.length > 0) return Result.fail(rejected)
  selectors.set(compiled, selector(compiled, words))
  libraryWords.set(compiled, words)
  return Result.succeed(compiled)
}

/**
 * For a compiled library, which of its patterns can match a text: those with no known trigger words, and
 * those with one present. The others' `find` would answer undefined; this answers for all of them at
 * once from the library's word pass, instead of one call each. The array answered is reused by the next call.
 */
export const candidatesOf = (set: ReadonlyArray<HeuristicPattern>): ((text: string) => Uint8Array) | undefined => selectors.get(set)
const selectors = new WeakMap<ReadonlyArray<HeuristicPattern>, (text: string) => Uint8Array>()

/** A compiled library's word pass, for callers that want more words looked up in the same pass. */
export const wordsOf = (set: ReadonlyArray<HeuristicPattern>): SharedWords | undefined => libraryWords.get(set)
const libraryWords = new WeakMap<ReadonlyArray<HeuristicPattern>, SharedWords>()

const TRIGGER = 1
const START = 2
const selector = (set: ReadonlyArray<HeuristicPattern>, words: SharedWords): ((text: string) => Uint8Array) => {
  // What each pattern needs present: nothing (0), a trigger, or a trigger and a start.
  let want: Uint8Array | undefined
  // The patterns each word triggers or starts, flat: entries[startOf[w]] to entries[startOf[w + 1] - 1], each
  // a pattern's index times two, plus one for a start. An array of arrays costs a pointer chase per word
  // found, a cache miss each once other work has run.
  let startOf = new Int32Array(1)
  let entries = new Int32Array(0)
  const seen = new Uint8Array(set.length)
  const marked = new Uint8Array(set.length)
  return (text) => {
    const found = words.positions(text)
    if (want === undefined) {
      want = Uint8Array.from(set, (p) => (p.pattern.triggers === undefined ? 0 : p.pattern.starts === undefined ? TRIGGER : TRIGGER | START))
      const byWord: Array<Array<number>> = Array.from(found.first, () => [])
      set.forEach((p, i) => {
        for (const w of p.pattern.triggers ?? []) byWord[words.id(w)]!.push(2 * i)
        for (const w of p.pattern.starts ?? []) byWord[words.id(w)]!.push(2 * i + 1)
      })
      startOf = new Int32Array(byWord.length + 1)
      byWord.forEach((ps, w) => { startOf[w + 1] = startOf[w]! + ps.length })
      entries = Int32Array.from(byWord.flat())
    }
    seen.fill(0)
    // Words added after the library (by callers of wordsOf) trigger no pattern.
    const known = startOf.length - 1
    for (let k = 0; k < found.count; k++) {
      const w = found.present[k]!
      if (w >= known) continue
      for (let e = startOf[w]!; e < startOf[w + 1]!; e++) {
        const entry = entries[e]!
        seen[entry >> 1] = seen[entry >> 1]! | (1 << (entry & 1))
      }
    }
    // One buffer, read by the caller before the next text.
    const needs = want
    for (let i = 0; i < marked.length; i++) marked[i] = (seen[i]! & needs[i]!) === needs[i] ? 1 : 0
    return marked
  }
}

const decodeLibrary = Schema.decodeUnknownResult(PatternLibrary)

/** A library from outside (KV, a file a user wrote): decoded, and compiled with the linear-time engine. */
export const parseUserLibrary = (json: unknown): Result.Result<ReadonlyArray<HeuristicPattern>, ReadonlyArray<PatternRejected>> => {
  const decoded = decodeLibrary(json)
  if (Result.isFailure(decoded)) return Result.fail([new PatternRejected({ id: "(library)", reason: String(decoded.failure) })])
  return compileLibrary(decoded.success, "linear")
}
