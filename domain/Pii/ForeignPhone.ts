import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max"
import { SCORES } from "./Phone.ts"
import { type Candidate, NUM_LEFT, NUM_RIGHT } from "./Types.ts"

/**
 * National numbers of other European countries (`030 12345678` in Berlin, `01 23 45 67 89` in Paris),
 * found only after a phone word ("Telefon", "tel.", "call"). Their digits alone rarely name a country:
 * `030 12345678` is a valid number in Germany, Italy and Finland. The grouping as written does: each
 * country's own national format (libphonenumber's `formatNational`) groups the digits its way, so a
 * number counts only when exactly one country both validates it and groups it as written. No phone rules
 * here, only libphonenumber's metadata; a number libphonenumber doubts is left alone.
 *
 * Cost: ~45 µs per country tried, so only runs of a plausible shape right after a phone word are tried,
 * and at most MAX_TRIES per text.
 */

// Countries whose national numbers start with a 0 (a trunk prefix, or part of the number as in Italy).
export const COUNTRIES: ReadonlyArray<CountryCode> = [
  "DE", "FR", "IT", "ES", "NL", "BE", "AT", "CH", "CZ", "SK", "SE", "NO", "DK", "FI", "IE", "PT", "UA",
  "HU", "RO", "LT", "LV", "EE", "GR", "BG", "HR", "SI", "LU"
]
const MAX_TRIES = 8
/** The fewest digits a number here has; `detect` skips the search when no stretch of the text has as many. */
export const MIN_DIGITS = 8

// A 0, then groups set apart by spaces or dashes: the way a national number is written for people.
const NATIONAL = new RegExp(NUM_LEFT + String.raw`0\d{1,5}(?:[ \-]\d{1,8}){1,4}` + NUM_RIGHT, "g")

const groups = (s: string): string => s.split(/\D+/).filter((g) => g !== "").map((g) => g.length).join("-")

/** The one country whose plan validates `written` with its digits and its grouping, if exactly one does. */
export const countryOf = (written: string): CountryCode | undefined => {
  const digits = written.replace(/\D/g, "")
  if (digits.length < MIN_DIGITS || digits.length > 13) return undefined
  const shape = groups(written)
  let found: CountryCode | undefined
  for (const country of COUNTRIES) {
    const p = parsePhoneNumberFromString(written, { defaultCountry: country, extract: false })
    if (p === undefined || p.country !== country || !p.isValid()) continue
    if (digits !== p.nationalNumber && digits !== "0" + p.nationalNumber) continue
    if (groups(p.formatNational()) !== shape) continue
    if (found !== undefined) return undefined
    found = country
  }
  return found
}

/**
 * Foreign national numbers right after a phone word (`phoneWordBefore(start)`), skipping spans a domestic
 * candidate already covers. Scored as a bare non-mobile Polish number: the phone word's boost is what
 * carries it over the threshold, so without one nothing is reported.
 */
export const foreignPhones = (
  text: string,
  phoneWordBefore: (start: number) => boolean,
  taken: ReadonlyArray<Candidate>
): Array<Candidate> => {
  const out: Array<Candidate> = []
  let tries = 0
  for (const m of text.matchAll(NATIONAL)) {
    const start = m.index
    const end = start + m[0].length
    if (taken.some((c) => c.start < end && start < c.end)) continue
    if (!phoneWordBefore(start)) continue
    if (++tries > MAX_TRIES) break
    if (countryOf(m[0]) !== undefined) out.push({ type: "PHONE_NUMBER", start, end, score: SCORES.bareNotMobile })
  }
  return out
}
