import { scratch } from "../Scratch.ts"
import type { Candidate } from "./Types.ts"

/**
 * Number patterns tried only where a match can start. Their matches begin at the start of a run of
 * digits (NUM_LEFT lets no digit precede one) or a few letters before it (`PL` before a NIP, three capitals
 * before an ID card number, two before an IBAN, `bc` before a Bitcoin `1`), and those letters are no
 * digits, so a match found from a run lies after the run before it. Trying the pattern anchored at those
 * few positions, run by run, finds what a scan of the whole text finds, without trying it at every
 * position of a 10 KiB prompt (compared with the full scan in test/domain/PiiRunScan.test.ts).
 *
 * The runs are those of the last text asked about: `detect` reads them first for the text's Shape, and the
 * recognisers that pass their gate then reuse them.
 */

const DIGIT = /\d/g
// A text of n code units has at most n/2 + 1 runs, so the buffers are sized once per text, not grown.
const startsBuffer = scratch((n) => new Int32Array(n), 256)
const endsBuffer = scratch((n) => new Int32Array(n), 256)
let memoText: string | undefined
let runs: DigitRuns = { starts: startsBuffer(0), ends: endsBuffer(0), count: 0 }

export interface DigitRuns {
  readonly starts: Int32Array
  readonly ends: Int32Array
  readonly count: number
}

/** Every maximal run of ASCII digits in `text`, in order (valid until the next call with another text). */
export const digitRuns = (text: string): DigitRuns => {
  if (text !== memoText) {
    const bound = (text.length >> 1) + 1
    const starts = startsBuffer(bound)
    const ends = endsBuffer(bound)
    let count = 0
    // The regex finds where a run opens (test: no match array), char codes where it ends.
    DIGIT.lastIndex = 0
    while (DIGIT.test(text)) {
      const start = DIGIT.lastIndex - 1
      let end = start + 1
      for (let c = text.charCodeAt(end); c >= 48 && c <= 57; c = text.charCodeAt(++end)) {}
      DIGIT.lastIndex = end
      starts[count] = start
      ends[count] = end
      count++
    }
    memoText = text
    runs = { starts, ends, count }
  }
  return runs
}

const sticky = new WeakMap<RegExp, RegExp>()
let anchored = true

/** Runs `f` with every scanAtRuns scanning the whole text instead: the reference the tests compare with. */
export const withFullScans = <A>(f: () => A): A => {
  anchored = false
  try {
    return f()
  } finally {
    anchored = true
  }
}

/**
 * Every match of the global pattern `re` that a scan from the start finds, turned into zero or one
 * candidate each, trying `re` only at the start plus `offsets` (ascending, none positive) of the digit
 * runs a match can open with: `fits(text, start, end)` must hold for the first run of every match (the
 * pattern's first group of digits, `\d{11}` for a PESEL, is the whole run). A sticky try costs more than
 * the scan spends on a position, so the fewer runs qualify, the more this saves.
 */
export const scanAtRuns = (
  text: string,
  re: RegExp,
  offsets: ReadonlyArray<number>,
  fits: (text: string, start: number, end: number) => boolean,
  f: (m: RegExpMatchArray, start: number) => Candidate | undefined
): Array<Candidate> => {
  const out: Array<Candidate> = []
  if (!anchored) {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const c = f(m, m.index)
      if (c !== undefined) out.push(c)
    }
    return out
  }
  let at = sticky.get(re)
  if (at === undefined) {
    at = new RegExp(re.source, re.flags.replace("g", "") + "y")
    sticky.set(re, at)
  }
  const runs = digitRuns(text)
  const starts: Array<number> = []
  for (let k = 0; k < runs.count; k++) {
    if (fits(text, runs.starts[k]!, runs.ends[k]!)) for (const o of offsets) starts.push(runs.starts[k]! + o)
  }
  return matchesAt(text, at, starts, f)
}

/**
 * The sticky pattern `at` tried at each of `starts` in turn, judged by `judge`; a start before the end of
 * the last match (or before the text) is skipped, as a scan from the start of the text never tries there.
 * The anchored recognisers (number runs here, phone, e-mail, URL, IPv6) all end in this loop.
 */
export const matchesAt = (
  text: string,
  at: RegExp,
  starts: ReadonlyArray<number>,
  judge: (m: RegExpMatchArray, start: number) => Candidate | undefined
): Array<Candidate> => {
  const out: Array<Candidate> = []
  let from = 0
  for (const p of starts) {
    if (p < from || p < 0) continue
    at.lastIndex = p
    const m = at.exec(text)
    if (m === null) continue
    from = p + m[0].length
    const c = judge(m, p)
    if (c !== undefined) out.push(c)
  }
  return out
}
