import { idCardValid, nipValid, peselValid, regonValid } from "../Checksums.ts"
import { scanAtRuns } from "./RunScan.ts"
import { candidate, NOT_AFTER_WORD, NOT_BEFORE_WORD, numberPattern, stripSeparators, type Recognizer } from "./Types.ts"

/**
 * PESEL, NIP, REGON and the ID card. Base scores reflect how often a random string of the same shape
 * passes: PESEL (date + check digit) about 1 in 30, NIP 1 in 11, REGON-9 1 in 11. A bare NIP or REGON-9
 * sits exactly at the threshold: a rival's word ("NHS" for a NIP) sinks it, and any phone number of the
 * same digits outranks it (a bare Polish mobile number scores 0.7, a landline after "tel." as much). Real benign prompts hold almost no bare 9-10 digit
 * runs (scripts/eval-pii-digits.ts), so the checksum is what decides.
 */

const PESEL = numberPattern(String.raw`\d{11}`)
const NIP = numberPattern(String.raw`(?:PL ?)?(?:\d{3}-\d{3}-\d{2}-\d{2}|\d{3}-\d{2}-\d{2}-\d{3}|\d{3} \d{3} \d{2} \d{2}|\d{10})`)
const REGON = numberPattern(String.raw`\d{14}|\d{9}`)
const ID_CARD = new RegExp(NOT_AFTER_WORD + String.raw`[A-Z]{3} ?\d{6}` + NOT_BEFORE_WORD, "g")

export const SCORES = { pesel: 0.9, nipFormatted: 0.8, nipPlain: 0.5, regon14: 0.75, regon9: 0.5, idCard: 0.7 } as const

export const pesel: Recognizer = (text) =>
  scanAtRuns(text, PESEL, [0], (_, s, e) => e - s === 11, (m, i) => (peselValid(m[0]) ? candidate("PL_PESEL", i, m[0], SCORES.pesel) : undefined))

export const nip: Recognizer = (text) =>
  scanAtRuns(text, NIP, [-3, -2, 0], (_, s, e) => e - s === 3 || e - s === 10, (m, i) => {
    const digits = stripSeparators(m[0]).replace(/^PL/, "")
    if (!nipValid(digits)) return undefined
    return candidate("PL_NIP", i, m[0], /[\- ]|PL/.test(m[0]) ? SCORES.nipFormatted : SCORES.nipPlain)
  })

export const regon: Recognizer = (text) =>
  scanAtRuns(text, REGON, [0], (_, s, e) => e - s === 9 || e - s === 14, (m, i) =>
    regonValid(m[0]) ? candidate("PL_REGON", i, m[0], m[0].length === 14 ? SCORES.regon14 : SCORES.regon9) : undefined)

export const idCard: Recognizer = (text) =>
  scanAtRuns(text, ID_CARD, [-4, -3], (_, s, e) => e - s === 6, (m, i) => (idCardValid(m[0].replace(" ", "")) ? candidate("PL_ID_CARD", i, m[0], SCORES.idCard) : undefined))
