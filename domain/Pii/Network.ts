import { type Candidate, candidate, scan, type Recognizer, WORD } from "./Types.ts"

/** E-mail addresses, URLs, IP addresses (v4 and v6) and MAC addresses. */

export const SCORES = { email: 0.95, url: 0.85, ipv4: 0.8, ipv6: 0.8, mac: 0.8 } as const

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

/**
 * Every address holds an `@` with its local part right before it, so no match can start before the local
 * run of the next `@`: the pattern is tried from there, and not at all after the last `@` (the same
 * matches as a scan from the start, without trying the pattern at every position of the prose between).
 */
export const email: Recognizer = (text) => {
  const out: Array<Candidate> = []
  for (let at = text.indexOf("@"), from = 0; at >= 0; at = text.indexOf("@", from)) {
    EMAIL.lastIndex = Math.max(from, localStart(text, at))
    const m = EMAIL.exec(text)
    if (m === null) break
    out.push(candidate("EMAIL_ADDRESS", m.index, m[0], SCORES.email))
    from = EMAIL.lastIndex
  }
  return out
}

// Only with a scheme or `www.`: bare `name.ext` is far more often a file or a module path than a URL.
const URL_RE = /(?<![\w@.])(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi
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

export const url: Recognizer = (text) =>
  !urlHint(text) ? [] : scan(text, URL_RE, (m, i) => {
    const u = trimUrl(m[0])
    return /^(?:https?:\/\/|ftp:\/\/|www\.)[^./]/i.test(u) && HOST_DOT.test(u)
      ? candidate("URL", i, u, SCORES.url)
      : undefined
  })

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`
const IPV4 = new RegExp(String.raw`(?<![${WORD}.])${OCTET}(?:\.${OCTET}){3}(?![${WORD}]|\.\d)`, "g")

export const ipv4: Recognizer = (text) => scan(text, IPV4, (m, i) => candidate("IP_ADDRESS", i, m[0], SCORES.ipv4))

const IPV6_CANDIDATE = new RegExp(
  String.raw`(?<![${WORD}:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![${WORD}:])`,
  "g"
)
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/
const IPV4_EXACT = new RegExp(String.raw`^${OCTET}(?:\.${OCTET}){3}$`)

/** RFC 4291 text form: eight groups, or fewer around one `::`, optionally ending in dotted IPv4. */
export const ipv6Valid = (s: string): boolean => {
  const halves = s.split("::")
  if (halves.length > 2) return false
  const groups = (part: string) => (part === "" ? [] : part.split(":"))
  const all = halves.flatMap(groups)
  const last = all.at(-1)
  const v4 = last !== undefined && last.includes(".")
  if (v4 && !IPV4_EXACT.test(last)) return false
  const hex = v4 ? all.slice(0, -1) : all
  if (!hex.every((g) => HEX_GROUP.test(g))) return false
  const width = hex.length + (v4 ? 2 : 0)
  return halves.length === 2 ? width <= 7 : width === 8
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

/**
 * Most text has no hex-colon-hex at all; the candidate pattern is costly to try at every position. Whether
 * /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:|::[0-9A-Fa-f]/ would match, looked for from the colons found by indexOf.
 */
export const ipv6Hint = (text: string): boolean => {
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) {
    if (isHex(text.charCodeAt(i - 1))) {
      let j = i + 1
      while (j < i + 5 && isHex(text.charCodeAt(j))) j++
      if (text.charCodeAt(j) === 58) return true
    }
    if (text.charCodeAt(i + 1) === 58 && isHex(text.charCodeAt(i + 2))) return true
  }
  return false
}

export const ipv6: Recognizer = (text) =>
  !ipv6Hint(text) ? [] : scan(text, IPV6_CANDIDATE, (m, i) => {
    // `::` alone or a C++ scope (`a::b`) parses as IPv6 too: demand at least three groups of content.
    const groups = m[0].split(":").filter((g) => g !== "").length
    return groups >= 3 || (m[0].startsWith("::") && groups >= 1 && m[0].length > 3)
      ? ipv6Valid(m[0]) ? candidate("IP_ADDRESS", i, m[0], SCORES.ipv6) : undefined
      : undefined
  })

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
