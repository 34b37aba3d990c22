/**
 * Text normalisation for pattern matching only: the result is never shown to anyone or forwarded,
 * so it may lose information (case, diacritics, word breaks) as long as attacks and their obfuscated
 * variants end up looking alike.
 */
import { foldWithFacts } from "./Fold.ts"

export { fold, foldUnicode, stripInvisible } from "./Fold.ts"

// 2, 8 and 9 too: Polish and "c0d3 9en3ra7ion"-style attacks use them for z, b and g.
const LEET: Readonly<Record<string, string>> = {
  "0": "o", "1": "i", "2": "z", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s"
}
const LEET_CHAR = /[012345789@$]/g
const HAS_LETTER = /\p{L}/u

// Three or more single characters joined by one separator: "i g n o r e", "i.g.n.o.r.e", "1-g-n-0-r-3", "i\\g\\n".
// Two spaces between such runs are the word break the attacker left, so whitespace is collapsed only after.
// An apostrophe counts as a letter there ("u s e r ' s"), or the run would break at it.
const SPACED = /(?<![\p{L}\p{N}@$'])[\p{L}\p{N}@$'](?:[ .\-_*\\][\p{L}\p{N}@$'](?![\p{L}\p{N}@$'])){2,}/gu
// The same without Unicode property escapes, several times faster on the (common) ASCII-only prompt.
const SPACED_ASCII = /(?<![a-z0-9@$'])[a-z0-9@$'](?:[ .\-_*\\][a-z0-9@$'](?![a-z0-9@$'])){2,}/g
const SPACED_SEPARATOR = /[ .\-_*\\]/g
// Every run holds a separator, a single character, a separator and a single character; prose rarely does,
// and this test is cheaper than the run expression with its lookbehind.
const TWO_SINGLES_ASCII = /[ .\-_*\\][a-z0-9@$'][ .\-_*\\][a-z0-9@$'](?![a-z0-9@$'])/
const TWO_SINGLES = /[ .\-_*\\][\p{L}\p{N}@$'][ .\-_*\\][\p{L}\p{N}@$'](?![\p{L}\p{N}@$'])/u
const twoSingles = (text: string, ascii: boolean): boolean => (ascii ? TWO_SINGLES_ASCII : TWO_SINGLES).test(text)
const collapseRuns = (text: string, ascii: boolean): string => text.replace(ascii ? SPACED_ASCII : SPACED, (run) => run.replace(SPACED_SEPARATOR, ""))
const collapseSpaced = (text: string, ascii: boolean): string => (twoSingles(text, ascii) ? collapseRuns(text, ascii) : text)

// Leetspeak only inside tokens that also hold letters, so PESELs, card and phone numbers keep their digits.
// By char code, for the loop below; a token's letters are lower case by now (folding comes first).
const LEET_BY_CODE: ReadonlyArray<string | undefined> = Array.from({ length: 128 }, (_, code) => LEET[String.fromCharCode(code)])
const hasLetter = (token: string): boolean => {
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i)
    if (code >= 97 && code <= 122) return true
    if (code >= 128) return HAS_LETTER.test(token)
  }
  // Upper-case ASCII is gone after folding, but a caller may pass raw text.
  return /[A-Z]/.test(token)
}
const deLeet = (token: string): string => {
  if (!hasLetter(token)) return token
  let out = "", done = 0
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i)
    const read = code < 128 ? LEET_BY_CODE[code] : undefined
    if (read === undefined) continue
    out += token.slice(done, i) + read
    done = i + 1
  }
  return done === 0 ? token : out + token.slice(done)
}

// Each space-separated token that holds a leet character, found from that character outwards: a regular
// expression `[^ ]*[0-9@$][^ ]*` would rescan every token from each of its positions.
const deLeetTokens = (text: string): string => {
  let out = "", done = 0
  LEET_CHAR.lastIndex = 0
  for (let m = LEET_CHAR.exec(text); m !== null; m = LEET_CHAR.exec(text)) {
    const start = text.lastIndexOf(" ", m.index) + 1
    const space = text.indexOf(" ", m.index)
    const end = space < 0 ? text.length : space
    LEET_CHAR.lastIndex = end
    // Numbers ("2024", "10:30") hold no letter and stay as they are: no copy for them.
    const token = text.slice(start, end)
    const read = deLeet(token)
    if (read === token) continue
    out += text.slice(done, start) + read
    done = end
  }
  return done === 0 ? text : out + text.slice(done)
}

