/**
 * Folding for pattern matching: case, diacritics, compatibility forms, homoglyphs and invisible characters
 * taken out, so that obfuscated variants read like the plain text (`normalize` builds on it).
 */

// Zero-width, bidi controls, soft hyphen and the Mongolian vowel separator: all invisible, and JavaScript's
// `\s` matches none of them, so they split words without showing. Tag characters carry invisible ASCII.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu

// Mapped before lower-casing, because some Greek capitals look like a Latin letter other than their
// lower-case form (Η looks like H, η like n).
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  А: "a", В: "b", Е: "e", К: "k", М: "m", Н: "h", О: "o", Р: "p", С: "c", Т: "t", У: "y", Х: "x",
  І: "i", Ј: "j", Ѕ: "s", Ԁ: "d", Ԛ: "q", Ԝ: "w", Ү: "y",
  а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", і: "i", ј: "j", ѕ: "s", ԁ: "d", һ: "h",
  ԛ: "q", ԝ: "w", ӏ: "l", ү: "y", к: "k", м: "m", т: "t", в: "b", н: "h",
  // Greek
  Α: "a", Β: "b", Ε: "e", Ζ: "z", Η: "h", Ι: "i", Κ: "k", Μ: "m", Ν: "n", Ο: "o", Ρ: "p", Τ: "t",
  Υ: "y", Χ: "x",
  α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", γ: "y", ω: "w",
  // Small capitals, which NFKC leaves alone ("Sʏsᴛᴇᴍ ᴜᴘᴅᴀᴛᴇ").
  ᴀ: "a", ʙ: "b", ᴄ: "c", ᴅ: "d", ᴇ: "e", ꜰ: "f", ɢ: "g", ʜ: "h", ɪ: "i", ᴊ: "j", ᴋ: "k", ʟ: "l", ᴍ: "m",
  ɴ: "n", ᴏ: "o", ᴘ: "p", ǫ: "q", ʀ: "r", ꜱ: "s", ᴛ: "t", ᴜ: "u", ᴠ: "v", ᴡ: "w", ʏ: "y", ᴢ: "z"
}
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join("")}]`, "gu")
const toLatin = (c: string): string => HOMOGLYPHS[c] ?? c

// Letters that do not decompose under NFD, so stripping combining marks misses them.
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { ł: "l", ø: "o", đ: "d", ħ: "h", ı: "i", ß: "ss" }
const UNDECOMPOSABLE_RE = /[łøđħıß]/gu

export const stripInvisible = (text: string): string => text.replace(INVISIBLE, "")

const ASCII = /^[\x00-\x7F]*$/
const MARKS = /\p{M}/gu

/** The Unicode steps of folding; `fold` skips them where they cannot change anything. */
export const foldUnicode = (text: string): string =>
  stripInvisible(text).toWellFormed().normalize("NFKC")
    // Marks go before the homoglyph map ("ἀ" is α once bare) and again after lower-casing ("İ" → "i̇").
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(HOMOGLYPH_RE, toLatin)
    .toLowerCase()
    .replace(MARKS, "")
    // Capitals without an entry (Ω) lower-case into ones with an entry (ω).
    .replace(HOMOGLYPH_RE, toLatin)
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c] ?? c)
    // Recompose what NFD split apart without a mark (Hangul), so a second pass changes nothing.
    .normalize("NFC")

// A character the Unicode steps leave as lower-casing leaves it, alone and next to any other: no mark, no
// (de)composition, no homoglyph or invisible, not Hangul jamo (composes without marks), not capital sigma
// (lower-cased by context). Typographic quotes, dashes and emoji are; most prompts have nothing else.
const JAMO = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uD7B0-\uD7FF]/
const HAS_MARK = /\p{M}/u
const inertChars = new Map<string, boolean>()
const isInert = (c: string): boolean => {
  let known = inertChars.get(c)
  if (known === undefined) {
    const lower = c.toLowerCase()
    known = c !== "\u03A3" && !JAMO.test(c) && !HAS_MARK.test(c) && !HAS_MARK.test(lower) &&
      c.normalize("NFKC") === c && c.normalize("NFD") === c && foldUnicode(c) === lower
    // Bounded: a text in another script adds its letters once, not without end.
    if (inertChars.size < 4096) inertChars.set(c, known)
  }
  return known
}
// Precomposed Latin letters that fold to ASCII letters ("ł" to "l", "Ż" to "z", "ß" to "ss") fold the same
// way alone and in any word of ASCII, inert characters and each other: each decomposes to a base that no
// neighbour composes with, and what is left is ASCII, which the closing NFC leaves alone. Words of Polish
// and the like are then folded by a lookup instead of the Unicode steps (three ICU passes and eight more).
// Only letters whose lower case is one such letter too, so that a text can be lower-cased first.
const plainLetters = (): Map<string, string> => {
  const out = new Map<string, string>()
  for (const [from, to] of [[0xC0, 0x24F], [0x1E00, 0x1EFF]] as const) {
    for (let code = from; code <= to; code++) {
      const c = String.fromCharCode(code)
      const folded = foldUnicode(c)
      const base = c.normalize("NFD")[0]!
      if (/^[a-z]{1,2}$/.test(folded) && !HAS_MARK.test(c) && (base === c || base < "\x80") && foldUnicode(c.toLowerCase()) === folded) out.set(c, folded)
    }
  }
  for (const c of [...out.keys()]) if (!out.has(c.toLowerCase())) out.delete(c)
  return out
}
const PLAIN = plainLetters()
// The blocks the plain letters come from (two ranges scan faster than a class of four hundred letters); the
// others in them are left as they are.
const PLAIN_RE = /[\u00C0-\u024F\u1E00-\u1EFF]/g
const plainAscii = (c: string): string => PLAIN.get(c) ?? c
/** Lower-cased, with plain letters folded when the text has any (`plain`). */
const lower = (text: string, plain: boolean): string => (plain ? text.toLowerCase().replace(PLAIN_RE, plainAscii) : text.toLowerCase())

// What each BMP code unit is, learnt on first sight (0: not yet): a plain letter, an inert character (with a
// letter or digit in its lower case, or without), or one that needs the Unicode steps. A typed array read
// per character instead of a Map lookup of a one-character string; surrogate pairs take the Map path.
const PLAIN_C = 1, INERT_C = 2, INERT_LETTER_C = 3, ACTIVE_C = 4, WIDE_PLAIN_C = 5
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const classOf = new Uint8Array(65536)
const classify = (c: string): number =>
  PLAIN.has(c) ? (PLAIN.get(c)!.length === 1 ? PLAIN_C : WIDE_PLAIN_C) : !isInert(c) ? ACTIVE_C : LETTER_OR_DIGIT.test(c.toLowerCase()) ? INERT_LETTER_C : INERT_C
const SURROGATE = 0xD800, PAST_SURROGATES = 0xE000

// Set by `firstActive`: a plain letter seen (one that folds to two letters, "ß"), an inert character whose
// lower case holds a letter or digit seen.
let plainSeen = false
let wideSeen = false
let letterSeen = false
/** The index of the first character from `from` on, within its run of non-ASCII ones, that needs the Unicode steps; else -1 - the run's end. */
const firstActive = (text: string, from: number): number => {
  let i = from
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 128) break
    let k: number
    if (code < SURROGATE || code >= PAST_SURROGATES) {
      k = classOf[code]!
      if (k === 0) k = classOf[code] = classify(text[i]!)
    } else {
      // As `for…of` reads: a high surrogate with a low one after it is one character.
      const pair = code < 0xDC00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xFC00) === 0xDC00
      k = classify(pair ? text.slice(i, i + 2) : text[i]!)
      if (k !== ACTIVE_C && pair) i++
    }
    if (k === ACTIVE_C) return i
    if (k === PLAIN_C) plainSeen = true
    else if (k === INERT_LETTER_C) letterSeen = true
    else if (k === WIDE_PLAIN_C) plainSeen = wideSeen = true
  }
  return -1 - i
}

/** `fold`'s result, and whether it is known to hold no letter or digit outside ASCII (undefined: not known). */
export interface Folded {
  readonly text: string
  readonly asciiLetters: boolean | undefined
  /**
   * Each letter became one letter, in place: ASCII and plain ones lower-cased or folded to one ASCII letter,
   * inert ones lower-cased (each to one letter: every letter but "İ", which is not inert, does so). Nothing
   * else changed but case, so a run of single letters between ASCII separators is one in the result too.
   */
  readonly lettersInPlace: boolean
}

/**
 * Pure ASCII has nothing for the Unicode steps to do, nor has text whose other characters are all inert,
 * and most prompts are one of those. The rest get the steps only in the words that need them: nothing
 * crosses a space or a line break (no mark attaches to one, nothing composes with one, and sigma's
 * context ends there), so folding word by word gives what folding the whole text gives.
 */
export const foldWithFacts = (text: string): Folded => {
  if (ASCII.test(text)) return { text: text.toLowerCase(), asciiLetters: true, lettersInPlace: true }
  let out = "", done = 0, start = -1, end = 0, folded = false
  plainSeen = wideSeen = letterSeen = false
  NON_ASCII.lastIndex = 0
  while (NON_ASCII.test(text)) {
    const found = firstActive(text, NON_ASCII.lastIndex - 1)
    if (found < 0) {
      NON_ASCII.lastIndex = -1 - found
      continue
    }
    const wordStart = Math.max(text.lastIndexOf(" ", found), text.lastIndexOf("\n", found)) + 1
    // Words close together (a Polish sentence) are folded as one stretch: each call has a fixed cost.
    if (start >= 0 && wordStart - end > NEAR) {
      out += lower(text.slice(done, start), plainSeen) + foldUnicode(text.slice(start, end))
      done = end
      start = -1
    }
    if (start < 0) start = wordStart
    end = nextBreak(text, found)
    folded = true
    // Runs that start before the break are inside the stretch.
    NON_ASCII.lastIndex = end
  }
  const asciiLetters = folded ? undefined : !letterSeen
  const lettersInPlace = !folded && !wideSeen
  if (start < 0) return { text: done === 0 ? lower(text, plainSeen) : out + lower(text.slice(done), plainSeen), asciiLetters, lettersInPlace }
  return { text: out + lower(text.slice(done, start), plainSeen) + foldUnicode(text.slice(start, end)) + lower(text.slice(end), plainSeen), asciiLetters, lettersInPlace }
}
export const fold = (text: string): string => foldWithFacts(text).text
const NON_ASCII = /[^\x00-\x7F]/g
const NEAR = 48
const BREAK = /[ \n]/g
const nextBreak = (text: string, from: number): number => {
  BREAK.lastIndex = from
  return BREAK.exec(text)?.index ?? text.length
}

