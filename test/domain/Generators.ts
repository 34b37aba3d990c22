import * as fc from "fast-check"
import { luhnCheckDigit, peselCheckDigit } from "../../domain/Checksums.ts"

/** Hand-built generators for identifiers with check digits (Schema cannot express the checksum). */

const CENTURY_OFFSET: Readonly<Record<number, number>> = { 1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60 }
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31)
const pad = (n: number, width: number): string => String(n).padStart(width, "0")

export const validPesel: fc.Arbitrary<string> = fc
  .record({ year: fc.integer({ min: 1800, max: 2299 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), serial: fc.integer({ min: 0, max: 9999 }) })
  .map(({ year, month, day, serial }) => {
    const century = Math.floor(year / 100) * 100
    const first10 = pad(year % 100, 2) + pad(month + CENTURY_OFFSET[century]!, 2) + pad(Math.min(day, daysIn(year, month)), 2) + pad(serial, 4)
    return first10 + String(peselCheckDigit(first10))
  })

/** Card digits: an issuer prefix with a length it issues (Visa, Mastercard, Amex, Diners, JCB, Discover, Maestro), Luhn last. */
const ISSUERS: ReadonlyArray<readonly [prefix: string, length: number]> = [
  ["4", 13], ["4", 16], ["4", 19], ["51", 16], ["55", 16], ["2221", 16], ["2720", 16], ["34", 15], ["37", 15],
  ["300", 14], ["36", 14], ["38", 14], ["3528", 16], ["6011", 16], ["65", 16], ["62", 17], ["6759", 18], ["50", 19]
]
export const validCardDigits: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...ISSUERS), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }))
  .map(([[prefix, length], rest]) => {
    const payload = prefix + rest.join("").slice(0, length - 1 - prefix.length)
    return payload + String(luhnCheckDigit(payload))
  })

/** Digits as people write them: contiguous, or in groups of four joined by spaces or dashes. */
export const formattedCard: fc.Arbitrary<{ digits: string; written: string }> = fc
  .tuple(validCardDigits, fc.constantFrom("", " ", "-"))
  .map(([digits, sep]) => ({ digits, written: sep === "" ? digits : (digits.match(/.{1,4}/g) ?? []).join(sep) }))

export const email: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}[a-z0-9]$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/),
    fc.constantFrom("com", "pl", "org", "example", "io")
  )
  .filter(([local]) => !local.includes(".."))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)

/** Prose around a value: no digits, no '@', and it ends and starts with a space so boundaries hold. */
export const filler: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(..."abcdefghij klmnoprstuwyzĄąęłóśźż,.!?-".split("")), maxLength: 30 })
  .map((s) => ` ${s} `)

/** Any single-digit change of a digit string: position and a different digit. */
export const digitChange = (value: string): fc.Arbitrary<string> =>
  fc.tuple(fc.nat({ max: value.length - 1 }), fc.integer({ min: 1, max: 9 })).map(([i, delta]) =>
    value.slice(0, i) + String((Number(value[i]) + delta) % 10) + value.slice(i + 1)
  )