const NON_ASCII_RUN = /[^\x00-\x7F]+/g
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
/**
 * Whether the only letters and digits are ASCII ones: then the Unicode-aware spacing regex finds exactly
 * what its ASCII form finds (the other characters are neither in the runs nor letters next to them), and
 * the ASCII form is several times faster. Most prompts are ASCII but for a typographic quote or an emoji.
 */
export const asciiLettersOnly = (text: string): boolean => {
  for (const m of text.matchAll(NON_ASCII_RUN)) if (LETTER_OR_DIGIT.test(m[0])) return false
  return true
}

// "\I\ \h\a\v\e": a backslash between every character. Stripped only when backslashes are that dense,
// so Windows paths and escapes in code keep theirs (and once stripped, a second pass finds none).
const BACKSLASH = /\\/g
const backslashSpaced = (text: string): string => {
  let n = 0
  for (let i = text.indexOf("\\"); i >= 0; i = text.indexOf("\\", i + 1)) n++
  return n >= 8 && n * 4 >= text.replace(/\s/g, "").length ? text.replace(BACKSLASH, "") : text
}

/**
 * `normalize`'s result, and whether the raw text may hold letters spaced out ("l e t t e r s", six or more
 * single letters between `[ .\-_*]`): false only when it cannot. Such a run, with each letter still one
 * letter after folding (`lettersInPlace`), holds a separator, a single letter, a separator, a single letter
 * and a separator once folded, which is the two-singles test normalisation runs anyway.
 */
export interface Normalized {
  readonly text: string
  readonly maySpaceLetters: boolean
}
export const normalize = (text: string): string => normalizeWithFacts(text).text
export const normalizeWithFacts = (text: string): Normalized => {
  const facts = foldWithFacts(text)
  // Whitespace other than the space itself becomes a space (replacing spaces by spaces would cost the same).
  const folded = backslashSpaced(facts.text.replace(/[^\S ]/g, " "))
  // Upper-case ASCII is gone after folding, so [a-z0-9] are all the ASCII letters and digits left. Folding
  // knows the answer unless it ran the Unicode steps (neither step after it makes or removes a letter or digit).
  const ascii = facts.asciiLetters ?? asciiLettersOnly(folded)
  const two = twoSingles(folded, ascii)
  const spaced = (two ? collapseRuns(folded, ascii) : folded).replace(/ {2,}/g, " ")
  // Unchanged by both (most prompts): a second collapse would look at the text the first found nothing in.
  const words = spaced === folded ? folded : collapseSpaced(spaced, ascii)
  return { text: deLeetTokens(words).trim(), maySpaceLetters: two || !facts.lettersInPlace }
}

// Letters, then a leet character, then a letter: "s3cr3t", "w!1l", "@nswer". Code has digits at the end of
// words ("utf8", "sha256", "ipv4"), rarely between letters, so five such words mark a leetspeak text.
const LEET_INSIDE = /[a-z][0-9@$!|][a-z]/gi
const LEET_WORDS = 5

/**
 * `normalize` reads 1 as i, which is right for "1gn0re" but wrong for "He1l0" and "w!1l". For a text that
 * is leetspeak throughout, this is the other reading (1 as l, ! and | inside words as i and l), to be
 * normalized and matched as one more view; undefined for everything else.
 */
export const leetVariant = (text: string): string | undefined => {
  // Throughout: five such words, and one per 200 characters, so a long text with a few is not read twice.
  if ((text.match(LEET_INSIDE)?.length ?? 0) < Math.max(LEET_WORDS, text.length / 200)) return undefined
  return text.replace(/(?<=[\p{L}\d@$])[1|](?=[\p{L}\d@$!])|(?<=[\p{L}\d@$!])[1|](?=[\p{L}\d@$])/gu, "l").replace(/(?<=[\p{L}\d@$])!(?=[\p{L}\d@$])|(?<![\p{L}\d])!(?=\p{L})/gu, "i")
}
