import { type HeuristicPattern, patterns as defaultPatterns } from "./HeuristicPatterns.ts"
import { candidatesOf, wordsOf } from "./PatternLibrary.ts"
import { Mark, type Survey, survey } from "./EncodedRuns.ts"
import { decodeHiddenPayloads } from "./HiddenPayloads.ts"
import { leetVariant, normalize, normalizeWithFacts } from "./Normalize.ts"
import { reassemble } from "./PayloadSplitting.ts"
import { wordFinder } from "./WordFinder.ts"

export interface HeuristicResult {
  readonly score: number
  readonly categories: ReadonlyArray<string>
  readonly evidence: ReadonlyArray<string>
}

interface Signal {
  readonly id: string
  readonly category: string
  readonly weight: number
  readonly snippet: string
}

// Obfuscation is looked for in the raw text, since normalisation erases it. Each one is weak on its own:
// real text has the odd soft hyphen or bidi mark, but together with a pattern it tips the score.
const FLAG_SEQUENCE = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu
// Each has a cheap test that any text it matches passes (a plain character scan without Unicode properties),
// so the slow one runs only on the few texts that have the characters at all.
// `marks`: the text's `survey` marks, which answer the character-presence prechecks without a scan each.
interface Obfuscation {
  readonly id: string
  readonly weight: number
  readonly pattern: { readonly test: (text: string) => boolean }
  readonly unless: (text: string, marks: number) => boolean
}
const obfuscations: ReadonlyArray<Obfuscation> = [
  { id: "ob.tag_characters", weight: 35, pattern: /[\u{E0000}-\u{E007F}]/u, unless: (_, m) => (m & Mark.tagHigh) === 0 },
  {
    id: "ob.invisible_in_word",
    weight: 20,
    pattern: /\p{L}[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]+\p{L}/u,
    unless: (_, m) => (m & Mark.invisible) === 0
  },
  { id: "ob.bidi_control", weight: 20, pattern: /[\u202A-\u202E\u2066-\u2069]/u, unless: (_, m) => (m & Mark.bidi) === 0 },
  {
    id: "ob.mixed_script_word",
    weight: 25,
    pattern: /\p{Script=Latin}[\p{Script=Cyrillic}\p{Script=Greek}]|[\p{Script=Cyrillic}\p{Script=Greek}]\p{Script=Latin}/u,
    unless: (_, m) => (m & Mark.greekOrCyrillic) === 0
  },
  {
    id: "ob.spaced_letters",
    weight: 15,
    pattern: { test: (t) => spacedAround(t) },
    // Two single characters between separators ("s L s L s") are in every match.
    unless: (t) => !SINGLES.test(t)
  }
]
const SINGLES = /[ .\-_*](?:[^ .\-_*]|[\uD800-\uDBFF][\uDC00-\uDFFF])[ .\-_*](?:[^ .\-_*]|[\uD800-\uDBFF][\uDC00-\uDFFF])[ .\-_*]/
// `(?<!\p{L})\p{L}(?:[ .\-_*]\p{L}(?!\p{L})){5,}/u`, tried only just before each "s L s L s" (its first
// letter is one code point, one or two code units, before the first separator): every match has one there,
// and the Unicode expression is slow to try at every position of a long text.
const SPACED_AT = /(?<!\p{L})\p{L}(?:[ .\-_*]\p{L}(?!\p{L})){5,}/uy
const SINGLES_ALL = new RegExp(SINGLES.source, "g")
const spacedAround = (text: string): boolean => {
  SINGLES_ALL.lastIndex = 0
  for (let m = SINGLES_ALL.exec(text); m !== null; m = SINGLES_ALL.exec(text)) {
    for (const back of [1, 2]) {
      if (m.index < back) continue
      SPACED_AT.lastIndex = m.index - back
      if (SPACED_AT.test(text)) return true
    }
    SINGLES_ALL.lastIndex = m.index + 1
  }
  return false
}
// Every Greek and Cyrillic character is in one of these blocks, or outside the BMP behind one of three high
// surrogates (not those of emoji); tested against \p{Script} over all code points.
export const GREEK_OR_CYRILLIC_BLOCKS = /[\u0370-\u052F\u1C80-\u1C8F\u1D00-\u1DBF\u1F00-\u1FFF\u2126\u2DE0-\u2DFF\uA640-\uA69F\uAB65\uFE2E\uFE2F\uD800\uD834\uD838]/
// Only spacing can hide in ASCII; the ASCII form of its regex skips the slow Unicode property escapes.
const ASCII_SPACED: Obfuscation = { id: "ob.spaced_letters", weight: 15, pattern: /(?<![A-Za-z])[A-Za-z](?:[ .\-_*][A-Za-z](?![A-Za-z])){5,}/, unless: (t) => !SINGLES.test(t) }
const asciiObfuscations = [ASCII_SPACED]
// With no letters outside ASCII, the ASCII form of the spacing regex finds what the Unicode one finds.
const NON_ASCII_RUN = /[^\x00-\x7F]+/g
const LETTER = /\p{L}/u
const asciiLetters = (text: string): boolean => {
  for (const m of text.matchAll(NON_ASCII_RUN)) if (LETTER.test(m[0])) return false
  return true
}

