import { candidate, NUM_LEFT, NUM_RIGHT, scan, type Recognizer } from "./Types.ts"

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

const NUMERIC_RE = new RegExp(NUM_LEFT + `(?:${ISO}|${NUMERIC})` + NUM_RIGHT, "gu")
const NAMED_RE = new RegExp(String.raw`(?<![\p{L}\p{N}_])` + NAMED + String.raw`(?![\p{L}\p{N}_])`, "giu")

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()
const plausible = (y: number, m: number, d: number): boolean => y >= 1800 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)

const numericValid = (s: string): boolean => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)
  if (iso) return plausible(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const [a, b, y] = s.split(/[./\-]/).map((x) => Number.parseInt(x, 10)) as [number, number, number]
  // Day-first (Polish, British) or month-first (US): either reading will do.
  return plausible(y, b, a) || plausible(y, a, b)
}

export const dateTime: Recognizer = (text) => [
  ...scan(text, NUMERIC_RE, (m, i) => (numericValid(m[0]) ? candidate("DATE_TIME", i, m[0], SCORE) : undefined)),
  ...scan(text, NAMED_RE, (m, i) => candidate("DATE_TIME", i, m[0], SCORE))
]
