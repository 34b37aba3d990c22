import { digitRuns, scanAtRuns } from "./RunScan.ts"
import { candidate, NOT_AFTER_WORD, NOT_BEFORE_WORD, NUM_LEFT, NUM_RIGHT, type Candidate, type Recognizer } from "./Types.ts"

/**
 * Calendar dates with a four-digit year (ISO, day-first with dots/slashes/dashes, US month-first, and
 * English or Polish month names), with an optional time. A year alone, `12/25` or a bare time are not
 * matched: they say little about a person and are everywhere in ordinary prompts.
 */

export const SCORE = 0.6

const EN_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
// Polish month names in the genitive (how dates are written) and the nominative.
const PL_MONTHS =
  "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|" +
  "styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień"
const TIME = String.raw`(?:,? (?:o |at )?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?: ?[AaPp][Mm])?)?`
const ISO = String.raw`\d{4}-\d{2}-\d{2}(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+\-]\d{2}:?\d{2})?)?`
const NUMERIC = String.raw`\d{1,2}([./\-])\d{1,2}\1\d{4}` + TIME
const NAMED = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\.? (?:${EN_MONTHS}|${PL_MONTHS})\.?,? \d{4}(?: r\.)?|(?:${EN_MONTHS})\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})` + TIME

const NUMERIC_RE = new RegExp(NUM_LEFT + `(?:${ISO}|${NUMERIC})` + NUM_RIGHT, "g")
const NAMED_RE = new RegExp(NOT_AFTER_WORD + NAMED + NOT_BEFORE_WORD, "gi")

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()
const plausible = (y: number, m: number, d: number): boolean => y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)

const numericValid = (s: string): boolean => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)
  if (iso) return plausible(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const [a, b, y] = s.split(/[./\-]/).map((x) => Number.parseInt(x, 10)) as [number, number, number]
  // Day-first (Polish, British) or month-first (US): either reading will do.
  return plausible(y, b, a) || plausible(y, a, b)
}

// Every date here has a four-digit year; the month-name pattern is costly, so it runs only around one.
// Years 1800-2199 standing alone (not four digits of a card or phone number): a run of exactly four
// digits (RunScan's runs, read once per text) that opens with 18, 19, 20 or 21.
export const yearAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i)
  const d = text.charCodeAt(i + 1)
  return c === 49 ? d === 56 || d === 57 : c === 50 && (d === 48 || d === 49)
}
const MONTH_HINT = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sty|lut|kwi|maj|cze|lip|sie|wrz|pa[źz]|lis|gru/i
const BEFORE_YEAR = 32
const AFTER_YEAR = 30

const named = (text: string): Array<Candidate> => {
  const out: Array<Candidate> = []
  let scannedTo = 0
  const runs = digitRuns(text)
  for (let k = 0; k < runs.count; k++) {
    const year = runs.starts[k]!
    if (runs.ends[k]! - year !== 4 || !yearAt(text, year)) continue
    const from = Math.max(scannedTo, year - BEFORE_YEAR)
    const window = text.slice(from, year + 4 + AFTER_YEAR)
    if (!MONTH_HINT.test(window)) continue
    for (const m of window.matchAll(NAMED_RE)) {
      // A match must contain this year, or it belongs to another window (or is cut by this one's edge).
      if (from + m.index <= year && from + m.index + m[0].length >= year + 4) out.push(candidate("DATE_TIME", from + m.index, m[0], SCORE))
    }
    scannedTo = year + 4
  }
  return out
}

/** Numeric dates (ISO, day-first, month-first) and dates with a month name: two recognisers, each with its own gate in Shape.ts. */
export const numericDate: Recognizer = (text) =>
  scanAtRuns(text, NUMERIC_RE, [0], (_, s, e) => e - s <= 2 || e - s === 4, (m, i) => (numericValid(m[0]) ? candidate("DATE_TIME", i, m[0], SCORE) : undefined))
export const namedDate: Recognizer = named

export const dateTime: Recognizer = (text) => !/\d{4}/.test(text) ? [] : [...numericDate(text), ...namedDate(text)]
