import * as fc from "fast-check"
import { idCardCheckDigit, nhsCheckDigit, nipCheckDigit, regonCheckDigit } from "../../domain/Checksums.ts"
import { base58Encode, bech32Checksum, BECH32_CHARSET, BECH32_CONST, BECH32M_CONST, checksum4 } from "../../domain/Pii/Bitcoin.ts"
import { ibanCheckDigits } from "../../domain/Pii/Iban.ts"
import { email, formattedCard, validPesel } from "./Generators.ts"

/**
 * Valid identifiers of every PII type as people write them, and near misses (right shape, wrong check
 * digit or range). Built from the published rules, not from the recognisers, and shared by the property
 * tests and scripts/eval-pii.ts.
 */

export interface Written {
  readonly type: string
  readonly written: string
}

export const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""))
export const pick = <T>(...xs: ReadonlyArray<T>) => fc.constantFrom(...xs)
export const w = (type: string) => (written: string): Written => ({ type, written })

export const nipDigits = digits(9).map((p) => [p, nipCheckDigit(p)] as const).filter(([, c]) => c !== undefined).map(([p, c]) => p + String(c))
export const nip = fc.tuple(nipDigits, pick("plain", "3322", "3223", "PL", "spaced")).map(([d, f]) =>
  f === "3322" ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`
  : f === "3223" ? `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5, 7)}-${d.slice(7)}`
  : f === "PL" ? `PL${d}` : f === "spaced" ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}` : d
).map(w("PL_NIP"))

export const regon9Digits = digits(8).map((p) => p + String(regonCheckDigit(p)))
export const regon14Digits = fc.tuple(regon9Digits, digits(4)).map(([r, x]) => r + x + String(regonCheckDigit(r + x)))
export const regon = fc.oneof(regon9Digits, regon14Digits).map(w("PL_REGON"))

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
export const idCardValue = fc.tuple(fc.string({ unit: pick(...LETTERS), minLength: 3, maxLength: 3 }), digits(5))
  .map(([l, d]) => l + String(idCardCheckDigit(l, d)) + d)
export const idCard = fc.tuple(idCardValue, fc.boolean()).map(([v, space]) => (space ? `${v.slice(0, 3)} ${v.slice(3)}` : v)).map(w("PL_ID_CARD"))

export const nhsDigits = digits(9).map((p) => [p, nhsCheckDigit(p)] as const).filter(([, c]) => c !== undefined).map(([p, c]) => p + String(c))
// Written as the NHS prints it (3 3 4 with spaces) or bare; 3-3-4 with dashes is a US phone number's shape.
export const nhs = fc.tuple(nhsDigits, pick(" ", "")).map(([d, s]) => `${d.slice(0, 3)}${s}${d.slice(3, 6)}${s}${d.slice(6)}`).map(w("UK_NHS"))

