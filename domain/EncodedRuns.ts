/**
 * Where base64 and hex payloads can be, found in one pass of plain character tests. The regular
 * expressions they replace (`[A-Za-z0-9+/_-]{16,}={0,2}`, and the hex one in Normalize) are tried by V8 at
 * every position of the text, and prose is full of letters that are base64 and hex digits; together they
 * were a third of the decoding cost.
 */
const BASE64 = 1
const HEX = 2
const SEPARATOR = 4
const KINDS = 7
/**
 * Characters whose presence later tests ask about, noted in the same pass (`Survey.marks`): each such test
 * was a scan of its own (`includes("%")`, `/[\u202A-\u202E\u2066-\u2069]/`, …).
 */
export const Mark = {
  percent: 8, ampersand: 16, backslash: 32, dot: 64, dash: 128,
  nonAscii: 256,
  /** U+DB40, the high surrogate of every tag character. */
  tagHigh: 512,
  /** `[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]` */
  invisible: 1024,
  /** `[\u202A-\u202E\u2066-\u2069]` */
  bidi: 2048,
  /** Heuristics' `GREEK_OR_CYRILLIC_BLOCKS`: the blocks of those scripts, three high surrogates of astral ones. */
  greekOrCyrillic: 4096
} as const
const kind = new Uint16Array(128)
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-") kind[c.charCodeAt(0)]! |= BASE64
for (const c of "0123456789abcdefABCDEF") kind[c.charCodeAt(0)]! |= HEX
for (const c of " :,") kind[c.charCodeAt(0)]! |= SEPARATOR
for (const [c, mark] of [["%", Mark.percent], ["&", Mark.ampersand], ["\\", Mark.backslash], [".", Mark.dot], ["-", Mark.dash]] as const) kind[c.charCodeAt(0)]! |= mark
const unusual = (c: number): number => {
  let mark: number = Mark.nonAscii
  if (c === 0xDB40) mark |= Mark.tagHigh
  if (c === 0xAD || c === 0x180E || c === 0x200B || (c >= 0x2060 && c <= 0x2064) || c === 0xFEFF) mark |= Mark.invisible
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) mark |= Mark.bidi
  if ((c >= 0x370 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) || (c >= 0x1D00 && c <= 0x1DBF) || (c >= 0x1F00 && c <= 0x1FFF) ||
    c === 0x2126 || (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F) || c === 0xAB65 || c === 0xFE2E || c === 0xFE2F ||
    c === 0xD800 || c === 0xD834 || c === 0xD838) mark |= Mark.greekOrCyrillic
  return mark
}
const read = (code: number): number => (code < 128 ? kind[code]! : unusual(code))

const MIN_BASE64 = 16
const EQUALS = 61
// The kinds of the last seven characters, three bits each (the newest lowest): hex pairs between separators,
// `[ :,][0-9a-fA-F]{2}[ :,][0-9a-fA-F]{2}[ :,]`, end at a character where all of these bits are set.
const PAIRS_BITS = SEPARATOR | (HEX << 3) | (HEX << 6) | (SEPARATOR << 9) | (HEX << 12) | (HEX << 15) | (SEPARATOR << 18)

export interface Survey {
  /** Exactly the matches of `/[A-Za-z0-9+/_-]{16,}={0,2}/g`. */
  readonly base64: Array<string>
  /** Whether `/[ :,][0-9a-fA-F]{2}[ :,][0-9a-fA-F]{2}[ :,]/` matches. */
  readonly hexPairs: boolean
  /** The `Mark`s of the characters the text holds. */
  readonly marks: number
}

/**
 * Both in one pass of plain character tests. A base64 match is greedy, so it takes a whole run of such
 * characters, and a run shorter than 16 fails from each of its positions; the search goes on after the run
 * and its (at most two) "=". The pairs expression, run on its own, was as costly as the whole base64 pass.
 */
export const survey = (text: string): Survey => {
  const base64: Array<string> = []
  const n = text.length
  let recent = 0, hexPairs = false, marks = 0
  for (let i = 0; i < n;) {
    let k = read(text.charCodeAt(i))
    marks |= k
    recent = ((recent << 3) | (k & KINDS)) & 0x1FFFFF
    if ((recent & PAIRS_BITS) === PAIRS_BITS) hexPairs = true
    if ((k & BASE64) === 0) { i++; continue }
    const start = i
    for (i++; i < n; i++) {
      k = read(text.charCodeAt(i))
      marks |= k
      recent = ((recent << 3) | (k & KINDS)) & 0x1FFFFF
      if ((recent & PAIRS_BITS) === PAIRS_BITS) hexPairs = true
      if ((k & BASE64) === 0) break
    }
    // The character that ended the run is read again at the top: take it out of the recent kinds first.
    if (i < n) recent >>>= 3
    if (i - start < MIN_BASE64) continue
    let end = i
    while (end < n && end - i < 2 && text.charCodeAt(end) === EQUALS) end++
    base64.push(text.slice(start, end))
    // "=" is neither a separator nor a hex digit: the kinds skipped over are all zero.
    recent = (recent << (3 * (end - i))) & 0x1FFFFF
    i = end
  }
  return { base64, hexPairs, marks }
}

export const base64Runs = (text: string): Array<string> => survey(text).base64

/**
 * False only when the hex expression cannot match: it needs sixteen hex digits in a row, "\x", or hex pairs
 * between separators (" ab:cd,", seven of them), which contains a separator, a pair, a separator, a pair
 * and a separator.
 */
export const mayHoldHex = (text: string, found: Survey = survey(text)): boolean =>
  // Hex digits are base64 characters too, so sixteen in a row lie inside one of the base64 runs.
  ((found.marks & Mark.backslash) !== 0 && text.includes("\\x")) || found.hexPairs || found.base64.some(hexRunOf16)

const hexRunOf16 = (text: string): boolean => {
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 128 && (kind[code]! & HEX) !== 0) {
      if (++run === 16) return true
    } else run = 0
  }
  return false
}

/**
 * Exactly the matches of `\S*(?:%[0-9a-fA-F]{2}){4,}\S*`: the whitespace-free tokens that hold four
 * escapes in a row (the greedy `\S*` on both sides takes the whole token). Found from the escapes outwards;
 * the expression itself rescans each token from every one of its positions.
 */
export const percentRuns = (text: string): Array<string> => {
  const out: Array<string> = []
  FOUR_ESCAPES.lastIndex = 0
  for (let m = FOUR_ESCAPES.exec(text); m !== null; m = FOUR_ESCAPES.exec(text)) {
    let start = m.index
    while (start > 0 && !SPACE.test(text[start - 1]!)) start--
    SPACE_AFTER.lastIndex = m.index
    const end = SPACE_AFTER.exec(text)?.index ?? text.length
    out.push(text.slice(start, end))
    FOUR_ESCAPES.lastIndex = end
  }
  return out
}
const FOUR_ESCAPES = /(?:%[0-9a-fA-F]{2}){4}/g
const SPACE = /\s/
const SPACE_AFTER = /\s/g
