import names from "../../infra/pii/names.json" with { type: "json" }
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

// Polish declension, enough for names in running text: Anna → Anny, Annie, Annę, Anną; Jan → Jana, Janem, Janowi.
const femaleForms = (n: string) => ["a", "y", "i", "ie", "ę", "ą", "o"].map((e) => n.slice(0, -1) + e)
const maleForms = (n: string) => [n, ...["a", "owi", "em", "ie", "u", "ze"].map((e) => n + e)]
const plForms = (n: string) => (n.endsWith("a") ? femaleForms(n) : maleForms(n))
const surnameForms = (n: string) =>
  /(?:sk|ck|dzk)i$/.test(n) ? ["i", "iego", "iemu", "im", "a", "iej", "ą"].map((e) => n.slice(0, -1) + e) : [n, n + "a", n + "em", n + "owi", n + "owie", n + "ów"]

const firstNames = new Set([...names.en_first, ...names.pl_first.flatMap(plForms)])
const surnames = new Set([...names.en_last, ...names.pl_last.flatMap(surnameForms)])
const ambiguous = new Set(names.ambiguous)
// Polish surname shapes beyond the lexicon: -ski/-cki/-dzki and their forms, -wicz, -czyk.
// (Words reach this test already well-cased, so the shape only needs the endings.)
const PL_SURNAME_SHAPE = /^.[a-ząćęłńóśźż]+(?:(?:sk|ck|dzk)(?:i|a|iego|iej|iemu|im|ą)|wicz(?:a|em|owi|owa|owej|ową)?|czyk(?:a|iem|owi)?)$/

// A title just before a capitalised word, in either case ("pan Kowalski", "Dr. Nowak", "Mrs Smith").
const TITLE_BEFORE = /(?:^|[^A-Za-z0-9_À-ÿ\u0100-\u017F])(?:mr|mrs|ms|miss|dr|prof|sir|pan|pani|pana|panu|panem|panią|panie|mister|madam)\.? $/i
const TITLES = new Set(["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Pan", "Pani", "Pana", "Panu", "Panem", "Panią", "Panie", "Mister", "Madam"])
// Capitalised words that follow a name without being a surname: sentence starts, days, languages.
const NOT_SURNAME = new Set(["The", "A", "An", "I", "And", "But", "Or", "If", "In", "On", "At", "To", "Is", "It", "This", "That", "We", "You", "He", "She", "They", "My", "Your", "Please", "Thanks", "Hi", "Hello", "Dear", "Oraz", "I", "W", "Na", "Z", "Do", "Nie", "To", "Jest", "Czy", "Proszę", "Dzień", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "English", "Polish", "Python", "Java", "Street", "Ulica"])

// Latin script only (English and Polish names); explicit ranges because \p{Lu}\p{Ll} under /u costs ~6× more.
const UP = "A-ZÀ-ÖØ-Þ\u0100-\u017F"
const LOW = "a-zß-öø-ÿ\u0100-\u017F"
const WORD = new RegExp(`[${UP}][${LOW}]+(?:-[${UP}][${LOW}]+)?\\.?`, "g")
// [A-Za-z0-9_À-ÖØ-öø-ÿ\u0100-\u017F] on a char code: a regex call per capitalised word cost more than the word.
export const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x17f && c !== 0xd7 && c !== 0xf7)
// Latin Extended-A mixes cases in one range: a word must start upper and continue lower.
// Below U+0100 the pattern's classes are cased apart, so a match without a hyphen is well-cased as it
// stands (after a hyphen comes a capital, which the test below rejects).
const CASE_UNSURE = /[\-\u0100-\uffff]/
export const wellCased = (w: string) =>
  !CASE_UNSURE.test(w) || (w[0] !== w[0]!.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase())

interface Word { readonly text: string; readonly start: number; readonly end: number }

export const person: Recognizer = (text) => {
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