export const ssnDigits = fc.tuple(fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
  .map(([a, g, s]) => String(a).padStart(3, "0") + String(g).padStart(2, "0") + String(s).padStart(4, "0"))
  .filter((s) => s !== "078051120" && s !== "219099999" && !/^(\d)\1{8}$/.test(s))
export const ssn = fc.tuple(ssnDigits, pick("-", " ")).map(([d, s]) => `${d.slice(0, 3)}${s}${d.slice(3, 5)}${s}${d.slice(5)}`).map(w("US_SSN"))

// Bank-code shapes per country: digits everywhere, four letters first in GB and NL.
const BBAN: Readonly<Record<string, readonly [letters: number, digits: number]>> = { PL: [0, 24], DE: [0, 18], GB: [4, 14], FR: [0, 23], ES: [0, 20], IT: [0, 23], NL: [4, 10], CH: [0, 17] }
export const ibanCompact = fc.constantFrom(...Object.keys(BBAN)).chain((country) => {
  const [l, d] = BBAN[country]!
  return fc.tuple(fc.string({ unit: pick(...LETTERS), minLength: l, maxLength: l }), digits(d))
    .map(([a, b]) => country + ibanCheckDigits(country, a + b) + a + b)
})
export const iban = fc.tuple(ibanCompact, fc.boolean()).map(([v, grouped]) => (grouped ? (v.match(/.{1,4}/g) ?? []).join(" ") : v)).map(w("IBAN_CODE"))

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
const base58Check = (version: number) => bytes(20).map((h) => {
  const payload = Uint8Array.from([version, ...h])
  return base58Encode(Uint8Array.from([...payload, ...checksum4(payload)]))
})
const toWords = (data: Uint8Array): Array<number> => {
  const out: Array<number> = []
  let acc = 0
  let bits = 0
  for (const b of data) {
    acc = (acc << 8) | b
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out.push((acc >> bits) & 31)
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31)
  return out
}
const segwit = (version: number, size: number) => bytes(size).map((p) => {
  const data = [version, ...toWords(p)]
  return "bc1" + data.map((d) => BECH32_CHARSET[d]).join("") + bech32Checksum(data, version === 0 ? BECH32_CONST : BECH32M_CONST)
})
export const bitcoin = fc.oneof(base58Check(0), base58Check(5), segwit(0, 20), segwit(0, 32), segwit(1, 32)).map(w("CRYPTO"))

const PL_MOBILE = ["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"]
const plPhone = fc.tuple(pick(...PL_MOBILE), digits(7), pick("+48 ", "+48", "0048 ", "", "")).chain(([p, d, cc]) => {
  const n = p + d
  return pick(`${cc}${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `${cc}${n}`, `${cc}${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`)
})
const US_AREA = ["212", "415", "646", "312", "617", "213", "305", "206", "512", "303"]
const usPhone = fc.tuple(pick(...US_AREA), fc.integer({ min: 200, max: 999 }).filter((x) => x !== 555 && x % 100 !== 11), digits(4))
  .chain(([a, e, s]) => pick(`(${a}) ${e}-${s}`, `${a}-${e}-${s}`, `+1 ${a} ${e} ${s}`, `+1-${a}-${e}-${s}`))
// UK numbers are ten digits after +44: London 20 xxxx xxxx, Manchester 161 xxx xxxx, mobiles 7xxx xxxxxx.
const ukPhone = fc.oneof(
  fc.tuple(pick("3", "7", "8"), digits(7)).map(([a, d]) => `+44 20 ${a}${d.slice(0, 3)} ${d.slice(3)}`),
  digits(7).map((d) => `+44 161 ${d.slice(0, 3)} ${d.slice(3)}`),
  fc.tuple(pick("7400", "7500", "7800"), digits(6)).map(([p, d]) => `+44 ${p} ${d}`)
)
export const phone = fc.oneof(plPhone, usPhone, ukPhone).map(w("PHONE_NUMBER"))

export const octet = fc.integer({ min: 0, max: 255 })
export const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }), octet, octet, octet).map((o) => o.join(".")).map(w("IP_ADDRESS"))
export const hexGroup = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16))
export const ipv6 = fc.tuple(fc.array(hexGroup, { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 2, max: 3 }))
  .map(([g, from, len]) => (from < 4 ? [...g.slice(0, from + 1), "", ...g.slice(from + 1 + len)].join(":").replace(/^:/, "::") : g.join(":")))
  .map(w("IP_ADDRESS"))
export const mac = fc.tuple(bytes(6), pick(":", "-"), fc.boolean())
  .map(([b, s, upper]) => {
    const m = [...b].map((x) => x.toString(16).padStart(2, "0")).join(s)
    return upper ? m.toUpperCase() : m
  }).map(w("MAC_ADDRESS"))

export const label = fc.stringMatching(/^[a-z][a-z0-9-]{1,10}[a-z0-9]$/)
export const url = fc.tuple(pick("https://", "http://", "https://www.", "www."), label, pick("com", "pl", "org", "io", "co.uk"), fc.array(label, { maxLength: 3 }), fc.boolean())
  .map(([s, d, t, path, q]) => `${s}${d}.${t}${path.length ? "/" + path.join("/") : ""}${q ? "?id=42&lang=pl" : ""}`).map(w("URL"))

const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
const PL_MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"]
export const date = fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 5 }))
  .map(([y, m, d, f]) => {
    const p = (n: number) => String(n).padStart(2, "0")
    return [`${y}-${p(m)}-${p(d)}`, `${p(d)}.${p(m)}.${y}`, `${m}/${d}/${y}`, `${d} ${PL_MONTHS[m - 1]} ${y}`, `${EN_MONTHS[m - 1]} ${d}, ${y}`, `${d} ${EN_MONTHS[m - 1]} ${y}`][f]!
  }).map(w("DATE_TIME"))

export const pesel = validPesel.map(w("PL_PESEL"))
export const card = formattedCard.map((c) => ({ type: "CREDIT_CARD", written: c.written }))
export const emailAddress = email.map(w("EMAIL_ADDRESS"))

/** The regex-and-checksum entities, by type. */
export const byType: Readonly<Record<string, fc.Arbitrary<Written>>> = {
  EMAIL_ADDRESS: emailAddress, PHONE_NUMBER: phone, CREDIT_CARD: card, IBAN_CODE: iban, IP_ADDRESS: fc.oneof(ipv4, ipv6),
  URL: url, US_SSN: ssn, UK_NHS: nhs, PL_PESEL: pesel, PL_NIP: nip, PL_REGON: regon, PL_ID_CARD: idCard,
  DATE_TIME: date, CRYPTO: bitcoin, MAC_ADDRESS: mac
}

export const anyEntity: fc.Arbitrary<Written> = fc.oneof(...Object.values(byType))