const HIDDEN_MATCH_WEIGHT = 40
// Pieces that only say something once joined are split on purpose: as strong a sign as an encoding.
const SPLIT_MATCH_WEIGHT = 40
// Leetspeak throughout a text is deliberate, but harmless on its own (gamer names, jokes).
const LEET_WEIGHT = 20
const SNIPPET = 40

const rot13 = (text: string): string =>
  text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 84) % 26) + 97))
const reverse = (text: string): string => Array.from(text).reverse().join("")

// Reversed and ROT13 views of ordinary prose are gibberish, so the full pattern set runs on them only
// when a word that nearly every attack needs shows up there. The gate is itself reversed / rotated and
// tested on the normalized text, so benign input costs one regex scan per view, not a copy and 80 scans.
const GATE_WORDS = [
  "ignor", "instruc", "prompt", "system", "disregard", "forget", "reveal", "password", "secret", "previous",
  "polecen", "zignoruj", "pomin", "ujawnij", "hasl", "assistant", "filter", "restrict", "rules", "zasad", "pwned",
  "conversation", "history", "credential", "delete", "execute", "approve", "attacker"
]
const views: ReadonlyArray<{ gate: RegExp; view: (normalized: string) => string }> = [
  { gate: new RegExp(GATE_WORDS.map(reverse).join("|"), "g"), view: reverse },
  { gate: new RegExp(GATE_WORDS.map(rot13).join("|"), "g"), view: rot13 }
]
// An encoded instruction is a phrase, not a document: only a window around each gate word is decoded, so a
// long text with one reversed word costs a few hundred characters of matching, not the whole text again.
const WINDOW = 300
const MAX_WINDOWS = 4
const windows = (normalized: string, gate: RegExp): Array<string> => {
  const out: Array<string> = []
  let end = -1
  for (const m of normalized.matchAll(gate)) {
    if (m.index < end) continue
    if (out.length >= MAX_WINDOWS) break
    end = m.index + WINDOW
    out.push(normalized.slice(Math.max(0, m.index - WINDOW), end))
  }
  return out
}
// Whether any reversed or rotated gate word occurs at all (nearly never; then the gate expressions are not
// run): looked up in the pass a compiled library already made over the normalized text, or in one of its own.
const GATE_VIEW_WORDS = [...GATE_WORDS.map(reverse), ...GATE_WORDS.map(rot13)]
const anyGateWord = wordFinder(GATE_VIEW_WORDS)
const gateIds = new WeakMap<object, Int32Array>()
// The built-in library's word table is built now, with the gate words in it, not by the first request.
{
  const words = wordsOf(defaultPatterns)
  if (words !== undefined) {
    gateIds.set(words, Int32Array.from(GATE_VIEW_WORDS, words.id))
    words.positions("")
  }
}
const gateWordIn = (normalized: string, set: ReadonlyArray<HeuristicPattern>): boolean => {
  const words = wordsOf(set)
  if (words === undefined) return anyGateWord.scan(normalized).first.some((at) => at >= 0)
  let ids = gateIds.get(words)
  if (ids === undefined) gateIds.set(words, ids = Int32Array.from(GATE_VIEW_WORDS, words.id))
  const first = words.positions(normalized).first
  return ids.some((id) => first[id]! >= 0)
}
const hiddenViews = (text: string, normalized: string, set: ReadonlyArray<HeuristicPattern>, surveyed: Survey): Array<string> => {
  const decoded = decodeHiddenPayloads(text, surveyed).map(normalize)
  if (!gateWordIn(normalized, set)) return decoded
  return [...decoded, ...views.flatMap((v) => windows(normalized, v.gate).map(v.view))]
}

