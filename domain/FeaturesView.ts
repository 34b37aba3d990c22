import { foldChars, foldText } from "./FeaturesText.ts"
import { kept } from "./Scratch.ts"

/**
 * The folded text as the hashing needs it: its char codes with a space each side, and its word spans.
 * Branches B and C both hash the same prompt, one after the other; the view of the last text is kept, so
 * the second branch finds the text already folded and split. The buffers are reused by the next call:
 * read a view synchronously, never keep it.
 */
export interface FoldedView {
  /** codes[0] and codes[length + 1] are spaces; the folded text is codes[1..length]. */
  readonly codes: Uint16Array
  readonly length: number
  /** Word w is codes[wordStart[w], wordEnd[w]) (letter/digit runs, as `wordsOf`). */
  readonly wordStart: Uint32Array
  readonly wordEnd: Uint32Array
  readonly words: number
}

interface Buffers {
  codes: Uint16Array
  length: number
  wordStart: Uint32Array
  wordEnd: Uint32Array
  words: number
}

const view: Buffers = { codes: new Uint16Array(4096), length: 0, wordStart: new Uint32Array(1024), wordEnd: new Uint32Array(1024), words: 0 }
let lastText: string | undefined = undefined

// Grown, never shrunk: a long prompt keeps its buffers for the next one. Contents are kept (word spans).
const grow16 = (a: Uint16Array, size: number): Uint16Array => (a.length >= size ? a : new Uint16Array(Math.max(size, a.length * 2)))
const grow32 = (a: Uint32Array, size: number): Uint32Array => {
  if (a.length >= size) return a
  const b = new Uint32Array(Math.max(size, a.length * 2))
  b.set(a)
  return b
}

// JavaScript's \s, which foldText collapses.
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 128 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))

// Where folding one character at a time is known to equal foldChars on the whole text: Latin, Cyrillic,
// general punctuation, letter-like symbols. Greek stays out (the lower case of a capital sigma depends
// on the letters around it), and so do surrogate pairs (tag characters, emoji): those texts take the
// regular-expression path.
const tabled = (c: number) => c < 0x370 || (c >= 0x400 && c < 0x530) || (c >= 0x1e00 && c < 0x1f00) || (c >= 0x2000 && c < 0x2150)
// Per character: undefined = not computed yet, null = fold the whole text instead.
const table: Array<Uint16Array | null | undefined> = new Array(0x2150).fill(undefined)
const foldOf = (c: number): Uint16Array | null => {
  let t = table[c]
  if (t === undefined) {
    if (!tabled(c)) return null
    const folded = foldChars(String.fromCharCode(c))
    const codes = Uint16Array.from(folded, (ch) => ch.charCodeAt(0))
    t = folded.includes("\u03a3") || codes.length !== folded.length ? null : codes
    table[c] = t
    // Every code the fast fold writes has its word-character class known before the words are read.
    for (const d of codes) knowWordChar(d)
  }
  return t
}

// ASCII folded: lower case, and 0 for the whitespace foldText collapses.
const ASCII_FOLD = Uint16Array.from({ length: 128 }, (_, c) => (isSpace(c) ? 0 : c >= 65 && c <= 90 ? c + 32 : c))

// foldText in one pass straight into the code buffer; false for a text the table does not cover.
const foldFast = (text: string): boolean => {
  let codes = (view.codes = grow16(view.codes, text.length + 2))
  let n = 1
  let space = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 128) {
      const d = ASCII_FOLD[c]!
      if (d === 0) {
        space = n > 1
        continue
      }
      if (space) {
        codes[n++] = 32
        space = false
      }
      codes[n++] = d
      continue
    }
    const f = foldOf(c)
    if (f === null) return false
    if (n + f.length + 2 > codes.length) {
      const bigger = new Uint16Array((n + f.length) * 2 + 2)
      bigger.set(codes.subarray(0, n))
      codes = view.codes = bigger
    }
    for (let j = 0; j < f.length; j++) {
      const d = f[j]!
      if (isSpace(d)) {
        space = n > 1
        continue
      }
      if (space) {
        codes[n++] = 32
        space = false
      }
      codes[n++] = d
    }
  }
  codes[0] = 32
  codes[n] = 32
  view.length = n - 1
  return true
}

const addWord = (start: number, end: number) => {
  if (view.words === view.wordStart.length) {
    view.wordStart = grow32(view.wordStart, view.words + 1)
    view.wordEnd = grow32(view.wordEnd, view.words + 1)
  }
  view.wordStart[view.words] = start
  view.wordEnd[view.words++] = end
}

const WORD = /[\p{L}\p{N}]+/gu
const WORD_CHAR = /^[\p{L}\p{N}]$/u
// Per code unit: 0 = not known yet, 1 = no, 2 = a letter or digit (the characters of `wordsOf`'s words).
const wordChars = new Uint8Array(65536)
for (let c = 0; c < 128; c++) wordChars[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 2 : 1
function knowWordChar(c: number) {
  if (wordChars[c] === 0) wordChars[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 2 : 1
}

const foldOther = (text: string) => {
  const folded = foldText(text)
  const codes = (view.codes = grow16(view.codes, folded.length + 2))
  codes[0] = 32
  for (let i = 0; i < folded.length; i++) codes[i + 1] = folded.charCodeAt(i)
  codes[folded.length + 1] = 32
  view.length = folded.length
  view.words = 0
  for (const m of folded.matchAll(WORD)) addWord(m.index + 1, m.index + 1 + m[0].length)
}

// Valid for a view that foldFast wrote: no surrogates (a code unit is a code point), and every code's
// class already in wordChars. Room for every word is made first, so the loop only reads and writes.
const scanWords = () => {
  const most = (view.length >> 1) + 2
  view.wordStart = grow32(view.wordStart, most)
  view.wordEnd = grow32(view.wordEnd, most)
  view.words = wordSpans(view.codes, view.length + 1, view.wordStart, view.wordEnd)
}

const wordSpans = (codes: Uint16Array, end: number, starts: Uint32Array, ends: Uint32Array): number => {
  let words = 0
  let i = 1
  while (i < end) {
    if (wordChars[codes[i]!] !== 2) {
      i++
      continue
    }
    starts[words] = i
    while (++i < end && wordChars[codes[i]!] === 2);
    ends[words++] = i
  }
  return words
}

export const foldedView = (text: string): FoldedView => {
  if (text !== lastText) {
    lastText = undefined
    // After a huge text, small buffers again (see Scratch.ts); they grow back if needed.
    if (!kept(view.codes)) view.codes = new Uint16Array(4096)
    if (!kept(view.wordStart)) {
      view.wordStart = new Uint32Array(1024)
      view.wordEnd = new Uint32Array(1024)
    }
    if (foldFast(text)) scanWords()
    else foldOther(text)
    lastText = text
  }
  return view
}
/** The text of word w of a view. */
export const wordOf = (v: FoldedView, w: number): string =>
  String.fromCharCode.apply(null, v.codes.subarray(v.wordStart[w]!, v.wordEnd[w]!) as unknown as Array<number>)

/** Words a and b of a view in the order of `<` on their strings (by UTF-16 code unit). */
export const compareWords = (v: FoldedView, a: number, b: number): number => {
  const fa = v.wordStart[a]!, la = v.wordEnd[a]! - fa, fb = v.wordStart[b]!, lb = v.wordEnd[b]! - fb
  for (let i = 0; i < la && i < lb; i++) {
    const d = v.codes[fa + i]! - v.codes[fb + i]!
    if (d !== 0) return d
  }
  return la - lb
}
