import type { PiiEntity } from "./Events.ts"
import { applyContext, allowed, denied, wordBefore } from "./Pii/Context.ts"
import { uncorroborated } from "./Pii/Corroborate.ts"
import { namedDate, numericDate } from "./Pii/DateTime.ts"
import { creditCard, crypto, iban, nrb } from "./Pii/Financial.ts"
import { foreignPhones, MIN_DIGITS as FOREIGN_MIN_DIGITS } from "./Pii/ForeignPhone.ts"
import { fitLanguage } from "./Pii/HomeLanguage.ts"
import { detectLanguage, type Language } from "./Pii/Language.ts"
import { ukNhs, usSsn } from "./Pii/NationalIds.ts"
import { email, ipv4, ipv6, mac, url } from "./Pii/Network.ts"
import { anonymize } from "./Pii/Operators.ts"
import { person } from "./Pii/Person.ts"
import { phone } from "./Pii/Phone.ts"
import { mayMatch, shapeOf } from "./Pii/Shape.ts"
import { idCard, nip, pesel, regon } from "./Pii/PolishIds.ts"
import type { Candidate, Recognizer } from "./Pii/Types.ts"
import { defaultPiiConfig, type PiiConfig } from "./PiiConfig.ts"

/**
 * PII recognisers on the original text (offsets must point into what the client sent, so no
 * normalisation here). Every recogniser, English and Polish alike, runs on every text in one call (no
 * call per language); context words, allow/deny lists and thresholds score the candidates; overlaps are
 * settled once, at the end.
 */

/** The library surface: detection here, operators and restoration from Operators.ts. */
export { anonymize, restore } from "./Pii/Operators.ts"
export type { Language } from "./Pii/Language.ts"

export const recognizers: ReadonlyArray<Recognizer> = [
  email, url, ipv4, ipv6, mac, phone, creditCard, iban, nrb, crypto, pesel, nip, regon, idCard, usSsn, ukNhs, numericDate, namedDate, person
]

/** A finding: an entity plus the text it covers (`text.slice(start, end)`). */
export interface Finding extends PiiEntity {
  readonly text: string
}

/** Entities proven by a checksum are more specific than a phone number of the same digits (a REGON-9 is both). */
const checksummed = new Set(["PL_PESEL", "PL_NIP", "PL_REGON", "PL_ID_CARD", "IBAN_CODE", "CREDIT_CARD", "UK_NHS", "CRYPTO"])
const specificity = (e: PiiEntity) => checksummed.has(e.type) ? 1 : 0

/** Higher score wins, then the longer span, then the earlier one, then the checksummed type (then the name, so it is total). */
const precedence = (a: PiiEntity, b: PiiEntity): number =>
  b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start || specificity(b) - specificity(a) ||
  (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)

/** Kept spans stay sorted and disjoint, so one binary search per candidate finds any overlap. */
export const resolveOverlaps = <E extends PiiEntity>(candidates: ReadonlyArray<E>): Array<E> => {
  const kept: Array<E> = []
  for (const c of [...candidates].sort(precedence)) {
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (kept[mid]!.start < c.start) lo = mid + 1
      else hi = mid
    }
    const before = kept[lo - 1]
    const after = kept[lo]
    if ((before === undefined || before.end <= c.start) && (after === undefined || c.end <= after.start)) kept.splice(lo, 0, c)
  }
  return kept
}

const round = (n: number) => Math.round(n * 1000) / 1000

export const detect = (text: string, config: PiiConfig = defaultPiiConfig): Array<Finding> => {
  const candidates: Array<Candidate> = []
  const shape = shapeOf(text)
  for (const r of recognizers) if (mayMatch(r, shape)) for (const c of r(text)) if (config.entities[c.type]?.enabled !== false) candidates.push(c)
  if (config.entities["PHONE_NUMBER"]?.enabled !== false && shape.longestSpaced >= FOREIGN_MIN_DIGITS) {
    candidates.push(...foreignPhones(text, (i) => wordBefore(text, i, "PHONE_NUMBER", config), candidates))
  }
  const found = fitLanguage(text, applyContext(text, candidates, config), () => detectLanguage(text, config.languageSampleChars))
    .filter((c) => !allowed(text.slice(c.start, c.end), config))
  const terms = denied(text, config)
  const scored = found
    .concat(terms)
    .filter((c) => c.score >= (config.entities[c.type]?.threshold ?? config.defaultThreshold))
  // Nothing over its threshold (most prompts): what the steps below would settle on, without their work.
  if (scored.length === 0) return []
  const settled = resolveOverlaps(scored)
  // Dropping a lone name may free a span it had won, so the rest is settled again without it.
  const drop = uncorroborated(text, settled, config, new Set(terms))
  const final = drop === undefined ? settled : resolveOverlaps(scored.filter((c) => !drop(c)))
  return final.map((c) => ({ type: c.type, start: c.start, end: c.end, score: round(c.score), text: text.slice(c.start, c.end) }))
}

/** Replaces each span with `[TYPE]` (the default operator); overlapping or out-of-range spans are skipped. */
export const redact = (text: string, entities: ReadonlyArray<PiiEntity>): string => anonymize(text, entities, defaultPiiConfig).text

export interface PiiResult {
  readonly entities: ReadonlyArray<Finding>
  readonly sanitizedText: string
  readonly language: Language
  /** Token → original value, when an operator pseudonymises. Holds PII: for the caller only, never logged. */
  readonly pseudonyms: Readonly<Record<string, string>>
}

// The language is that of the words around the findings: names, e-mails and numbers only mislead it.
// detectLanguage reads no more than its sample (`limit` characters, when a whole number), so the text is
// built only that far: the same first characters, and as long as the whole would be or longer than the sample.
export const withoutFindings = (text: string, entities: ReadonlyArray<PiiEntity>, limit = Number.POSITIVE_INFINITY): string => {
  if (entities.length === 0) return text
  let out = ""
  let cursor = 0
  for (const e of entities) {
    if (out.length >= limit) return out
    out += text.slice(cursor, e.start) + " "
    cursor = e.end
  }
  return out + text.slice(cursor, cursor + (limit - out.length))
}

const sampleLimit = (sampleChars: number) => (Number.isInteger(sampleChars) && sampleChars >= 0 ? sampleChars : Number.POSITIVE_INFINITY)

export const runPii = (text: string, config: PiiConfig = defaultPiiConfig): PiiResult => {
  const entities = detect(text, config)
  const { text: sanitizedText, pseudonyms } = entities.length === 0 ? { text, pseudonyms: {} } : anonymize(text, entities, config)
  return { entities, sanitizedText, language: detectLanguage(withoutFindings(text, entities, sampleLimit(config.languageSampleChars)), config.languageSampleChars), pseudonyms }
}
