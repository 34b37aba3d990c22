import { creditCard, iban, nrb } from "./Financial.ts"
import { ukNhs, usSsn } from "./NationalIds.ts"
import { ipv4 } from "./Network.ts"
import { phone } from "./Phone.ts"
import { idCard, nip, pesel, regon } from "./PolishIds.ts"
import { dateTime } from "./DateTime.ts"
import type { Recognizer } from "./Types.ts"

/**
 * How many ASCII digits a text holds and its longest run of them, counted in one pass. Each number
 * recogniser's pattern needs some minimum of both (a PESEL is eleven digits in a row), so a text short of
 * it cannot give that recogniser a match and its regex, tried at every position, is skipped. Only necessary
 * conditions read off the patterns and the recognisers' own length checks: a skipped recogniser would have
 * returned nothing (property-tested in test/domain/PiiShape.test.ts).
 */

export interface Shape {
  readonly digits: number
  readonly longestRun: number
}

// A regex finds the runs faster than a charCodeAt loop over every character.
const DIGIT_RUN = /\d+/g

export const shapeOf = (text: string): Shape => {
  let digits = 0
  let longestRun = 0
  for (const m of text.matchAll(DIGIT_RUN)) {
    const n = m[0].length
    digits += n
    if (n > longestRun) longestRun = n
  }
  return { digits, longestRun }
}

/** The least shape each number recogniser can match on; recognisers not listed always run. */
export const needs: ReadonlyMap<Recognizer, Shape> = new Map<Recognizer, Shape>([
  [pesel, { digits: 11, longestRun: 11 }], // \d{11}
  [regon, { digits: 9, longestRun: 9 }], // \d{14}|\d{9}
  [nip, { digits: 10, longestRun: 3 }], // ten digits, in groups of 3-3-2-2, 3-2-2-3 or one run
  [idCard, { digits: 6, longestRun: 6 }], // [A-Z]{3} ?\d{6}
  [usSsn, { digits: 9, longestRun: 4 }], // \d{3}-?\d{2}-?\d{4}
  [ukNhs, { digits: 10, longestRun: 4 }], // \d{3}-?\d{3}-?\d{4}
  [phone, { digits: 7, longestRun: 1 }], // MIN_DIGITS before any parse
  [creditCard, { digits: 13, longestRun: 1 }], // CARD_MIN digits
  [iban, { digits: 2, longestRun: 2 }], // [A-Z]{2}\d{2}…
  [nrb, { digits: 26, longestRun: 4 }], // \d{2}( ?\d{4}){6}
  [dateTime, { digits: 4, longestRun: 4 }], // every date has a four-digit year
  [ipv4, { digits: 4, longestRun: 1 }] // four octets
])

export const mayMatch = (r: Recognizer, shape: Shape): boolean => {
  const need = needs.get(r)
  return need === undefined || (shape.digits >= need.digits && shape.longestRun >= need.longestRun)
}
