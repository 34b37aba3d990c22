import { creditCard, crypto, iban, nrb } from "./Financial.ts"
import { ukNhs, usSsn } from "./NationalIds.ts"
import { ipv4 } from "./Network.ts"
import { phone } from "./Phone.ts"
import { idCard, nip, pesel, regon } from "./PolishIds.ts"
import { namedDate, numericDate, yearAt } from "./DateTime.ts"
import { digitRuns } from "./RunScan.ts"
import type { Recognizer } from "./Types.ts"

/**
 * What a text's digits look like, read in one pass over its digit runs: how many there are, the longest
 * run, and how many digits stand together in one number as the number patterns join them (single spaces
 * or dashes; the phone pattern's gaps; dots). Each number recogniser's pattern needs some minimum of these
 * (a PESEL is eleven digits in a row, a card thirteen digits in groups), so a text short of it cannot give
 * that recogniser a match and its regex, tried at every position, is skipped. Only necessary conditions
 * read off the patterns and the recognisers' own length checks: a skipped recogniser would have returned
 * nothing (property-tested in test/domain/PiiShape.test.ts).
 */

export interface Shape {
  readonly digits: number
  readonly longestRun: number
  /** Most digits in runs joined by single spaces or dashes (`4111 1111-1111`): cards, NIP, SSN, NHS, NRB. */
  readonly longestSpaced: number
  /** Most digits in runs joined by one or two of ` -.()` (`+48 (22) 123`): every gap the phone pattern allows. */
  readonly longestPhone: number
  /** Most runs joined by single dots (`192.168.0.1` is four). */
  readonly dottedRuns: number
  /** Most runs joined by single dots, slashes or dashes (`24.12.2024`, `2024-12-24` are three). */
  readonly dateRuns: number
  /** Four-digit runs from 1800 to 2199: the years a named date can have. */
  readonly years: number
  /** Runs of two digits or more right after two capital letters (`PL61`): where an IBAN can start. */
  readonly ibanStarts: number
  /** Runs that can begin a Bitcoin address (or its `1` after `bc`): `1`/`3` then more than 25 digits or a letter. */
  readonly btcStarts: number
}

// (The runs themselves come from RunScan.ts, which the anchored number recognisers read too.)

const isPhoneGap = (c: number) => c === 32 || c === 45 || c === 46 || c === 40 || c === 41
const isCapital = (c: number) => c >= 65 && c <= 90
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
// A Base58 address is 26-35 characters from its 1 or 3: all digits, or a letter right after the run. So is
// a Bech32 one from the 1 of "bc1" (39 or more characters of letters and digits follow it).
const btcStart = (text: string, start: number, end: number) => {
  const f = text.charCodeAt(start)
  return (f === 49 || f === 51) && (end - start >= 26 || isLetter(text.charCodeAt(end)))
}

export const shapeOf = (text: string): Shape => {
  let digits = 0
  let longestRun = 0
  let longestSpaced = 0
  let longestPhone = 0
  let dottedRuns = 0
  let dateRuns = 0
  let years = 0
  let ibanStarts = 0
  let btcStarts = 0
  let dated = 0
  let spaced = 0
  let phoneDigits = 0
  let dotted = 0
  let prevEnd = -3
  const runs = digitRuns(text)
  for (let k = 0; k < runs.count; k++) {
    const start = runs.starts[k]!
    const n = runs.ends[k]! - start
    const gap = start - prevEnd
    const g0 = text.charCodeAt(prevEnd)
    // Runs are maximal, so the gap is at least one character; what it holds decides which stretches continue.
    spaced = gap === 1 && (g0 === 32 || g0 === 45) ? spaced + n : n
    phoneDigits = (gap === 1 && isPhoneGap(g0)) || (gap === 2 && isPhoneGap(g0) && isPhoneGap(text.charCodeAt(prevEnd + 1)))
      ? phoneDigits + n : n
    dotted = gap === 1 && g0 === 46 ? dotted + 1 : 1
    dated = gap === 1 && (g0 === 46 || g0 === 47 || g0 === 45) ? dated + 1 : 1
    if (n === 4 && yearAt(text, start)) years++
    if (n >= 2 && isCapital(text.charCodeAt(start - 1)) && isCapital(text.charCodeAt(start - 2))) ibanStarts++
    if (btcStart(text, start, start + n)) btcStarts++
    digits += n
    if (n > longestRun) longestRun = n
    if (spaced > longestSpaced) longestSpaced = spaced
    if (phoneDigits > longestPhone) longestPhone = phoneDigits
    if (dotted > dottedRuns) dottedRuns = dotted
    if (dated > dateRuns) dateRuns = dated
    prevEnd = start + n
  }
  return { digits, longestRun, longestSpaced, longestPhone, dottedRuns, dateRuns, years, ibanStarts, btcStarts }
}

/** The least shape each number recogniser can match on; recognisers not listed always run. */
export const needs: ReadonlyMap<Recognizer, Partial<Shape>> = new Map<Recognizer, Partial<Shape>>([
  [pesel, { digits: 11, longestRun: 11 }], // \d{11}
  [regon, { digits: 9, longestRun: 9 }], // \d{14}|\d{9}
  [nip, { digits: 10, longestRun: 3, longestSpaced: 10 }], // ten digits, in groups of 3-3-2-2, 3-2-2-3 or one run
  [idCard, { digits: 6, longestRun: 6 }], // [A-Z]{3} ?\d{6}
  [usSsn, { digits: 9, longestRun: 4, longestSpaced: 9 }], // \d{3}-?\d{2}-?\d{4}
  [ukNhs, { digits: 10, longestRun: 4, longestSpaced: 10 }], // \d{3}-?\d{3}-?\d{4}
  [phone, { digits: 7, longestRun: 1, longestPhone: 7 }], // MIN_DIGITS in the match before any parse
  [creditCard, { digits: 13, longestRun: 1, longestSpaced: 13 }], // CARD_MIN digits in groups set off by [ -]
  [iban, { digits: 2, longestRun: 2, ibanStarts: 1 }], // [A-Z]{2}\d{2}…
  [crypto, { btcStarts: 1 }], // [13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1…
  [nrb, { digits: 26, longestRun: 4, longestSpaced: 26 }], // \d{2}( ?\d{4}){6}
  [numericDate, { digits: 4, longestRun: 4, dateRuns: 3 }], // day, month and year (or year, month, day) joined by [./-]
  [namedDate, { digits: 4, longestRun: 4, years: 1 }], // every named date has a year from 1800 to 2199
  [ipv4, { digits: 4, longestRun: 1, dottedRuns: 4 }] // four octets joined by dots
])

export const mayMatch = (r: Recognizer, shape: Shape): boolean => {
  const need = needs.get(r)
  return need === undefined || (
    shape.digits >= (need.digits ?? 0) && shape.longestRun >= (need.longestRun ?? 0) &&
    shape.longestSpaced >= (need.longestSpaced ?? 0) && shape.longestPhone >= (need.longestPhone ?? 0) &&
    shape.dottedRuns >= (need.dottedRuns ?? 0) && shape.dateRuns >= (need.dateRuns ?? 0) && shape.years >= (need.years ?? 0) &&
    shape.ibanStarts >= (need.ibanStarts ?? 0) && shape.btcStarts >= (need.btcStarts ?? 0)
  )
}
