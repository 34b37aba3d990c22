import { nhsValid, ssnValid } from "../Checksums.ts"
import { scanAtRuns } from "./RunScan.ts"
import { candidate, numberPattern, type Recognizer } from "./Types.ts"

/**
 * US SSN (no check digit: only the never-issued ranges are rejected) and UK NHS (mod 11). Written with
 * separators they are fairly specific. A bare SSN has no checksum (most nine-digit runs pass), so it needs
 * a context word; a bare NHS number has mod 11 and just passes, like a bare NIP (HomeLanguage.ts decides
 * between the two when both checksums hold).
 */

const SSN = numberPattern(String.raw`\d{3}([\- ]?)\d{2}\1\d{4}`)
const NHS = numberPattern(String.raw`\d{3}([\- ]?)\d{3}\1\d{4}`)

export const SCORES = { ssnFormatted: 0.7, ssnPlain: 0.3, nhsFormatted: 0.7, nhsPlain: 0.5 } as const

export const usSsn: Recognizer = (text) =>
  scanAtRuns(text, SSN, [0], (_, s, e) => e - s === 3 || e - s === 9, (m, i) =>
    ssnValid(m[0].replace(/[\- ]/g, "")) ? candidate("US_SSN", i, m[0], m[1] ? SCORES.ssnFormatted : SCORES.ssnPlain) : undefined)

export const ukNhs: Recognizer = (text) =>
  scanAtRuns(text, NHS, [0], (_, s, e) => e - s === 3 || e - s === 10, (m, i) =>
    nhsValid(m[0].replace(/[\- ]/g, "")) ? candidate("UK_NHS", i, m[0], m[1] ? SCORES.nhsFormatted : SCORES.nhsPlain) : undefined)
