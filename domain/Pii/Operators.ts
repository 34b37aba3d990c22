import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import type { Operator, PiiConfig } from "../PiiConfig.ts"

/** A finding as the operators see it: where it is and what it says. */
export interface Span {
  readonly type: string
  readonly start: number
  readonly end: number
}

export interface Anonymized {
  readonly text: string
  /** Pseudonym token → original value; empty unless some type uses `pseudonymize`. */
  readonly pseudonyms: Readonly<Record<string, string>>
}

const SEPARATOR = /[\s\-./:]/

export const maskValue = (value: string, keep: number, char = "*"): string => {
  const chars = [...value]
  const visibleFrom = chars.length - Math.min(keep, chars.length)
  return chars.map((c, i) => (i >= visibleFrom || SEPARATOR.test(c) ? c : char)).join("")
}

export const hashValue = (value: string, salt: string): string => bytesToHex(sha256(utf8ToBytes(salt + value)))

/**
 * Applies each type's operator, left to right. Spans must not overlap (detect guarantees it); an
 * overlapping or out-of-range span is skipped rather than garbling the text. Pseudonyms are numbered per
 * type in order of first appearance, the same value gets the same token, and a token that already occurs
 * in the text is never issued, so that restoring cannot touch what the user wrote.
 */
export const anonymize = (text: string, spans: ReadonlyArray<Span>, config: PiiConfig): Anonymized => {
  const pseudonyms: Record<string, string> = {}
  const tokenOf = new Map<string, string>()
  const nextNumber = new Map<string, number>()
  const pseudonym = (type: string, value: string): string => {
    const key = `${type}\u0000${value}`
    const known = tokenOf.get(key)
    if (known !== undefined) return known
    let n = nextNumber.get(type) ?? 1
    while (text.includes(`[${type}_${n}]`)) n++
    const token = `[${type}_${n}]`
    nextNumber.set(type, n + 1)
    tokenOf.set(key, token)
    pseudonyms[token] = value
    return token
  }
  const apply = (op: Operator, type: string, value: string): string => {
    switch (op.type) {
      case "replace":
        return (op.token ?? "[{type}]").replaceAll("{type}", type)
      case "redact":
        return ""
      case "mask":
        return maskValue(value, op.keep, op.char)
      case "hash":
        return hashValue(value, config.hashSalt)
      case "pseudonymize":
        return pseudonym(type, value)
    }
  }
  let out = ""
  let cursor = 0
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < cursor || s.end > text.length || s.start >= s.end) continue
    const op = config.operators.byType[s.type] ?? config.operators.default
    out += text.slice(cursor, s.start) + apply(op, s.type, text.slice(s.start, s.end))
    cursor = s.end
  }
  return { text: out + text.slice(cursor), pseudonyms }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Puts the original values back into a text (typically the model's answer to the pseudonymised prompt).
 * One pass, longest token first, so a restored value is never itself rewritten.
 */
export const restore = (text: string, pseudonyms: Readonly<Record<string, string>>): string => {
  const tokens = Object.keys(pseudonyms).filter((t) => t.length > 0).sort((a, b) => b.length - a.length)
  if (tokens.length === 0) return text
  return text.replace(new RegExp(tokens.map(escape).join("|"), "g"), (t) => pseudonyms[t] ?? t)
}
