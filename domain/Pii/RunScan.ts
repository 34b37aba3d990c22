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
const KEEP_RUNS = 1 << 16
let memoText: string | undefined
let starts = new Int32Array(256)
let ends = new Int32Array(256)
let count = 0

export interface DigitRuns {
  readonly starts: Int32Array
  readonly ends: Int32Array
  readonly count: number
}

/** Every maximal run of ASCII digits in `text`, in order (valid until the next call with another text). */
export const digitRuns = (text: string): DigitRuns => {
  if (text !== memoText) {
    count = 0
    // Arrays a huge prompt grew are let go with it, as Scratch.ts does for the scoring buffers.
    if (starts.length > KEEP_RUNS) (starts = new Int32Array(256), ends = new Int32Array(256))
    // The regex finds where a run opens (test: no match array), char codes where it ends.
    DIGIT.lastIndex = 0
    while (DIGIT.test(text)) {
      const start = DIGIT.lastIndex - 1
      let end = start + 1
      for (let c = text.charCodeAt(end); c >= 48 && c <= 57; c = text.charCodeAt(++end)) {}
      DIGIT.lastIndex = end
      if (count === starts.length) {
        const s = new Int32Array(count * 2)
        const e = new Int32Array(count * 2)
        s.set(starts)
        e.set(ends)
        starts = s
        ends = e
      }
      starts[count] = start
      ends[count] = end
      count++
    }
    memoText = text
  }
  return { starts, ends, count }
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
  let from = 0
  for (let k = 0; k < runs.count; k++) {
    if (!fits(text, runs.starts[k]!, runs.ends[k]!)) continue
    for (const o of offsets) {
      const p = runs.starts[k]! + o
      if (p < from || p < 0) continue
      at.lastIndex = p
      const m = at.exec(text)
      if (m === null) continue
      from = p + m[0].length
      const c = f(m, p)
      if (c !== undefined) out.push(c)
    }
  }
  return out
}
