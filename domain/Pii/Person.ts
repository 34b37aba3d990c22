import { AMBIGUOUS, FIRST, lexiconBitsAt, NOT_SURNAME_BIT, SURNAME, surnameShapeAt, TITLE, titleBefore } from "./PersonLexicon.ts"
import type { Candidate, Recognizer } from "./Types.ts"

/**
 * PERSON from a lexicon of English and Polish first names and surnames, Polish inflected forms, titles,
 * and the shape of the next word. No model: a name outside the lexicon is found only after a title or
 * beside a known first name. Words that are also ordinary words ("Will", "May", "Grace") count only
 * next to another name part or a title.
 */

// A lone first name or surname is below the default threshold (0.5): alone it is mostly a character, a
// celebrity or a placeholder, and SANITIZE on every "Ask Ryan" is the over-blocking users complain of.
// A context word ("my name is", "nazywam się") lifts it over.
export const SCORES = { fullName: 0.85, firstAndCapitalised: 0.65, titled: 0.8, firstOnly: 0.45, surnameOnly: 0.4 } as const

// Latin script only (English and Polish names); explicit ranges because \p{Lu}\p{Ll} under /u costs ~6× more.
const UP = "A-ZÀ-ÖØ-Þ\u0100-\u017F"
const LOW = "a-zß-öø-ÿ\u0100-\u017F"
// Capitalised words are what /[UP][LOW]+(?:-[UP][LOW]+)?\.?/g matches. Its start, where [UP][LOW] first
// occurs, is left to the regex (test: no match array); the rest (every quantifier greedy, nothing after
// it that can fail) is read on char codes, so no string is made for a word the lexicon does not know.
const OPENING = new RegExp(`[${UP}][${LOW}]`, "g")
const isUp = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x100 && c <= 0x17f)
const isLow = (c: number) => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x100 && c <= 0x17f)
// [A-Za-z0-9_À-ÖØ-öø-ÿ\u0100-\u017F] on a char code: a regex call per capitalised word cost more than the word.
export const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x17f && c !== 0xd7 && c !== 0xf7)
// Latin Extended-A mixes cases in one range: a word must start upper and continue lower.
// Below U+0100 the pattern's classes are cased apart, so a match without a hyphen is well-cased as it
// stands (after a hyphen comes a capital, which the test below rejects).
// (A char-code loop: a regex call per word cost more than the test.)
const caseUnsure = (w: string) => {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i)
    if (c === 45 || c >= 0x100) return true
  }
  return false
}
export const wellCased = (w: string) =>
  !caseUnsure(w) || (w[0] !== w[0]!.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase())

export const person: Recognizer = (text) => {
  // Capitalised words as parallel arrays: their start, end and lexicon bits.
  const starts: Array<number> = []
  const ends: Array<number> = []
  const bits: Array<number> = []
  OPENING.lastIndex = 0
  while (OPENING.test(text)) {
    const start = OPENING.lastIndex - 2
    let end = start + 2
    let unsure = text.charCodeAt(start) >= 0x100 || text.charCodeAt(start + 1) >= 0x100
    for (let c = text.charCodeAt(end); isLow(c); c = text.charCodeAt(++end)) if (c >= 0x100) unsure = true
    if (text.charCodeAt(end) === 45 && isUp(text.charCodeAt(end + 1)) && isLow(text.charCodeAt(end + 2))) {
      unsure = true
      end += 3
      while (isLow(text.charCodeAt(end))) end++
    }
    // The match takes a dot after the word; the word does not.
    OPENING.lastIndex = text.charCodeAt(end) === 46 ? end + 1 : end
    // Inside a word (camelCase, "McDonald") is not a capitalised word of its own.
    if (start > 0 && isWordChar(text.charCodeAt(start - 1))) continue
    if (unsure && !wellCased(text.slice(start, end))) continue
    starts.push(start)
    ends.push(end)
    bits.push(lexiconBitsAt(text, start, end))
  }
  const out: Array<Candidate> = []
  const isSurname = (k: number) => (bits[k]! & NOT_SURNAME_BIT) === 0 && ((bits[k]! & SURNAME) !== 0 || surnameShapeAt(text, starts[k]!, ends[k]!))
  for (let i = 0; i < starts.length; i++) {
    const b = bits[i]!
    if ((b & (TITLE | NOT_SURNAME_BIT)) !== 0) continue
    const start = starts[i]!
    const end = ends[i]!
    const next = i + 1
    const nextEnd = next < starts.length ? ends[next]! : 0
    const adjacent = next < starts.length && starts[next] === end + 1 && text.charCodeAt(end) === 32 && (bits[next]! & NOT_SURNAME_BIT) === 0
    const isFirst = (b & FIRST) !== 0
    if (text.charCodeAt(start - 1) === 32 && titleBefore(text, start)) {
      const two = adjacent && (isFirst || isSurname(next))
      out.push({ type: "PERSON", start, end: two ? nextEnd : end, score: SCORES.titled })
      if (two) i++
      continue
    }
    if (isFirst && adjacent) {
      const full = isSurname(next)
      if (full || ((b & AMBIGUOUS) === 0 && (bits[next]! & FIRST) === 0)) {
        out.push({ type: "PERSON", start, end: nextEnd, score: full ? SCORES.fullName : SCORES.firstAndCapitalised })
        i++
        continue
      }
    }
    if ((b & AMBIGUOUS) !== 0) continue
    if (isFirst) out.push({ type: "PERSON", start, end, score: SCORES.firstOnly })
    else if (isSurname(i)) out.push({ type: "PERSON", start, end, score: SCORES.surnameOnly })
  }
  return out
}
