import { eld } from "eld/small"

/**
 * Polish or English, for the record and the log; the recognisers do not depend on it (both languages'
 * recognisers run on every text). Function words and Polish letters settle almost every prompt in a few
 * microseconds; eld (n-grams, ~100-250 µs a call here) decides only the close ones. Both measured on the
 * Polish and English rows of dev-benign.jsonl in docs/pii.md.
 */

export type Language = "pl" | "en" | "unknown"

export const PL_WORDS = new Set(("i w z na nie się jest to do że jak co czy o po od dla za przez są być by ten ta te tego tym jego jej ich " +
  "który która które jaki jaka jakie ile gdzie kiedy dlaczego oraz lub ale już tak mi mnie mój moja proszę jestem może można " +
  "był była było także tylko też przy pod nad bez między jako więc aby żeby ze we ku u").split(" "))
export const EN_WORDS = new Set(("the a an and or of to in on at for with by from is are was were be been it this that these those what which " +
  "who how why when where do does did can could would should will you your i my me we our they their he she his her not " +
  "if then than as about into over after before there here have has had please write explain").split(" "))
const LONGEST = Math.max(...[...PL_WORDS, ...EN_WORDS].map((w) => w.length))
const PL_LETTER = /[ąćęłńóśźż]/i
// Latin letters only: both languages are written in them, and \p{L} under /u costs several times more.
const WORD = /[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017F]+/g

const detector = eld.newInstance()
detector.setLanguageSubset(["en", "pl"])

export const detectLanguage = (text: string, sampleChars = 240): Language => {
  const sample = text.length > sampleChars ? text.slice(0, sampleChars) : text
  let pl = 0
  let en = 0
  // A word can hold a Polish letter only if the sample does (lower-casing makes none): most samples have none.
  const anyPlLetter = PL_LETTER.test(sample)
  WORD.lastIndex = 0
  for (let m = WORD.exec(sample); m !== null; m = WORD.exec(sample)) {
    const word = m[0]
    // Lower-casing never shortens a word, so a longer one is no function word; PL_LETTER is case-blind.
    if (word.length <= LONGEST) {
      const w = word.toLowerCase()
      if (PL_WORDS.has(w)) pl++
      else if (EN_WORDS.has(w)) en++
    }
    if (anyPlLetter && PL_LETTER.test(word)) pl++
  }
  // Clear either way: a margin of three words and twice the other side's count.
  if (pl >= en * 2 + 3) return "pl"
  if (en >= pl * 2 + 3) return "en"
  const result = detector.detect(sample.slice(0, 120)).language
  return result === "pl" || result === "en" ? result : "unknown"
}
