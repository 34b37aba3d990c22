import { alternatives, classEnd, groupEnd, quantifier } from "./RegexSource.ts"
import type { Found } from "./WordFinder.ts"

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
      const close = groupEnd(s, i)
      if (close < 0) return undefined
      i = close + 1
      continue
    }
    let item: First
    let end: number
    if (c === "(") {
      const close = groupEnd(s, i)
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
  memo.clear()
  for (const room of [MAX_PREFIX, MAX_PREFIX - 2, 4, 3]) {
    const longer = unite(...alternatives(source).map((a) => longerStarts(a, room)))
    if (longer !== undefined && !longer.includes("")) return longer
  }
  const alts = alternatives(source).map(firstOfSequence)
  if (alts.some((a) => a === undefined || a.nullable)) return undefined
  const all = Array.from(new Set(alts.flatMap((a) => a!.prefixes)))
  if (all.some((p) => p === "")) return undefined
  return minimal(all)
}

const minimal = (all: ReadonlyArray<string>): Array<string> => {
  const kept = new Set<string>()
  for (const p of Array.from(new Set(all)).sort((a, b) => a.length - b.length)) {
    let covered = false
    for (let n = 0; n < p.length && !covered; n++) covered = kept.has(p.slice(0, n))
    if (!covered) kept.add(p)
  }
  return Array.from(kept)
}

// "do" opens half of all texts, "do not follow" few: literals are read on across groups, small classes and
// optional characters (the optional space of every pattern), up to this length, while the set stays small.
const MAX_PREFIX = 8
const MAX_SET = 64
const SMALL_CLASS = 4

const prepend = (head: string, tails: Array<string> | undefined): Array<string> | undefined =>
  tails?.map((t) => head + t)
const unite = (...sets: Array<Array<string> | undefined>): Array<string> | undefined => {
  if (sets.some((x) => x === undefined)) return undefined
  // A literal that another one starts is redundant: every place the longer occurs, the shorter does.
  const all = minimal(sets.flat() as Array<string>)
  return all.length > MAX_SET ? undefined : all
}

/**
 * Strings, each at most `room` long, one of which every match of the sequence `s` starts with ("" when
 * nothing is certain from there on); undefined when the set grows too large.
 */
const longerStarts = (s: string, room: number): Array<string> | undefined => {
  if (room <= 0 || s.length === 0) return [""]
  // The same suffix is reached along many paths (each optional item doubles them): read it once.
  const key = `${room}:${s}`
  if (!memo.has(key)) memo.set(key, readStarts(s, room))
  return memo.get(key)
}
const memo = new Map<string, Array<string> | undefined>()

const readStarts = (s: string, room: number): Array<string> | undefined => {
  const c = s[0]!
  if (c === "^" || c === "$") return longerStarts(s.slice(1), room)
  if (c === "\\" && (s[1] === "b" || s[1] === "B")) return longerStarts(s.slice(2), room)
  if (c === "(") {
    const close = groupEnd(s, 0)
    if (close < 0) return undefined
    if (/^\(\?<?[=!]/.test(s)) return longerStarts(s.slice(close + 1), room)
    if (s[1] === "?" && s[2] !== ":") return [""]
    const alts = alternatives(s.slice(s[1] === "?" ? 3 : 1, close))
    const q = quantifier(s, close + 1)
    const rest = s.slice(close + 1 + q.length)
    if (q.length === 0) return unite(...alts.map((a) => longerStarts(a + rest, room)))
    // A repeated group ends what is certain (reading on past it multiplies the set); an optional one is
    // read both ways.
    if (!q.repeats) return unite(...alts.map((a) => longerStarts(a + rest, room)), longerStarts(rest, room))
    return q.optional ? [""] : unite(...alts.map((a) => longerStarts(a, room)))
  }
  let chars: Array<string>
  let end: number
  if (c === "[") {
    const close = classEnd(s, 0)
    if (close < 0 || s[1] === "^") return [""]
    chars = []
    for (let j = 1; j < close; j++) {
      if (s[j] === "\\") {
        if (!literalEscape(s[j + 1])) return [""]
        chars.push(s[++j]!)
      } else if (s[j] === "-" && j > 1 && j < close - 1) return [""]
      else chars.push(s[j]!)
    }
    end = close + 1
  } else if (c === "\\") {
    if (!literalEscape(s[1])) return [""]
    chars = [s[1]!]
    end = 2
  } else if (SYNTAX.has(c)) return [""]
  else {
    chars = [c]
    end = 1
  }
  const q = quantifier(s, end)
  const rest = s.slice(end + q.length)
  const once = chars.length <= SMALL_CLASS ? unite(...chars.map((ch) => prepend(ch, longerStarts(rest, room - 1)))) : chars
  if (q.length === 0) return once
  if (q.repeats) return q.optional ? [""] : chars
  // An optional character (mostly the space of " ?") is read both ways.
  return unite(once, longerStarts(rest, room))
}

// Past this many anchored tries (one per 32 characters of text; an anchored try fails in well under the
// time an ordinary search takes to cross 32 characters), one ordinary search from there is cheaper.
