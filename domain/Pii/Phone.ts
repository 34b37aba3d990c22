import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max"
import { candidate, NUM_LEFT, NUM_RIGHT, scan, type Recognizer } from "./Types.ts"

/**
 * Phone numbers: a cheap pattern proposes digit runs shaped like phone numbers, libphonenumber (full
 * metadata) decides whether each is a valid number. Its own text scanner costs ~0.6 ms per KiB of
 * digit-heavy text; proposing first keeps prose without digits at the cost of one regex.
 * International numbers (+ or 00) are checked for every country; national numbers as Polish, as US when
 * written in the US way (`(212) 555-0123`, `212-555-0123`), and as British when they start with 0.
 */

export const SCORES = { international: 0.85, national: 0.7 } as const

const PHONE = new RegExp(
  NUM_LEFT + String.raw`(?:(?:\+|00)\d{1,3}[ \-.]?)?(?:\(\d{1,4}\)[ \-.]?)?\d{1,4}(?:[ \-.]?\d{1,5}){1,5}` + NUM_RIGHT,
  "gu"
)
const US_STYLE = /^(?:\(\d{3}\) ?\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\d{3}\.\d{3}\.\d{4})$/
const MIN_DIGITS = 7

const countriesFor = (s: string): ReadonlyArray<CountryCode | undefined> =>
  /^(?:\+|00)/.test(s) ? [undefined] : US_STYLE.test(s) ? ["US", "PL"] : s.startsWith("0") ? ["GB", "PL"] : ["PL"]

const validAs = (s: string): boolean => {
  const international = /^(?:\+|00)/.test(s)
  const input = s.startsWith("00") ? "+" + s.slice(2) : s
  return countriesFor(s).some((country) => {
    const parsed = international
      ? parsePhoneNumberFromString(input, { extract: false })
      : parsePhoneNumberFromString(input, { defaultCountry: country!, extract: false })
    return parsed !== undefined && parsed.isValid() && (international || parsed.country === country)
  })
}

export const phone: Recognizer = (text) =>
  scan(text, PHONE, (m, i) => {
    let s = m[0]
    // The pattern is greedy; a number followed by another figure ("600 700 800 2024") may be the shorter one.
    for (let drop = 0; drop < 3; drop++) {
      if (s.replace(/\D/g, "").length < MIN_DIGITS) return undefined
      if (validAs(s)) return candidate("PHONE_NUMBER", i, s, /^(?:\+|00)/.test(s) ? SCORES.international : SCORES.national)
      const cut = s.search(/[ \-.]\d+$/)
      if (cut < 0) return undefined
      s = s.slice(0, cut)
    }
    return undefined
  })
