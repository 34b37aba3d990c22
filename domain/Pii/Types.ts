/** What a recogniser proposes; scoring by context, thresholds and overlap resolution come later, once. */
export interface Candidate {
  readonly type: string
  /** UTF-16 offsets into the original text, end exclusive. */
  readonly start: number
  readonly end: number
  readonly score: number
}

export type Recognizer = (text: string) => Array<Candidate>

/**
 * Characters that continue a word or number: ASCII, Latin, Greek and Cyrillic letters, digits, `_`.
 * Spelled out rather than \p{L}\p{N}, which needs the /u flag and made every scan several times slower.
 */
export const WORD = String.raw`A-Za-z0-9_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF`
export const NOT_AFTER_WORD = `(?<![${WORD}])`
export const NOT_BEFORE_WORD = `(?![${WORD}])`

/**
 * Number boundaries: no letter, digit or underscore on either side, and no separator that continues a
 * longer number (`12-44051401359`, `44051401359.5`), so an identifier is never cut out of a longer one.
 */
export const NUM_LEFT = String.raw`(?<![${WORD}+])(?<!\d[\-./:])`
export const NUM_RIGHT = String.raw`(?![${WORD}])(?![\-./]\d)`

export const numberPattern = (body: string): RegExp => new RegExp(`${NUM_LEFT}(?:${body})${NUM_RIGHT}`, "g")

/**
 * Every match of `re` (global, no /u), turned into zero or one candidate each: what matchAll finds, by
 * exec on `re` itself (matchAll copies the regex and builds an iterator on every call). `re` is left with
 * lastIndex 0, as the last exec leaves it.
 */
export const scan = (
  text: string,
  re: RegExp,
  f: (m: RegExpMatchArray, start: number) => Candidate | undefined
): Array<Candidate> => {
  const out: Array<Candidate> = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++
    const c = f(m, m.index)
    if (c !== undefined) out.push(c)
  }
  return out
}

export const candidate = (type: string, start: number, value: string, score: number): Candidate => ({
  type,
  start,
  end: start + value.length,
  score
})

export const stripSeparators = (s: string): string => s.replace(/[\s\-.]/g, "")
