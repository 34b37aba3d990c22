import { matchesAt } from "./RunScan.ts"
import { type Candidate, candidate, type Recognizer, WORD } from "./Types.ts"

/** IPv6 addresses (and the IPv4 octet both address forms share). */

export const SCORE = 0.8
export const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`

export const IPV6_CANDIDATE = new RegExp(
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

export const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)

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

/** What the recogniser makes of one match of IPV6_CANDIDATE at `i`: a candidate, or undefined. */
export const judgeIpv6 = (m: RegExpMatchArray, i: number): Candidate | undefined => {
  // `::` alone or a C++ scope (`a::b`) parses as IPv6 too: demand at least three groups of content.
  const groups = m[0].split(":").filter((g) => g !== "").length
  return groups >= 3 || (m[0].startsWith("::") && groups >= 1 && m[0].length > 3)
    ? ipv6Valid(m[0]) ? candidate("IP_ADDRESS", i, m[0], SCORE) : undefined
    : undefined
}

const IPV6_AT = new RegExp(IPV6_CANDIDATE.source, "y")

/**
 * Every match of IPV6_CANDIDATE judged, as a scan of the whole text finds them. A match opens with up to
 * four hex digits and a colon, and no word character may precede it, so it can start only where the run
 * of hex digits before some colon starts (or at the colon): the pattern is tried there alone, not at every
 * position of a long text that has one time of day in it (compared with the scan in PiiShape.test.ts).
 */
export const ipv6: Recognizer = (text) => {
  if (!ipv6Hint(text)) return []
  const starts: Array<number> = []
  for (let c = text.indexOf(":"); c >= 0; c = text.indexOf(":", c + 1)) {
    let p = c
    while (p > 0 && c - p < 4 && isHex(text.charCodeAt(p - 1))) p--
    starts.push(p)
  }
  return matchesAt(text, IPV6_AT, starts, judgeIpv6)
}
