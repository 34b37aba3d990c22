import names from "../../infra/pii/names.json" with { type: "json" }
import { wordTable } from "./WordTable.ts"

/**
 * What PERSON knows of words: first names and surnames in English and Polish (with Polish inflected
 * forms), names that are also ordinary words, titles, and capitalised words that are no surname. Each
 * capitalised word is looked up once, for all of these at the same time (`lexiconBits`); the regexes below
 * run only where a cheap look at the word's last letters leaves them a chance.
 */

// Polish declension, enough for names in running text: Anna → Anny, Annie, Annę, Anną; Jan → Jana, Janem, Janowi.
const femaleForms = (n: string) => ["a", "y", "i", "ie", "ę", "ą", "o"].map((e) => n.slice(0, -1) + e)
const maleForms = (n: string) => [n, ...["a", "owi", "em", "ie", "u", "ze"].map((e) => n + e)]
const plForms = (n: string) => (n.endsWith("a") ? femaleForms(n) : maleForms(n))
const surnameForms = (n: string) =>
  /(?:sk|ck|dzk)i$/.test(n) ? ["i", "iego", "iemu", "im", "a", "iej", "ą"].map((e) => n.slice(0, -1) + e) : [n, n + "a", n + "em", n + "owi", n + "owie", n + "ów"]

export const firstNames = new Set([...names.en_first, ...names.pl_first.flatMap(plForms)])
export const surnames = new Set([...names.en_last, ...names.pl_last.flatMap(surnameForms)])
export const ambiguous = new Set(names.ambiguous)
// Polish surname shapes beyond the lexicon: -ski/-cki/-dzki and their forms, -wicz, -czyk.
// (Words reach this test already well-cased, so the shape only needs the endings.)
export const PL_SURNAME_SHAPE = /^.[a-ząćęłńóśźż]+(?:(?:sk|ck|dzk)(?:i|a|iego|iej|iemu|im|ą)|wicz(?:a|em|owi|owa|owej|ową)?|czyk(?:a|iem|owi)?)$/

// A title just before a capitalised word, in either case ("pan Kowalski", "Dr. Nowak", "Mrs Smith").
export const TITLE_BEFORE = /(?:^|[^A-Za-z0-9_À-ÿ\u0100-\u017F])(?:mr|mrs|ms|miss|dr|prof|sir|pan|pani|pana|panu|panem|panią|panie|mister|madam)\.? $/i
export const TITLES = new Set(["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Pan", "Pani", "Pana", "Panu", "Panem", "Panią", "Panie", "Mister", "Madam"])
// Capitalised words that follow a name without being a surname: sentence starts, days, languages.
export const NOT_SURNAME = new Set(["The", "A", "An", "I", "And", "But", "Or", "If", "In", "On", "At", "To", "Is", "It", "This", "That", "We", "You", "He", "She", "They", "My", "Your", "Please", "Thanks", "Hi", "Hello", "Dear", "Oraz", "I", "W", "Na", "Z", "Do", "Nie", "To", "Jest", "Czy", "Proszę", "Dzień", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "English", "Polish", "Python", "Java", "Street", "Ulica"])

export const TITLE = 1
export const NOT_SURNAME_BIT = 2
export const FIRST = 4
export const AMBIGUOUS = 8
export const SURNAME = 16
const lexicon = new Map<string, number>()
const mark = (words: Iterable<string>, bit: number) => { for (const w of words) lexicon.set(w, (lexicon.get(w) ?? 0) | bit) }
mark(TITLES, TITLE)
mark(NOT_SURNAME, NOT_SURNAME_BIT)
mark(firstNames, FIRST)
mark(ambiguous, AMBIGUOUS)
mark(surnames, SURNAME)

/** TITLE, NOT_SURNAME_BIT, FIRST, AMBIGUOUS and SURNAME, or'ed: what each of the sets above says of the word. */
const table = wordTable(lexicon)
export const lexiconBits: (word: string) => number = table.get
/** The same for `text.slice(start, end)`, read in place. */
export const lexiconBitsAt: (text: string, start: number, end: number) => number = table.at

// Every PL_SURNAME_SHAPE ending closes on one of these letters; most capitalised words do not.
const SHAPE_LAST = new Set([..."iaojumązk"].map((c) => c.charCodeAt(0)))
export const surnameShape = (w: string): boolean => SHAPE_LAST.has(w.charCodeAt(w.length - 1)) && PL_SURNAME_SHAPE.test(w)
/** The same for `text.slice(start, end)`, sliced only when the last letter leaves the regex a chance. */
export const surnameShapeAt = (text: string, start: number, end: number): boolean =>
  SHAPE_LAST.has(text.charCodeAt(end - 1)) && PL_SURNAME_SHAPE.test(text.slice(start, end))

// Under TITLE_BEFORE's /i (no /u) a title letter matches only itself and its ASCII pair (or Ą for ą):
// the two letters before the space (and an optional dot), lower-cased so, must end some title.
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c === 0x104 ? 0x105 : c)
const pair = (a: number, b: number) => a * 0x10000 + b
const TITLE_ENDINGS = new Set([...TITLES].map((t) => pair(lower(t.charCodeAt(t.length - 2)), lower(t.charCodeAt(t.length - 1)))))

/** Whether a title stands right before the capitalised word at `start` (preceded by a space): TITLE_BEFORE's answer. */
export const titleBefore = (text: string, start: number): boolean => {
  let j = start - 2
  if (text.charCodeAt(j) === 46) j--
  if (j < 1 || !TITLE_ENDINGS.has(pair(lower(text.charCodeAt(j - 1)), lower(text.charCodeAt(j))))) return false
  return TITLE_BEFORE.test(text.slice(Math.max(0, start - 9), start))
}
