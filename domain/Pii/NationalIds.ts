import { nhsValid, ssnValid } from "../Checksums.ts"
import { candidate, numberPattern, scan, type Recognizer } from "./Types.ts"

/**
 * US SSN (no check digit: only the never-issued ranges are rejected) and UK NHS (mod 11). Written with
 * separators they are fairly specific; bare nine- or ten-digit runs are mostly something else (phone
 * numbers, order ids), so those score low and need a context word.
 */

const SSN = numberPattern(String.raw`\d{3}([\- ]?)\d{2}\1\d{4}`)
const NHS = numberPattern(String.raw`\d{3}([\- ]?)\d{3}\1\d{4}`)

export const SCORES = { ssnFormatted: 0.7, ssnPlain: 0.3, nhsFormatted: 0.7, nhsPlain: 0.4 } as const

export const usSsn: Recognizer = (text) =>
  scan(text, SSN, (m, i) =>
    ssnValid(m[0].replace(/[\- ]/g, "")) ? candidate("US_SSN", i, m[0], m[1] ? SCORES.ssnFormatted : SCORES.ssnPlain) : undefined)

export const ukNhs: Recognizer = (text) =>
  scan(text, NHS, (m, i) =>
    nhsValid(m[0].replace(/[\- ]/g, "")) ? candidate("UK_NHS", i, m[0], m[1] ? SCORES.nhsFormatted : SCORES.nhsPlain) : undefined)
