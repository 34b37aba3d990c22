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
