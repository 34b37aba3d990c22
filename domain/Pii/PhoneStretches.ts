import { digitRuns } from "./RunScan.ts"

/**
 * Where the phone pattern can start a match worth judging. Its matches join digit runs by gaps of one or
 * two of ` -.()`, start at a run (or at the `+` or `(` just before one: a digit before them would make
 * them part of a longer number) and end where a run ends followed by neither a word character nor a
 * separator and a digit (NUM_RIGHT). So a match lies within one stretch of runs joined by such gaps, and a
 * stretch with fewer digits than a judged number needs, or with no run end the pattern may stop at,
 * holds nothing the recogniser would report. Trying the pattern anchored at the starts in the remaining
 * stretches finds the same matches there as a scan of the whole text (compared in
 * test/domain/PiiPhoneStretches.test.ts), without a pass over the prose or a look at every figure.
 */

const isGap = (c: number) => c === 32 || c === 45 || c === 46 || c === 40 || c === 41
const isDigit = (c: number) => c >= 48 && c <= 57
// Types.ts's WORD class: A-Za-z0-9_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF.
const isWord = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x4ff)
const mayEnd = (text: string, at: number) => {
  const c = text.charCodeAt(at)
  return !isWord(c) && !((c === 45 || c === 46 || c === 47) && isDigit(text.charCodeAt(at + 1)))
}

/** Positions to try, ascending: each run's start and the character before it, in stretches that qualify. */
export const phoneStarts = (text: string, minDigits: number): Array<number> => {
  const out: Array<number> = []
  // The current stretch's run starts, its digit count and whether one of its runs may end a match.
  let starts: Array<number> = []
  let digits = 0
  let ends = false
  let prevEnd = -3
  const close = () => {
    if (digits >= minDigits && ends) for (const s of starts) out.push(s - 1, s)
  }
  const runs = digitRuns(text)
  for (let k = 0; k < runs.count; k++) {
    const start = runs.starts[k]!
    const gap = start - prevEnd
    const joined = (gap === 1 && isGap(text.charCodeAt(prevEnd))) ||
      (gap === 2 && isGap(text.charCodeAt(prevEnd)) && isGap(text.charCodeAt(prevEnd + 1)))
    if (!joined) {
      close()
      starts = []
      digits = 0
      ends = false
    }
    starts.push(start)
    digits += runs.ends[k]! - start
    prevEnd = runs.ends[k]!
    if (mayEnd(text, prevEnd)) ends = true
  }
  close()
  return out
}
