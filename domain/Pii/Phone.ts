import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max"
import { phoneStarts } from "./PhoneStretches.ts"
import { matchesAt } from "./RunScan.ts"
import { type Candidate, candidate, NUM_LEFT, NUM_RIGHT, type Recognizer } from "./Types.ts"

/**
 * Phone numbers: a cheap pattern proposes digit runs shaped like phone numbers, libphonenumber (full
 * metadata) decides whether each is a valid number. Its own text scanner costs ~0.6 ms per KiB of
 * digit-heavy text; proposing first keeps prose without digits at the cost of one regex.
 * International numbers (+ or 00) are checked for every country; national numbers as Polish, as US when
 * written in the US way (`(212) 555-0123`, `212-555-0123`), and as British when they start with 0.
 */

// Bare nine digits are how Polish mobile numbers are typed; three random nine-digit numbers in four are
// some valid Polish number (57 % fixed line, 15 % mobile), so a bare one that is not a mobile number
// (an order id, a REGON) needs a phone word ("tel. 221234567") to pass the threshold.
export const SCORES = { international: 0.85, national: 0.7, bareNotMobile: 0.35 } as const

// Dots separate only the US `212.555.0123` form: elsewhere dotted digits are versions, IPs and dates.
export const PHONE = new RegExp(
  NUM_LEFT + String.raw`(?:\d{3}\.\d{3}\.\d{4}|(?:(?:\+|00)\d{1,3}[ \-]?)?(?:\(\d{1,4}\)[ \-]?)?\d{1,4}(?:[ \-]?\d{1,5}){1,5})` + NUM_RIGHT,
  "g"
)
const US_STYLE = /^(?:\(\d{3}\) ?\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})$/
const MIN_DIGITS = 7
// A shorter number cut out of a longer run must still look like a whole national number.
const MIN_DIGITS_AFTER_CUT = 9
// 3-2-4 is how SSNs are written; no national plan Vigil checks writes phone numbers that way.
const SSN_SHAPE = /^\d{3}[ \-]\d{2}[ \-]\d{4}$/

/**
 * Which national plans a written number is tried against. Bare digits (no separator) are common for
 * everything else (ids, PESELs from the 2000s start with 0, order numbers), so only a bare Polish
 * number of exactly nine digits counts; a British one must be written with spaces.
 */
const countriesFor = (s: string): ReadonlyArray<CountryCode> => {
  const bare = /^\d+$/.test(s)
  if (bare) return /^[1-9]\d{8}$/.test(s) ? ["PL"] : []
  return US_STYLE.test(s) ? ["US", "PL"] : s.startsWith("0") ? ["GB", "PL"] : ["PL"]
}

// The digits after the trunk prefix, as written: the parser must not have dropped or added any.
const TRUNK: Readonly<Record<string, RegExp>> = { GB: /^0/, US: /^1/, PL: /^$/ }

// Digit counts each plan allows, checked before the parser (10-60 µs a call): most digit runs are
// dates, ids or amounts and never reach it.
const DIGITS_FOR: Readonly<Record<string, readonly [number, number]>> = { PL: [9, 9], US: [10, 11], GB: [10, 11] }

const groups = (s: string): string => s.split(/\D+/).filter((g) => g !== "").map((g) => g.length).join("-")

/** The score of a valid number as written, or undefined when it is none. */
const validAs = (s: string): number | undefined => {
  const international = /^(?:\+|00)/.test(s)
  const count = s.replace(/\D/g, "").length
  if (international ? count < 8 || count > 17 : !countriesFor(s).some((c) => count >= DIGITS_FOR[c]![0] && count <= DIGITS_FOR[c]![1])) return undefined
  // "00" with bare digits: at least eleven more, or "0069043388" (an NHS number) becomes Tokelau.
  if (s.startsWith("00") && /^\d+$/.test(s) && s.length < 13) return undefined
  const input = s.startsWith("00") ? "+" + s.slice(2) : s
  const digits = s.replace(/\D/g, "")
  for (const country of international ? [undefined] : countriesFor(s)) {
    const parsed = country === undefined
      ? parsePhoneNumberFromString(input, { extract: false })
      : parsePhoneNumberFromString(input, { defaultCountry: country, extract: false })
    if (parsed === undefined || !parsed.isValid()) continue
    if (country === undefined) {
      // A country code written apart ("+48 600…") must be the one parsed: "006 904 3388" is no Tokelau number.
      const written = /^(?:\+|00)(\d{1,3})[ \-]/.exec(s)?.[1]
      if (written === undefined || written === parsed.countryCallingCode) return SCORES.international
      continue
    }
    if (parsed.country !== country || digits.replace(TRUNK[country]!, "") !== parsed.nationalNumber) continue
    const bare = /^\d+$/.test(s)
    // Written in groups, they must be the country's own (`600 700 800`, `22 123 45 67`): "73 32 104 97" is
    // a row of ASCII codes that happens to hold a valid mobile number.
    if (!bare && groups(s) !== groups(parsed.formatNational())) continue
    return bare && parsed.getType() !== "MOBILE" ? SCORES.bareNotMobile : SCORES.national
  }
  return undefined
}

/** What the recogniser makes of one match of PHONE at `i`: a candidate, or undefined. */
export const judgePhone = (m: RegExpMatchArray, i: number): Candidate | undefined => {
  let s = m[0]
  // The pattern is greedy; a number followed by another figure ("600 700 800 2024") may be the shorter one.
  for (let drop = 0; drop < 3; drop++) {
    if (s.replace(/\D/g, "").length < (drop === 0 ? MIN_DIGITS : MIN_DIGITS_AFTER_CUT)) return undefined
    const score = SSN_SHAPE.test(s) ? undefined : validAs(s)
    if (score !== undefined) return candidate("PHONE_NUMBER", i, s, score)
    const cut = s.search(/ \d+$/)
    if (cut < 0) return undefined
    s = s.slice(0, cut)
  }
  return undefined
}

const PHONE_AT = new RegExp(PHONE.source, "y")

/** Every match of PHONE judged, as a scan of the whole text would find them (PhoneStretches.ts says why). */
export const phone: Recognizer = (text) => matchesAt(text, PHONE_AT, phoneStarts(text, MIN_DIGITS), judgePhone)
