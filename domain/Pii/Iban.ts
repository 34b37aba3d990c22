/** IBAN: per-country length from the SWIFT registry, then ISO 7064 mod 97-10 over the rearranged text. */

const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23,
  IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23,
  ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30
}

export const ibanLength = (country: string): number | undefined => LENGTHS[country]

/** Remainder mod 97 of the IBAN read as a number with letters as 10-35, computed digit by digit. */
const mod97 = (s: string): number => {
  let r = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) r = (r * 10 + c - 48) % 97
    else r = (r * 100 + c - 55) % 97
  }
  return r
}

/** Compact IBAN (no spaces, upper case): the country's length and a remainder of 1. */
export const ibanValid = (iban: string): boolean =>
  /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) &&
  LENGTHS[iban.slice(0, 2)] === iban.length &&
  mod97(iban.slice(4) + iban.slice(0, 4)) === 1

/** The two check digits for a country and BBAN, so generators and tests can build valid IBANs. */
export const ibanCheckDigits = (country: string, bban: string): string =>
  String(98 - mod97(bban + country + "00")).padStart(2, "0")
