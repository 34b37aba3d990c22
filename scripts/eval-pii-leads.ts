/** Naming phrases people put before a value, per type and language, for scripts/eval-pii.ts. */
export const LEADS: Readonly<Record<string, { readonly en: ReadonlyArray<string>; readonly pl: ReadonlyArray<string> }>> = {
  EMAIL_ADDRESS: { en: ["email me at", "my e-mail:"], pl: ["mój e-mail to", "pisz na"] },
  PHONE_NUMBER: { en: ["call me on", "phone:", "my mobile is"], pl: ["zadzwoń pod", "tel.", "mój numer telefonu to"] },
  CREDIT_CARD: { en: ["my card number is", "Visa"], pl: ["numer karty", "karta"] },
  IBAN_CODE: { en: ["IBAN", "transfer it to account"], pl: ["numer konta", "przelew na rachunek"] },
  IP_ADDRESS: { en: ["the server IP is", "host"], pl: ["adres IP serwera to", "host"] },
  URL: { en: ["see", "link:"], pl: ["zobacz", "link:"] },
  US_SSN: { en: ["SSN", "my social security number is"], pl: ["SSN", "numer SSN"] },
  UK_NHS: { en: ["NHS number", "patient NHS no."], pl: ["numer NHS", "NHS"] },
  PL_PESEL: { en: ["PESEL", "my PESEL is"], pl: ["PESEL:", "mój PESEL to"] },
  PL_NIP: { en: ["NIP", "tax id (NIP)"], pl: ["NIP:", "NIP firmy to"] },
  PL_REGON: { en: ["REGON", "company REGON"], pl: ["REGON:", "numer REGON"] },
  PL_ID_CARD: { en: ["ID card", "identity card no."], pl: ["dowód osobisty", "seria i numer dowodu"] },
  DATE_TIME: { en: ["born on", "on"], pl: ["urodzony", "dnia"] },
  CRYPTO: { en: ["send BTC to", "wallet"], pl: ["wyślij BTC na", "portfel"] },
  MAC_ADDRESS: { en: ["MAC", "device MAC address"], pl: ["adres MAC", "MAC karty sieciowej"] }
}
