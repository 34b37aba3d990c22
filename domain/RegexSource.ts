/**
 * Reading a regular expression's source, for the prefilters of Branch A's patterns (PatternPrefilter.ts,
 * LeadingLiterals.ts): where a group or a class ends, the top-level alternatives, and what a quantifier
 * allows. Escapes are skipped, so `\(` and `\]` are literals.
 */

/** The index of the `)` that closes the group opening at `open`, or -1. */
export const groupEnd = (s: string, open: number): number => {
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

/** The index of the `]` that closes the class opening at `open`, or -1. */
export const classEnd = (s: string, open: number): number => {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === "\\") { i++; continue }
    if (s[i] === "]" && i > open + 1) return i
  }
  return -1
}

/** Splits at `|` outside groups and classes. */
export const alternatives = (s: string): Array<string> => {
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

/** Length of the quantifier at `at` (0 when none), whether it allows zero repetitions, and more than one. */
export const quantifier = (s: string, at: number): { length: number; optional: boolean; repeats: boolean } => {
  const c = s[at]
  let length = 0, optional = false, repeats = false
  if (c === "?" || c === "*" || c === "+") { length = 1; optional = c !== "+"; repeats = c !== "?" }
  else if (c === "{") {
    const m = /^\{(\d+)(,\d*)?\}/.exec(s.slice(at))
    if (m !== null) { length = m[0].length; optional = m[1] === "0"; repeats = m[2] !== undefined || Number(m[1]) > 1 }
  }
  if (length > 0 && s[at + length] === "?") length++
  return { length, optional, repeats }
}
