import { isWordChar, SCORES, wellCased } from "../../domain/Pii/Person.ts"
import { ambiguous, firstNames, NOT_SURNAME, PL_SURNAME_SHAPE, surnames, TITLE_BEFORE, TITLES } from "../../domain/Pii/PersonLexicon.ts"
import type { Candidate } from "../../domain/Pii/Types.ts"

/**
 * PERSON as it was written before its words were looked up once in a combined lexicon and its regexes
 * guarded by last-letter checks: one set lookup and one regex call per question. The reference the fast
 * version must agree with (test/domain/PiiFastPaths.test.ts).
 */

const UP = "A-ZÀ-ÖØ-Þ\u0100-\u017F"
const LOW = "a-zß-öø-ÿ\u0100-\u017F"
const WORD = new RegExp(`[${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?\\.?`, "g")

interface Word { readonly text: string; readonly start: number; readonly end: number }

export const referencePerson = (text: string): Array<Candidate> => {
  const words: Array<Word> = []
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    // Inside a word (camelCase, "McDonald") is not a capitalised word of its own.
    if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1))) continue
    const bare = m[0].endsWith(".") ? m[0].slice(0, -1) : m[0]
    if (!wellCased(bare)) continue
    words.push({ text: bare, start: m.index, end: m.index + bare.length })
  }
  const out: Array<Candidate> = []
  const isSurname = (x: Word) => !NOT_SURNAME.has(x.text) && (surnames.has(x.text) || PL_SURNAME_SHAPE.test(x.text))
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (TITLES.has(w.text) || NOT_SURNAME.has(w.text)) continue
    const next = words[i + 1]
    const adjacent = next !== undefined && next.start === w.end + 1 && text.charCodeAt(w.end) === 32 && !NOT_SURNAME.has(next.text)
    const isFirst = firstNames.has(w.text)
    if (text[w.start - 1] === " " && TITLE_BEFORE.test(text.slice(Math.max(0, w.start - 9), w.start))) {
      const two = adjacent && (isFirst || isSurname(next))
      out.push({ type: "PERSON", start: w.start, end: two ? next.end : w.end, score: SCORES.titled })
      if (two) i++
      continue
    }
    if (isFirst && adjacent) {
      const full = isSurname(next)
      if (full || (!ambiguous.has(w.text) && !firstNames.has(next.text))) {
        out.push({ type: "PERSON", start: w.start, end: next.end, score: full ? SCORES.fullName : SCORES.firstAndCapitalised })
        i++
        continue
      }
    }
    if (ambiguous.has(w.text)) continue
    if (isFirst) out.push({ type: "PERSON", start: w.start, end: w.end, score: SCORES.firstOnly })
    else if (isSurname(w)) out.push({ type: "PERSON", start: w.start, end: w.end, score: SCORES.surnameOnly })
  }
  return out
}
