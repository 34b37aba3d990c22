/**
 * Where a pattern's matches can start. Most of Branch A's patterns open with a list of words
 * (`\b(?:ignore|disregard|…)`), and V8 tries such a pattern at every position of the text. If every match
 * must begin with one of a few literals, the pattern need only be tried, anchored, where those literals
 * occur: the first position where it matches is the one an unanchored search reports, with the same text.
 *
 * Only what is certain is derived; anything this reader does not know (`.`, `\w`, ranges, back-references)
 * gives up, and the pattern is searched the ordinary way.
 */

type First = { readonly prefixes: ReadonlyArray<string>; readonly nullable: boolean } | undefined

const closing = (s: string, open: number): number => {
  let depth = 0, inClass = false
  for (let i = open; i < s.length; i++) {
    const c = s[i]
    if (c === "\\") { i++; continue }
    if (inClass) { if (c === "]") inClass = false; continue }
    if (c === "[") inClass = true
    else if (c === "(") depth++
    else if (c === ")" && --depth === 0) return i
  }
  return -1
}

const classEnd = (s: string, open: number): number => {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === "\\") { i++; continue }
    if (s[i] === "]" && i > open + 1) return i
  }
  return -1
}

/** Splits at `|` outside groups and classes. */
const alternatives = (s: string): Array<string> => {
  const out: Array<string> = []
  let depth = 0, inClass = false, start = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === "\\") { i++; continue }
    if (inClass) { if (c === "]") inClass = false; continue }
    if (c === "[") inClass = true
    else if (c === "(") depth++
    else if (c === ")") depth--
    else if (c === "|" && depth === 0) { out.push(s.slice(start, i)); start = i + 1 }
  }
  out.push(s.slice(start))
  return out
}

/** Length of the quantifier at `at` (0 when none) and whether it allows zero repetitions. */
const quantifier = (s: string, at: number): { length: number; optional: boolean } => {
  const c = s[at]
  let length = 0, optional = false
  if (c === "?" || c === "*" || c === "+") { length = 1; optional = c !== "+" }
  else if (c === "{") {
    const m = /^\{(\d+)(,\d*)?\}/.exec(s.slice(at))
    if (m !== null) { length = m[0].length; optional = m[1] === "0" }
  }
  if (length > 0 && s[at + length] === "?") length++
  return { length, optional }
}

const SYNTAX = new Set(["^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"])
// Escapes that stand for themselves; letters and digits after a backslash are classes, assertions or codes.
const literalEscape = (c: string | undefined): c is string => c !== undefined && !/[A-Za-z0-9]/.test(c)

const union = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): Array<string> => Array.from(new Set([...a, ...b]))

/** The literals a match of the sequence `s` starts with, and whether the sequence can match empty. */
const firstOfSequence = (s: string): First => {
  let prefixes: Array<string> = []
  for (let i = 0; i < s.length;) {
    const c = s[i]!
    // Zero-width assertions consume nothing: the match starts with what follows them.
    if (c === "^" || c === "$") { i++; continue }
    if (c === "\\" && (s[i + 1] === "b" || s[i + 1] === "B")) { i += 2; continue }
    if (c === "(" && /^\(\?<?[=!]/.test(s.slice(i, i + 4))) {
      const close = closing(s, i)
      if (close < 0) return undefined
      i = close + 1
      continue
    }
    let item: First
    let end: number
    if (c === "(") {
      const close = closing(s, i)
      if (close < 0) return undefined
      // Named groups are left alone (rare, and their syntax is one more thing to read right).
      if (s[i + 1] === "?" && s[i + 2] !== ":") return undefined
      const inner = s.slice(i + (s[i + 1] === "?" ? 3 : 1), close)
      const alts = alternatives(inner).map(firstOfSequence)
      if (alts.some((a) => a === undefined)) return undefined
      item = { prefixes: alts.flatMap((a) => a!.prefixes), nullable: alts.some((a) => a!.nullable) }
      end = close + 1
    } else if (c === "[") {
      const close = classEnd(s, i)
      if (close < 0 || s[i + 1] === "^") return undefined
      const chars: Array<string> = []
      for (let j = i + 1; j < close; j++) {
        if (s[j] === "\\") {
          if (!literalEscape(s[j + 1])) return undefined
          chars.push(s[++j]!)
        } else if (s[j] === "-" && j > i + 1 && j < close - 1) return undefined
        else chars.push(s[j]!)
      }
      item = { prefixes: chars, nullable: false }
      end = close + 1
    } else if (c === "\\") {
      if (!literalEscape(s[i + 1])) return undefined
      item = { prefixes: [s[i + 1]!], nullable: false }
      end = i + 2
    } else if (SYNTAX.has(c)) return undefined
    else {
      // A run of plain characters, each taken exactly once, reads as one longer literal.
      let run = c
      end = i + 1
      while (end < s.length && !SYNTAX.has(s[end]!) && s[end] !== "\\" && quantifier(s, end + 1).length === 0) run += s[end++]
      item = { prefixes: [run], nullable: false }
    }
    const q = quantifier(s, end)
    prefixes = union(prefixes, item.prefixes)
    if (!item.nullable && !q.optional) return { prefixes, nullable: false }
    i = end + q.length
  }
  return { prefixes, nullable: true }
}

/**
 * Literals one of which every match of `source` starts with (none a prefix of another), or undefined when
 * that is not certain, or when a match could be empty.
 */
export const leadingLiterals = (source: string): ReadonlyArray<string> | undefined => {
  const alts = alternatives(source).map(firstOfSequence)
  if (alts.some((a) => a === undefined || a.nullable)) return undefined
  const all = Array.from(new Set(alts.flatMap((a) => a!.prefixes)))
  if (all.some((p) => p === "")) return undefined
  return all.filter((p) => !all.some((q) => q !== p && p.startsWith(q)))
}

// Past this many anchored tries the text is full of the literals: one ordinary search from there is cheaper.
const MAX_TRIES = 12

/**
 * The first match of `source` in a text, tried only where one of its `leadingLiterals` occurs, in text
 * order. The caller gives where each literal first occurs (-1: nowhere), from a shared word index.
 */
export const anchoredSearch = (
  source: string,
  prefixes: ReadonlyArray<string>
): ((text: string, firstAt: (k: number) => number) => string | undefined) => {
  const sticky = new RegExp(source, "y")
  const global = new RegExp(source, "g")
  const starts: Array<number> = []
  return (text, firstAt) => {
    // Up to MAX_TRIES occurrences of each literal; past the last one collected of a literal that had more,
    // the order is no longer known, so the ordinary search takes over there.
    starts.length = 0
    let known = text.length
    for (let k = 0; k < prefixes.length; k++) {
      let at = firstAt(k)
      for (let n = 0; at >= 0 && at < known; n++) {
        if (n === MAX_TRIES) { known = at; break }
        starts.push(at)
        at = text.indexOf(prefixes[k]!, at + 1)
      }
    }
    if (starts.length === 0) return undefined
    starts.sort((a, b) => a - b)
    let tries = 0
    for (let i = 0; i < starts.length; i++) {
      const at = starts[i]!
      if (at >= known) break
      if (i > 0 && at === starts[i - 1]) continue
      if (tries++ === MAX_TRIES) { known = at; break }
      sticky.lastIndex = at
      const m = sticky.exec(text)
      if (m !== null) return m[0]
    }
    if (known >= text.length) return undefined
    global.lastIndex = known
    return global.exec(text)?.[0]
  }
}
