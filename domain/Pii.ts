import { luhnValid, peselValid } from "./Checksums.ts"
import type { PiiEntity } from "./Events.ts"

/**
 * PII recognisers on the original text (offsets must point into what the client sent, so no
 * normalisation here). A recogniser proposes candidates; overlaps are settled once, at the end.
 */

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])/g

// Exactly eleven digits: a PESEL inside a longer number is no PESEL, so the number is not cut.
const PESEL = /(?<!\d)\d{11}(?!\d)/g

// Digit groups joined by single spaces or dashes; card numbers are then looked for on group boundaries.
const DIGIT_RUN = /(?<!\d)\d+(?:[ -]\d+)*(?!\d)/g
const CARD_MIN = 13
const CARD_MAX = 19
// Issuer prefixes in use (2 and 5 Mastercard, 3 Amex/Diners/JCB, 4 Visa, 6 Discover/Maestro/UnionPay):
// a Luhn check alone passes one random number in ten.
const CARD_ISSUER = /^[2-6]/

const SCORE = { EMAIL_ADDRESS: 0.95, PL_PESEL: 0.95, CREDIT_CARD: 0.9 } as const

const emails = (text: string): Array<PiiEntity> =>
  Array.from(text.matchAll(EMAIL), (m) => ({ type: "EMAIL_ADDRESS", start: m.index, end: m.index + m[0].length, score: SCORE.EMAIL_ADDRESS }))

const pesels = (text: string): Array<PiiEntity> =>
  Array.from(text.matchAll(PESEL))
    .filter((m) => peselValid(m[0]))
    .map((m) => ({ type: "PL_PESEL", start: m.index, end: m.index + m[0].length, score: SCORE.PL_PESEL }))

const cards = (text: string): Array<PiiEntity> =>
  Array.from(text.matchAll(DIGIT_RUN)).flatMap((m) => {
    const groups = Array.from(m[0].matchAll(/\d+/g), (g) => ({ start: m.index + g.index, end: m.index + g.index + g[0].length, digits: g[0] }))
    const found: Array<PiiEntity> = []
    // Left to right, the longest valid window of whole groups first; a hit consumes its groups.
    for (let i = 0; i < groups.length;) {
      let hit = -1
      let digits = ""
      for (let j = i; j < groups.length && digits.length + groups[j]!.digits.length <= CARD_MAX; j++) {
        digits += groups[j]!.digits
        if (digits.length >= CARD_MIN && CARD_ISSUER.test(digits) && luhnValid(digits)) hit = j
      }
      if (hit < 0) {
        i++
        continue
      }
      found.push({ type: "CREDIT_CARD", start: groups[i]!.start, end: groups[hit]!.end, score: SCORE.CREDIT_CARD })
      i = hit + 1
    }
    return found
  })

/** Higher score wins, then the longer span, then the earlier one (then the type name, so it is total). */
const precedence = (a: PiiEntity, b: PiiEntity): number =>
  b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)

export const resolveOverlaps = (candidates: ReadonlyArray<PiiEntity>): Array<PiiEntity> => {
  const kept: Array<PiiEntity> = []
  for (const c of [...candidates].sort(precedence)) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start)
}

export const detect = (text: string): ReadonlyArray<PiiEntity> =>
  resolveOverlaps([...emails(text), ...pesels(text), ...cards(text)])

/** Replaces each span with `[TYPE]`; overlapping or out-of-range spans are skipped rather than garbling the text. */
export const redact = (text: string, entities: ReadonlyArray<PiiEntity>): string => {
  let out = ""
  let cursor = 0
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < cursor || e.end > text.length || e.start >= e.end) continue
    out += text.slice(cursor, e.start) + `[${e.type}]`
    cursor = e.end
  }
  return out + text.slice(cursor)
}

export const runPii = (text: string): { readonly entities: ReadonlyArray<PiiEntity>; readonly sanitizedText: string } => {
  const entities = detect(text)
  return { entities, sanitizedText: redact(text, entities) }
}
