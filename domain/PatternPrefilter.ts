/**
 * A cheap test before each regular expression: literal text that any match must contain, read off the
 * pattern's source. A prompt that contains none of a pattern's required words ("pwned", "instructions",
 * "api key") cannot match it, and `String.includes` is far cheaper than V8 trying the pattern at every
 * position (patterns that open with common verbs, then `.{0,40}?`, cost most).
 *
 * Only what is certain is derived. In each top-level alternative, every literal run or group that is not
 * optional must occur; the most selective one (longest shortest literal) becomes that alternative's gate.
 * An alternative with nothing certain makes the whole pattern ungated. A space in a source is " ?"
 * (optional), so runs break there.
 */
import { alternatives, classEnd, groupEnd, quantifier } from "./RegexSource.ts"
import { wordFinder } from "./WordFinder.ts"

const SPECIAL = new Set(["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}", " "])

type Gate = ReadonlyArray<string>
// Words in nearly every longer prompt make poor gates, however long: rank them as if one letter long.
const COMMON = new Set(["your", "with", "that", "this", "what", "have", "were", "been", "from", "then", "will", "about", "there", "their", "which", "would", "should", "could", "into", "when", "they", "them", "these", "those", "other"])
const RARE_SYMBOLS = /^[+<>[\]{}#@_|/\\=*:;$%&~^`]+$/
const worthLooking = (w: string): boolean => (w.length >= 4 && !COMMON.has(w)) || RARE_SYMBOLS.test(w)
const strength = (g: Gate): number => Math.min(...g.map((x) => (COMMON.has(x) ? 1 : x.length))) - g.length / 1000

// Two runs too short to look up on their own ("api", "key") across an optional space: every match holds
// them joined, with or without the space ("api key", "apikey"), which is worth looking up.
const pairWorthLooking = (a: string, b: string): boolean =>
  !worthLooking(a) && !worthLooking(b) && worthLooking(`${a}${b}`) && !RARE_SYMBOLS.test(a) && !RARE_SYMBOLS.test(b)

const gatesOfAlternative = (alt: string): Array<Gate> | undefined => {
  const candidates: Array<Gate> = []
  let run = ""
  // The run an optional space ended, and where the token after that space starts; where the current run starts.
  let before = "", after = -1, runStart = -1
  const flush = () => {
    if (run !== "") {
      candidates.push([run])
      if (runStart === after && pairWorthLooking(before, run)) candidates.push([`${before} ${run}`, before + run])
    }
    run = ""
  }
  for (let i = 0; i < alt.length;) {
    const c = alt[i]!
    if (c === "\\" && /[bB]/.test(alt[i + 1] ?? "")) { flush(); i += 2; continue }
    if (c === "^" || c === "$") { flush(); i++; continue }
    let literal: string | undefined
    let end: number
    if (c === "(") {
      const close = groupEnd(alt, i)
      if (close < 0) return undefined
      const lookaround = /^\(\?[=!<]/.test(alt.slice(i, i + 4))
      const inner = alt.slice(i + (alt[i + 1] === "?" ? 3 : 1), close)
      const q = quantifier(alt, close + 1)
      flush()
      if (!lookaround && !q.optional) {
        const g = requiredLiterals(inner)
        if (g !== undefined) candidates.push(g)
      }
      i = close + 1 + q.length
      continue
    }
    if (c === "[") end = classEnd(alt, i) + 1
    else if (c === "\\") {
      end = i + 2
      if (!/[A-Za-z0-9]/.test(alt[i + 1] ?? "")) literal = alt[i + 1]
    } else if (c === " " || c === ".") end = i + 1
    else if (!SPECIAL.has(c)) { end = i + 1; literal = c }
    else return undefined
    if (end <= i) return undefined
    const q = quantifier(alt, end)
    const spaced = c === " " && q.optional && !q.repeats && run !== "" ? run : undefined
    if (literal === undefined || q.optional) flush()
    else {
      if (run === "") runStart = i
      run += literal
      if (q.repeats) flush()
    }
    if (spaced !== undefined) [before, after] = [spaced, end + q.length]
    i = end + q.length
  }
  flush()
  return candidates.length === 0 ? undefined : candidates.sort((a, b) => strength(b) - strength(a))
}

/** Literals of which every match contains at least one, or undefined when nothing is certain. */
export const requiredLiterals = (source: string): Gate | undefined => {
  const found = new Set<string>()
  for (const alt of alternatives(source)) {
    const g = gatesOfAlternative(alt)?.[0]
    if (g === undefined) return undefined
    for (const x of g) found.add(x)
  }
  return Array.from(found)
}

/**
 * The stronger test: per alternative, up to three required groups that must all be present ("ignore"-like
 * word and "instructions"-like word), any alternative sufficing. Undefined when nothing is certain.
 */
export type Prefilter = ReadonlyArray<ReadonlyArray<Gate>>
export const prefilter = (source: string): Prefilter | undefined => {
  const out: Array<ReadonlyArray<Gate>> = []
  for (const alt of alternatives(source)) {
    // A group with a word nearly every text contains ("the", "all", "your") would always pass: not worth
    // looking up, and it would crowd the word index. Symbols that prose seldom has ("+", "[", "<", "#") are
    // worth it however short: a pattern that needs "a + b" or "[system]" is then not tried on every "do".
    const gates = gatesOfAlternative(alt)?.filter((g) => g.every(worthLooking)).slice(0, 3)
    if (gates === undefined || gates.length === 0) return undefined
    out.push(gates)
  }
  return out
}

/**
 * Which of `words` a text contains, found in one pass (`wordFinder`) instead of one `includes` per word.
 * Remembers the last text, since a library's patterns all run over one text before the next.
 */
export const wordIndex = (words: Iterable<string>): ((text: string, word: string) => boolean) => {
  const finder = wordFinder(words)
  if (finder.words.length === 0) return (text, word) => text.includes(word)
  let lastText: string | undefined
  let first: Int32Array = new Int32Array(0)
  return (text, word) => {
    const id = finder.id(word)
    if (id === undefined) return text.includes(word)
    if (text !== lastText) {
      lastText = text
      first = finder.scan(text).first
    }
    return first[id]! >= 0
  }
}
