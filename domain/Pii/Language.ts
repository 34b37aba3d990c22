import { eld } from "eld/small"
import { wordTable } from "./WordTable.ts"

/**
 * Polish or English, for the record and the log; the recognisers do not depend on it (both languages'
 * recognisers run on every text). Function words and Polish letters settle almost every prompt in a few
 * microseconds; eld (n-grams, ~100-250 µs a call here) decides only the close ones. Both measured on the
 * Polish and English rows of dev-benign.jsonl in docs/pii.md.
 *
 * A close call is then judged on each language's own words: words of two letters or more that only one list
 * holds, and words with Polish letters. When the larger side has at least three and the two differ, it wins:
 * that settles a prompt that mixes the languages (a Polish question pasted beside English text) and an
 * English one whose "I", "to" and "do" count as Polish above. eld reads only the first 120 characters, so on
 * a mixed prompt it named the language of the opening, at the cost of an n-gram pass; it is left for ties
 * and thin evidence. Single letters ("i", "w", "a") are no evidence: spaced-out text ("I g n o r e") is
 * full of them.
 */

export type Language = "pl" | "en" | "unknown"

export const PL_WORDS = new Set(("i w z na nie się jest to do że jak co czy o po od dla za przez są być by ten ta te tego tym jego jej ich " +
  "który która które jaki jaka jakie ile gdzie kiedy dlaczego oraz lub ale już tak mi mnie mój moja proszę jestem może można " +
  "był była było także tylko też przy pod nad bez między jako więc aby żeby ze we ku u").split(" "))
export const EN_WORDS = new Set(("the a an and or of to in on at for with by from is are was were be been it this that these those what which " +
  "who how why when where do does did can could would should will you your i my me we our they their he she his her not " +
  "if then than as about into over after before there here have has had please write explain").split(" "))
const LONGEST = Math.max(...[...PL_WORDS, ...EN_WORDS].map((w) => w.length))
// One lookup per word: 1 for Polish, 2 for English, 3 for both ("i", "to", "do", "by", "we"): those count as
// Polish, as they always have, but are neither language's own words.
const FUNCTION_WORD = wordTable(new Map([
  ...[...EN_WORDS].map((w) => [w, 2] as const),
  ...[...PL_WORDS].map((w) => [w, EN_WORDS.has(w) ? 3 : 1] as const)
]))

// Words are runs of Latin letters [A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017F], found on char codes (a regex exec per word
// built a match array for each of a sample's ~40 words); both languages are written in them.
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x17f && c !== 0xd7 && c !== 0xf7)
// What /[ąćęłńóśźż]/i matches (without /u only each letter's own capital): Ó/ó in Latin-1, the rest in Latin Extended-A.
const PL_LETTERS = new Set([0xd3, 0xf3, 0x104, 0x105, 0x106, 0x107, 0x118, 0x119, 0x141, 0x142, 0x143, 0x144, 0x15a, 0x15b, 0x179, 0x17a, 0x17b, 0x17c])
export const isPlLetter = (c: number): boolean => (c === 0xd3 || c === 0xf3 || c >= 0x104) && PL_LETTERS.has(c)

const detector = eld.newInstance()
detector.setLanguageSubset(["en", "pl"])

export const detectLanguage = (text: string, sampleChars = 240): Language => {
  // The sample is the text's first `sampleChars` characters, read in place (slicing a text that is a
  // concatenation would first copy all of it); any other `sampleChars` is taken as slice() takes it.
  const whole = Number.isInteger(sampleChars) && sampleChars >= 0
  const sample = whole || !(text.length > sampleChars) ? text : text.slice(0, sampleChars)
  const n = whole ? Math.min(text.length, sampleChars) : sample.length
  let pl = 0
  let en = 0
  // Each language's own words: the same counts without single letters and without the words both share.
  let plWords = 0
  let enWords = 0
  for (let i = 0; i < n; i++) {
    if (!isLetter(sample.charCodeAt(i))) continue
    const start = i
    let polish = false
    let lower = true
    for (let c = sample.charCodeAt(i); i < n && isLetter(c); c = sample.charCodeAt(++i)) {
      if (c < 97 || c > 122) {
        lower = false
        if (c >= 0xd3 && isPlLetter(c)) polish = true
      }
    }
    // Lower-casing never shortens a word, so a longer one is no function word.
    if (i - start <= LONGEST) {
      const kind = lower ? FUNCTION_WORD.at(sample, start, i) : FUNCTION_WORD.get(sample.slice(start, i).toLowerCase())
      if (kind === 1 || kind === 3) {
        pl++
        if (kind === 1 && i - start > 1) plWords++
      } else if (kind === 2) {
        en++
        if (i - start > 1) enWords++
      }
    }
    if (polish) {
      pl++
      plWords++
    }
  }
  // Clear either way: a margin of three words and twice the other side's count.
  if (pl >= en * 2 + 3) return "pl"
  if (en >= pl * 2 + 3) return "en"
  if (Math.max(plWords, enWords) >= 3 && plWords !== enWords) return plWords > enWords ? "pl" : "en"
  const result = detector.detect(sample.slice(0, Math.min(n, 120))).language
  return result === "pl" || result === "en" ? result : "unknown"
}
