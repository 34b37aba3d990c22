import { isHex, OCTET, SCORE as IPV6_SCORE } from "./Ipv6.ts"
import { matchesAt, scanAtRuns } from "./RunScan.ts"
import { type Candidate, candidate, scan, type Recognizer, WORD } from "./Types.ts"

export { ipv6, ipv6Hint, ipv6Valid } from "./Ipv6.ts"

/** E-mail addresses, URLs, IP addresses (v4 and v6) and MAC addresses. */

export const SCORES = { email: 0.95, url: 0.85, ipv4: 0.8, ipv6: IPV6_SCORE, mac: 0.8 } as const

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g

const isLocal = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 37 || c === 43 || c === 45 || c === 46
/** Where the run of local-part characters (`[A-Za-z0-9_%+.-]`) that ends just before `at` begins. */
const localStart = (text: string, at: number) => {
  let i = at
  while (i > 0 && isLocal(text.charCodeAt(i - 1))) i--
  return i
}

const EMAIL_AT = new RegExp(EMAIL.source, "y")

/**
 * Every address holds an `@` with its local part right before it, and no local-part character
 * (`[\w.%+-]`) may precede an address: so the only place an address with this `@` can start is where the
 * run of local-part characters before it starts. The pattern is tried there alone, once per `@` (the same
 * matches as a scan from the start, without trying it at every position of the prose between).
 */
export const email: Recognizer = (text) => {
  const starts: Array<number> = []
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) starts.push(localStart(text, at))
  return matchesAt(text, EMAIL_AT, starts, (m, start) => candidate("EMAIL_ADDRESS", start, m[0], SCORES.email))
}

// Only with a scheme or `www.`: bare `name.ext` is far more often a file or a module path than a URL.
export const URL_RE = /(?<![\w@.])(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi
// Sentence punctuation after a URL belongs to the sentence; a closing bracket only when unbalanced.
const TRAILING = /[.,;:!?'"]+$/

const trimUrl = (url: string): string => {
  let u = url.replace(TRAILING, "")
  for (const [open, close] of [["(", ")"], ["[", "]"]] as const) {
    while (u.endsWith(close) && u.split(close).length > u.split(open).length) u = u.slice(0, -1).replace(TRAILING, "")
  }
  return u
}

/**
 * Whether `://` or `www.` (in any case) occurs: what /:\/\/|www\./i tests, from indexOf and the few dots of
 * prose rather than a regex pass over all of it.
 */
export const urlHint = (text: string): boolean => {
  if (text.includes("://")) return true
  // `| 32` lower-cases W and only W to w (the /i of the regex it replaces matches no other character).
  for (let i = text.indexOf(".", 3); i >= 0; i = text.indexOf(".", i + 1)) {
    if ((text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) return true
  }
  return false
}
// A host with a dot between word characters, or an IP literal.
const HOST_DOT = new RegExp(String.raw`[${WORD}]\.[${WORD}]|\/\/\[?[\d:]`)

/** What the recogniser makes of one match of URL_RE at `i`: a candidate, or undefined. */
export const judgeUrl = (m: RegExpMatchArray, i: number): Candidate | undefined => {
  const u = trimUrl(m[0])
  return /^(?:https?:\/\/|ftp:\/\/|www\.)[^./]/i.test(u) && HOST_DOT.test(u) ? candidate("URL", i, u, SCORES.url) : undefined
}

const URL_AT = new RegExp(URL_RE.source, "iy")

/**
 * Every match of URL_RE judged, as a scan of the whole text finds them. A match opens with `https://`,
 * `http://`, `ftp://` (five, four or three letters before a `://`) or `www.` (any case): the pattern is
 * tried at those places alone, not at every position of the text around one link.
 */
export const url: Recognizer = (text) => {
  if (!urlHint(text)) return []
  const starts: Array<number> = []
  for (let i = text.indexOf("://"); i >= 0; i = text.indexOf("://", i + 1)) starts.push(i - 5, i - 4, i - 3)
  for (let i = text.indexOf(".", 3); i >= 0; i = text.indexOf(".", i + 1)) {
    if ((text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) starts.push(i - 3)
  }
  return matchesAt(text, URL_AT, starts.sort((a, b) => a - b), judgeUrl)
}

const IPV4 = new RegExp(String.raw`(?<![${WORD}.])${OCTET}(?:\.${OCTET}){3}(?![${WORD}]|\.\d)`, "g")

export const ipv4: Recognizer = (text) => scanAtRuns(text, IPV4, [0], (_, s, e) => e - s <= 3, (m, i) => candidate("IP_ADDRESS", i, m[0], SCORES.ipv4))

const MAC = new RegExp(
  String.raw`(?<![${WORD}:\-.])(?:[0-9A-Fa-f]{2}([:\-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})` +
    String.raw`(?![${WORD}:\-]|\.[0-9A-Fa-f])`,
  "g"
)

const hexAt = (text: string, from: number, n: number) => {
  for (let k = from; k < from + n; k++) if (!isHex(text.charCodeAt(k))) return false
  return true
}

const colonForm = (text: string, i: number, c: number) =>
  text.charCodeAt(i + 3) === c && text.charCodeAt(i + 6) === c && text.charCodeAt(i + 9) === c &&
  hexAt(text, i - 2, 2) && hexAt(text, i + 1, 2) && hexAt(text, i + 4, 2) && hexAt(text, i + 7, 2)
const dotForm = (text: string, i: number) => text.charCodeAt(i + 5) === 46 && hexAt(text, i - 4, 4) && hexAt(text, i + 1, 4)

/**
 * Whether `hh:hh:hh:hh:` (or with `-`) or `hhhh.hhhh.` occurs: what /[0-9A-Fa-f]{2}([:\-])…\1|…/ tests, but
 * looked for from the separators found by indexOf (the regex, tried at every position, was a tenth of the
 * whole PII stage).
 */
export const macHint = (text: string): boolean => {
  for (let i = text.indexOf(":", 2); i >= 0; i = text.indexOf(":", i + 1)) if (colonForm(text, i, 58)) return true
  for (let i = text.indexOf("-", 2); i >= 0; i = text.indexOf("-", i + 1)) if (colonForm(text, i, 45)) return true
  for (let i = text.indexOf(".", 4); i >= 0; i = text.indexOf(".", i + 1)) if (dotForm(text, i)) return true
  return false
}

export const mac: Recognizer = (text) => !macHint(text) ? [] : scan(text, MAC, (m, i) => candidate("MAC_ADDRESS", i, m[0], SCORES.mac))
