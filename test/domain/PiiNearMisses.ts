import * as fc from "fast-check"
import { BECH32_CHARSET } from "../../domain/Pii/Bitcoin.ts"
import { email } from "./Generators.ts"
import { bitcoin, card, digits, hexGroup, iban, idCard, label, mac, nhs, nip, octet, pesel, pick, regon, ssnDigits, w, type Written } from "./PiiGenerators.ts"

/** One character of `value` at a position matching `at`, replaced by another from `alphabet`. */
export const charChange = (value: string, at: RegExp, alphabet: string): fc.Arbitrary<string> => {
  const positions = [...value].flatMap((c, i) => (at.test(c) ? [i] : []))
  return fc.tuple(fc.constantFrom(...positions), fc.integer({ min: 1, max: alphabet.length - 1 })).map(([i, k]) => {
    const c = value[i]!
    const idx = alphabet.indexOf(c)
    const other = alphabet[((idx < 0 ? 0 : idx) + k) % alphabet.length]!
    return value.slice(0, i) + (other === c ? alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]! : other) + value.slice(i + 1)
  })
}

const lastDigitChanged = (arb: fc.Arbitrary<Written>) =>
  arb.chain((v) => {
    const i = v.written.search(/\d\D*$/)
    return fc.integer({ min: 1, max: 9 }).map((k) => ({ type: v.type, written: v.written.slice(0, i) + String((Number(v.written[i]) + k) % 10) + v.written.slice(i + 1) }))
  })

/**
 * Near misses: the shape of a type with a wrong check digit, an impossible range or a broken syntax.
 * None of them is a valid value of its type; a recogniser that reports one as that type is wrong.
 */
export const nearMissByType: Readonly<Record<string, fc.Arbitrary<Written>>> = {
  EMAIL_ADDRESS: fc.tuple(email, pick("@", ".", "..")).map(([e, k]) => ({ type: "EMAIL_ADDRESS", written: k === "@" ? e.replace("@", "@@") : k === "." ? e.slice(0, e.lastIndexOf(".")) : e.replace("@", "..@") })),
  PHONE_NUMBER: fc.oneof(
    digits(12).map((d) => "9" + d.slice(1)),
    fc.uuid().filter((u) => /\d{5}/.test(u)),
    fc.tuple(digits(3), digits(3)).map(([a, b]) => `${a} ${b}`)
  ).map(w("PHONE_NUMBER")),
  CREDIT_CARD: lastDigitChanged(card),
  IBAN_CODE: iban.chain((v) => charChange(v.written, /\d/, "0123456789").map((x) => ({ type: "IBAN_CODE", written: x }))),
  IP_ADDRESS: fc.oneof(
    fc.tuple(fc.integer({ min: 256, max: 999 }), octet, octet, octet).map((o) => o.join(".")),
    fc.array(hexGroup, { minLength: 9, maxLength: 9 }).map((g) => g.join(":")),
    fc.tuple(fc.array(hexGroup, { minLength: 6, maxLength: 6 })).map(([g]) => g.join(":") + ":12345")
  ).map(w("IP_ADDRESS")),
  URL: fc.tuple(label, pick("com", "pl")).map(([d, t]) => `htps:/${d}.${t}`).map(w("URL")),
  US_SSN: fc.tuple(ssnDigits, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 900, max: 999 }))
    .map(([d, k, big]) => k === 0 ? "000" + d.slice(3) : k === 1 ? "666" + d.slice(3) : k === 2 ? String(big) + d.slice(3) : d.slice(0, 3) + "00" + d.slice(5))
    .map((d) => `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`).map(w("US_SSN")),
  UK_NHS: lastDigitChanged(nhs),
  PL_PESEL: lastDigitChanged(pesel),
  PL_NIP: lastDigitChanged(nip),
  PL_REGON: lastDigitChanged(regon),
  // The check digit is the fourth character, not the last.
  PL_ID_CARD: idCard.chain((v) =>
    fc.integer({ min: 1, max: 9 }).map((k) => ({ type: v.type, written: v.written.slice(0, 3) + String((Number(v.written[3]) + k) % 10) + v.written.slice(4) }))),
  DATE_TIME: fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 0, max: 2 }))
    .map(([y, k]) => [`31.02.${y}`, `${y}-13-01`, `30/02/${y}`][k]!).map(w("DATE_TIME")),
  CRYPTO: bitcoin.chain((v) =>
    charChange(v.written, /./, v.written.startsWith("bc1") ? BECH32_CHARSET : "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
      .filter((x) => !x.startsWith("bc1") || x.slice(0, 3) === "bc1")
      .map((x) => ({ type: "CRYPTO", written: x }))),
  MAC_ADDRESS: mac.map((v) => ({ type: "MAC_ADDRESS", written: v.written.slice(0, -3) }))
}
