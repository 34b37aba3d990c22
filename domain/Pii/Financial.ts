import { luhnValid } from "../Checksums.ts"
import { bitcoinAddressValid } from "./Bitcoin.ts"
import { ibanLength, ibanValid } from "./Iban.ts"
import { scanAtRuns } from "./RunScan.ts"
import { candidate, NOT_AFTER_WORD, NOT_BEFORE_WORD, NUM_LEFT, NUM_RIGHT, numberPattern, type Candidate, type Recognizer, WORD } from "./Types.ts"

export const SCORES = { card: 0.9, iban: 0.95, nrb: 0.7, crypto: 0.95 } as const

// Digit groups joined by single spaces or dashes; card numbers are then looked for on group boundaries.
const DIGIT_RUN = new RegExp(NUM_LEFT + String.raw`\d+(?:[ \-]\d+)*` + NUM_RIGHT, "g")
const CARD_MIN = 13
const CARD_MAX = 19
// Issuer prefixes by length (Visa 4; Mastercard 51-55, 22-27; Amex 34/37; Diners 300-305/36/38/39; JCB 35;
// Discover/UnionPay/Maestro 6, Maestro 50/56-59): a Luhn check alone passes one random number in ten, and
// 14-digit REGONs and other ids are common, so the length must fit the issuer.
const ISSUER_BY_LENGTH: Readonly<Record<number, RegExp>> = {
  13: /^4/,
  14: /^3(?:0[0-5]|[689])/,
  15: /^3[47]/,
  16: /^(?:4|5[1-5]|2[2-7]|35|6)/,
  17: /^(?:4|5[06-9]|6)/,
  18: /^(?:4|5[06-9]|6)/,
  19: /^(?:4|5[06-9]|6)/
}
export const issuerFits = (digits: string): boolean => ISSUER_BY_LENGTH[digits.length]?.test(digits) ?? false
const TAIL_OF_CODE = /[A-Z0-9]{4}[ \-][A-Z0-9]{4}[ \-]$/

export const creditCard: Recognizer = (text) =>
  Array.from(text.matchAll(DIGIT_RUN)).flatMap((m) => {
    if (m[0].length < CARD_MIN) return []
    const groups = Array.from(m[0].matchAll(/\d+/g), (g) => ({ start: m.index + g.index, end: m.index + g.index + g[0].length, digits: g[0] }))
    const sep = (k: number) => text[groups[k]!.start - 1]! // the separator in front of group k > 0
    // A card cut out of a longer run must be set off from it by a different separator ("2024 4111-1111-…"):
    // otherwise any 16 digits of a 20-digit number would pass Luhn one time in ten.
    const setOff = (i: number, j: number) => {
      const inner = j > i ? sep(i + 1) : undefined
      for (let k = i + 2; k <= j; k++) if (sep(k) !== inner) return false
      return (i === 0 || sep(i) !== inner) && (j === groups.length - 1 || sep(j + 1) !== inner)
    }
    // Grouped cards are written 4-4-4-4(-3), 4-4-4-2, or 4-6-5 / 4-6-4 (Amex, Diners); other groupings
    // ("213 992 4132 1943") are something else that happens to pass Luhn.
    const cardGrouping = (i: number, j: number) => {
      const sizes = groups.slice(i, j + 1).map((g) => g.digits.length)
      if (sizes.length === 1) return true
      if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4)) return true
      return sizes.slice(0, -1).every((n) => n === 4) && sizes.at(-1)! >= 1 && sizes.at(-1)! <= 4
    }
    // Two letter-or-digit groups just before ("GB15 GHXR 2427 …") make the run the tail of a longer code.
    const tailOfCode = TAIL_OF_CODE.test(text.slice(Math.max(0, groups[0]!.start - 10), groups[0]!.start))
    const found: Array<Candidate> = []
    // Left to right, the longest valid window of whole groups first; a hit consumes its groups.
    for (let i = 0; i < groups.length;) {
      let hit = -1
      let digits = ""
      for (let j = i; j < groups.length && digits.length + groups[j]!.digits.length <= CARD_MAX; j++) {
        // Only groups of 4 (or Amex's 6) can have another group after them in a card.
        if (j > i && groups[j - 1]!.digits.length !== 4 && groups[j - 1]!.digits.length !== 6) break
        digits += groups[j]!.digits
        if (
          digits.length >= CARD_MIN && issuerFits(digits) && setOff(i, j) && cardGrouping(i, j) &&
          !(i === 0 && tailOfCode) && luhnValid(digits)
        ) hit = j
      }
      if (hit < 0) {
        i++
        continue
      }
      found.push({ type: "CREDIT_CARD", start: groups[i]!.start, end: groups[hit]!.end, score: SCORES.card })
      i = hit + 1
    }
    return found
  })

const IBAN = new RegExp(NOT_AFTER_WORD + String.raw`[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}`, "g")
const BOUNDARY_AFTER = new RegExp(`[${WORD}]`)

/** The match may run on into following words; the country's length says where the IBAN ends. */
export const iban: Recognizer = (text) =>
  scanAtRuns(text, IBAN, [-2], (_, s, e) => e - s >= 2, (m, i) => {
    const length = ibanLength(m[0].slice(0, 2))
    if (length === undefined) return undefined
    let compact = ""
    let end = 0
    for (; end < m[0].length && compact.length < length; end++) if (m[0][end] !== " ") compact += m[0][end]
    const next = text[i + end]
    if (compact.length !== length || (next !== undefined && BOUNDARY_AFTER.test(next))) return undefined
    return ibanValid(compact) ? candidate("IBAN_CODE", i, m[0].slice(0, end), SCORES.iban) : undefined
  })

// The Polish domestic account number (NRB) is the IBAN without "PL": 26 digits, often grouped 2+4×6.
const NRB = numberPattern(String.raw`\d{2}(?: ?\d{4}){6}`)

export const nrb: Recognizer = (text) =>
  scanAtRuns(text, NRB, [0], (_, s, e) => e - s <= 26 && (e - s) % 4 === 2, (m, i) => (ibanValid("PL" + m[0].replace(/ /g, "")) ? candidate("IBAN_CODE", i, m[0], SCORES.nrb) : undefined))

const BTC = new RegExp(
  NOT_AFTER_WORD + String.raw`(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{39,59}|BC1[02-9AC-HJ-NP-Z]{39,59})` + NOT_BEFORE_WORD,
  "g"
)

export const crypto: Recognizer = (text) =>
  scanAtRuns(text, BTC, [-2, 0], (t, s) => t.charCodeAt(s) === 49 || t.charCodeAt(s) === 51, (m, i) => (bitcoinAddressValid(m[0]) ? candidate("CRYPTO", i, m[0], SCORES.crypto) : undefined))