// Only the patterns whose trigger words the text contains are asked (a compiled library knows which).
// `skip`: ids whose signal is already in, so that a view's match for them would be dropped anyway.
// Each library's `find` functions in one array: the loop below reaches a candidate's search without going
// through its pattern and matcher objects (two reads that miss the cache once other work has run).
const findsOf = new WeakMap<ReadonlyArray<HeuristicPattern>, ReadonlyArray<HeuristicPattern["pattern"]["find"]>>()
const match = (text: string, set: ReadonlyArray<HeuristicPattern>, prefix: string, skip?: ReadonlySet<string>): Array<Signal> => {
  const only = candidatesOf(set)?.(text)
  let finds = findsOf.get(set)
  if (finds === undefined) findsOf.set(set, finds = set.map((p) => p.pattern.find))
  const out: Array<Signal> = []
  for (let i = 0; i < finds.length; i++) {
    if ((only !== undefined && only[i] === 0) || skip?.has(set[i]!.id) === true) continue
    const m = finds[i]!(text)
    if (m === undefined) continue
    const p = set[i]!
    out.push({ id: prefix + p.id, category: p.category, weight: p.weight, snippet: m })
  }
  return out
}

/** 1 - Π(1 - w/100): independent pieces of evidence; one strong match decides, weak ones add up slowly. */
const combine = (weights: ReadonlyArray<number>): number =>
  Math.round(Math.min(100, Math.max(0, 100 * (1 - weights.reduce((acc, w) => acc * (1 - w / 100), 1)))) * 100) / 100

export const analyze = (text: string, set: ReadonlyArray<HeuristicPattern> = defaultPatterns): HeuristicResult => {
  const { text: normalized, maySpaceLetters } = normalizeWithFacts(text)
  const signals = match(normalized, set, "")
  const seen = new Set(signals.map((s) => s.id))
  const surveyed = survey(text)
  const hidden = hiddenViews(text, normalized, set, surveyed).flatMap((view) => match(view, set, "decoded:"))
  for (const s of hidden) {
    const base = s.id.slice("decoded:".length)
    if (seen.has(base)) continue
    seen.add(base)
    signals.push(s)
  }
  if (hidden.length > 0) {
    signals.push({ id: "et.hidden_payload", category: "ENCODING_TRICK", weight: HIDDEN_MATCH_WEIGHT, snippet: "" })
  }
  const split = reassemble(text).flatMap((view) => match(normalize(view), set, "joined:", seen)).filter((s) => !seen.has(s.id.slice("joined:".length)))
  if (split.length > 0) {
    signals.push(...split, { id: "ps.reassembled", category: "PAYLOAD_SPLITTING", weight: SPLIT_MATCH_WEIGHT, snippet: "" })
  }
  const leet = leetVariant(text)
  if (leet !== undefined) {
    const other = match(normalize(leet), set, "leet:", seen).filter((s) => !seen.has(s.id.slice("leet:".length)))
    signals.push(...other, { id: "ob.leetspeak", category: "OBFUSCATION", weight: LEET_WEIGHT, snippet: "" })
  }
  const ascii = (surveyed.marks & Mark.nonAscii) === 0
  // A flag sequence opens with U+1F3F4 (D83C DFF4 in UTF-16).
  const visible = ascii || !text.includes("\u{1F3F4}") ? text : text.replace(FLAG_SEQUENCE, "")
  const marks = visible === text ? surveyed.marks : survey(visible).marks
  for (const o of ascii ? asciiObfuscations : obfuscations) {
    // Both forms of the spacing test have the same precheck: it goes first, since most texts fail it; and
    // normalisation may have shown already that no letters are spaced out (the visible text is the text
    // then: a flag sequence's tag characters are folded by the Unicode steps).
    if ((o.id === ASCII_SPACED.id && !maySpaceLetters) || o.unless(visible, marks)) continue
    const test = o.id === ASCII_SPACED.id && !ascii && asciiLetters(visible) ? ASCII_SPACED : o
    if (test.pattern.test(visible)) signals.push({ id: o.id, category: "OBFUSCATION", weight: o.weight, snippet: "" })
  }
  return {
    score: combine(signals.map((s) => s.weight)),
    categories: Array.from(new Set(signals.map((s) => s.category))).sort(),
    evidence: signals.map((s) => (s.snippet === "" ? s.id : `${s.id}: "${s.snippet.slice(0, SNIPPET)}"`))
  }
}
