/**
 * Text folding for the learned branches (semantic, classifier). Deliberately smaller than the heuristics'
 * normalisation: the models see a stable, cheap view in which obfuscated and plain spellings of a word
 * share features, and a model trained on one version of this file keeps its meaning until it is retrained.
 */

// Invisible controls split words without showing; tag characters (U+E0020–E007E) carry invisible ASCII,
// which is decoded so the hidden words become features.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}\u{E0001}\u{E007F}]/gu
const TAG_ASCII = /[\u{E0020}-\u{E007E}]/gu
const MARKS = /\p{M}/gu
const ASCII = /^[\x00-\x7F]*$/
const SPACES = /\s+/g

// Look-alikes that NFKD leaves alone: Cyrillic and Greek letters used in homoglyph attacks, and the Latin
// letters without a decomposition. Mapped after lower-casing.
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i",
  ј: "j", ѕ: "s", ԁ: "d", һ: "h", ӏ: "l", ү: "y", α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o",
  ρ: "p", τ: "t", υ: "u", χ: "x", ł: "l", ø: "o", đ: "d", ß: "ss", ı: "i"
}
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "gu")

/**
 * foldText before whitespace runs become one space: every step here maps characters one by one (bar
 * the Greek capital sigma, whose lower case depends on its neighbours), which lets FeaturesView.ts fold
 * by a per-character table.
 */
export const foldChars = (text: string): string =>
  text
    .replace(TAG_ASCII, (c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000))
    .replace(INVISIBLE, "")
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(LOOKALIKE_RE, (c) => LOOKALIKES[c] ?? c)

/** Lower case, no diacritics, look-alikes mapped, invisible characters gone, whitespace runs as one space. */
export const foldText = (text: string): string => {
  if (ASCII.test(text)) return text.toLowerCase().replace(SPACES, " ").trim()
  return foldChars(text).replace(SPACES, " ").trim()
}

const WORD_ASCII = /[a-z0-9]+/g
const WORD = /[\p{L}\p{N}]+/gu

/** Letter/digit runs of folded text. */
export const wordsOf = (folded: string): Array<string> =>
  folded.match(ASCII.test(folded) ? WORD_ASCII : WORD) ?? []
