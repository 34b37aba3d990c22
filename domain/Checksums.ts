/** Check digits for identifiers the PII stage recognises; the `*CheckDigit` helpers also serve test generators. */

const isDigits = (s: string): boolean => /^\d+$/.test(s)

/** The Luhn digit to append to `payload` (all digits, without the check digit). */
export const luhnCheckDigit = (payload: string): number => {
  let sum = 0
  // Doubling starts at the rightmost payload digit, because the check digit will sit to its right.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

export const luhnValid = (digits: string): boolean =>
  digits.length >= 2 && isDigits(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1))

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const

/** The 11th PESEL digit for the first ten. */
export const peselCheckDigit = (first10: string): number => {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += (first10.charCodeAt(i) - 48) * PESEL_WEIGHTS[i]!
  return (10 - (sum % 10)) % 10
}

// The month carries the century: +80 for 1800s, +0 for 1900s, +20 for 2000s, +40 for 2100s, +60 for 2200s.
const CENTURY_BY_MONTH_OFFSET: Readonly<Record<number, number>> = { 80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200 }

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (y: number, m: number): number => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31)

/** Birth date encoded in a PESEL, or undefined when the first six digits are no valid date. */
export const peselBirthDate = (pesel: string): { year: number; month: number; day: number } | undefined => {
  if (pesel.length < 6 || !isDigits(pesel.slice(0, 6))) return undefined
  const yy = Number(pesel.slice(0, 2))
  const mm = Number(pesel.slice(2, 4))
  const day = Number(pesel.slice(4, 6))
  const offset = Math.floor(mm / 20) * 20
  const century = CENTURY_BY_MONTH_OFFSET[offset]
  const month = mm - offset
  if (century === undefined || month < 1 || month > 12) return undefined
  const year = century + yy
  return day >= 1 && day <= daysIn(year, month) ? { year, month, day } : undefined
}

export const peselValid = (pesel: string): boolean =>
  pesel.length === 11 &&
  isDigits(pesel) &&
  peselBirthDate(pesel) !== undefined &&
  peselCheckDigit(pesel.slice(0, 10)) === Number(pesel[10])

/** Weighted digit sum, the core of the Polish and NHS mod-11 schemes. */
const weighted = (digits: string, weights: ReadonlyArray<number>): number => {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!
  return sum
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const

/** The NIP check digit for the first nine digits, or undefined: a remainder of 10 is never issued. */
export const nipCheckDigit = (first9: string): number | undefined => {
  const r = weighted(first9, NIP_WEIGHTS) % 11
  return r === 10 ? undefined : r
}

export const nipValid = (nip: string): boolean =>
  nip.length === 10 && isDigits(nip) && nipCheckDigit(nip.slice(0, 9)) === Number(nip[9])

const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const

/**
 * REGON maps a remainder of 10 to 0 (GUS rule), so a REGON whose check digit is 0 cannot tell a change
 * that moves the remainder between 0 and 10: a blind spot of the scheme, not of this code.
 */
export const regonCheckDigit = (payload: string): number =>
  (weighted(payload, payload.length === 8 ? REGON9_WEIGHTS : REGON14_WEIGHTS) % 11) % 10

/** 9 digits, or 14 whose first nine are a valid REGON themselves (a local unit of that entity). */
export const regonValid = (regon: string): boolean => {
  if (!isDigits(regon) || (regon.length !== 9 && regon.length !== 14)) return false
  const own = regonCheckDigit(regon.slice(0, -1)) === Number(regon.at(-1))
  return regon.length === 9 ? own : own && regonValid(regon.slice(0, 9))
}

const ID_CARD_WEIGHTS = [7, 3, 1, 7, 3, 1, 7, 3] as const
const letterValue = (c: string): number => c.charCodeAt(0) - 55 // A = 10 … Z = 35

/** Polish ID card (dowód osobisty): three letters, the check digit, five digits; `ABA300000`. */
export const idCardCheckDigit = (letters: string, digits5: string): number => {
  const values = [...letters].map(letterValue).concat([...digits5].map(Number))
  return values.reduce((sum, v, i) => sum + v * ID_CARD_WEIGHTS[i]!, 0) % 10
}

export const idCardValid = (id: string): boolean =>
  /^[A-Z]{3}\d{6}$/.test(id) && idCardCheckDigit(id.slice(0, 3), id.slice(4)) === Number(id[3])

const NHS_WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const

/** The NHS number check digit, or undefined for a remainder that makes 10 (such numbers are not issued). */
export const nhsCheckDigit = (first9: string): number | undefined => {
  const c = 11 - (weighted(first9, NHS_WEIGHTS) % 11)
  return c === 11 ? 0 : c === 10 ? undefined : c
}

export const nhsValid = (nhs: string): boolean =>
  nhs.length === 10 && isDigits(nhs) && nhsCheckDigit(nhs.slice(0, 9)) === Number(nhs[9])

/**
 * US SSN has no check digit; the SSA never issues area 000, 666 or 900-999, group 00 or serial 0000,
 * and a few numbers are notorious samples (078-05-1120 from a wallet insert, 219-09-9999 from an ad).
 */
export const ssnValid = (ssn: string): boolean => {
  if (ssn.length !== 9 || !isDigits(ssn)) return false
  const area = Number(ssn.slice(0, 3))
  if (area === 0 || area === 666 || area >= 900) return false
  if (ssn.slice(3, 5) === "00" || ssn.slice(5) === "0000") return false
  return ssn !== "078051120" && ssn !== "219099999" && !/^(\d)\1{8}$/.test(ssn)
}
