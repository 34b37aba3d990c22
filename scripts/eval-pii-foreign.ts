/**
 * `node scripts/eval-pii-foreign.ts [--n 40] [--seed 42]`: national phone numbers of the other European countries
 * (domain/Pii/ForeignPhone.ts), a figure apart from `pnpm eval:pii` (its generators were left as they were).
 * Numbers are drawn at random in each country's plan, kept when libphonenumber calls them valid there, and
 * written as the country writes them (`formatNational`); then put into real benign prompts after a phone
 * word ("Telefon:", "tel.", "call me on"), bare, and as a near miss (one digit dropped).
 */
import { getCountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js/max"
import examples from "libphonenumber-js/mobile/examples"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { detect } from "../domain/Pii.ts"
import { COUNTRIES, countryOf } from "../domain/Pii/ForeignPhone.ts"

const { values: args } = parseArgs({ options: { n: { type: "string", default: "40" }, seed: { type: "string", default: "42" } } })
const N = Number(args.n)
let state = Number(args.seed) >>> 0 || 1
const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32)
const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(rand() * xs.length)]!
const rows = readFileSync(resolve(process.env["VIGIL_DATA_DIR"] ?? "../shared/data", "dev-benign.jsonl"), "utf8")
  .trim().split("\n").map((l) => (JSON.parse(l) as { text: string }).text).filter((t) => t.length >= 20 && t.length <= 400)
const LEADS = ["Telefon:", "tel.", "phone:", "call me on", "téléphone", "telefono"]

/** `written` put at a word boundary of a real prompt, after `lead`; the value's span in the result. */
const embed = (written: string, lead: string) => {
  const row = pick(rows)
  const spaces = [0, ...[...row.matchAll(/ /g)].map((m) => m.index + 1)]
  const at = pick(spaces)
  const before = row.slice(0, at)
  const prefix = (before === "" || before.endsWith(" ") ? before : before + " ") + (lead === "" ? "" : lead + " ")
  return { text: prefix + written + " " + row.slice(at), start: prefix.length, end: prefix.length + written.length }
}
const phoneOn = (s: { text: string; start: number; end: number }) =>
  detect(s.text).filter((f) => f.type === "PHONE_NUMBER" && f.end > s.start && f.start < s.end)

console.log(`Other countries' national numbers: up to ${N} valid numbers per country, seed ${args.seed}\n`)
console.log("| country | numbers | one country fits (digits + grouping) | found after a phone word | found bare | near misses found | of them valid in one country |")
console.log("|---|---|---|---|---|---|---|")
const total = { n: 0, unique: 0, named: 0, bare: 0, near: 0, nearValid: 0 }
for (const country of COUNTRIES) {
  const example = (examples as Record<string, string>)[country]
  if (example === undefined) continue
  const cc = getCountryCallingCode(country)
  const numbers: Array<string> = []
  for (let tries = 0; tries < 20_000 && numbers.length < N; tries++) {
    // The example's first two digits keep the draw inside the plan; the rest is random.
    const nsn = example.slice(0, 2) + Array.from({ length: example.length - 2 }, () => Math.floor(rand() * 10)).join("")
    const p = parsePhoneNumberFromString(`+${cc}${nsn}`)
    if (p?.isValid() && p.country === country && p.formatNational().startsWith("0")) numbers.push(p.formatNational())
  }
  if (numbers.length === 0) {
    console.log(`| ${country} | 0 (written without a leading 0: not covered) | | | | | |`)
    continue
  }
  let unique = 0, named = 0, bare = 0, near = 0, nearValid = 0
  for (const written of numbers) {
    if (countryOf(written) === country) unique++
    const s = embed(written, pick(LEADS))
    if (phoneOn(s).some((f) => f.start === s.start && f.end === s.end)) named++
    if (phoneOn(embed(written, "")).length > 0) bare++
    const i = 1 + Math.floor(rand() * (written.length - 1))
    const cut = /\d/.test(written[i]!) ? written.slice(0, i) + written.slice(i + 1) : written.slice(0, -1)
    if (phoneOn(embed(cut, pick(LEADS))).length > 0) {
      near++
      if (countryOf(cut) !== undefined) nearValid++
    }
  }
  const pct = (k: number) => `${k} (${(100 * k / numbers.length).toFixed(0)} %)`
  console.log(`| ${country} | ${numbers.length} | ${pct(unique)} | ${pct(named)} | ${pct(bare)} | ${pct(near)} | ${nearValid} |`)
  Object.assign(total, { n: total.n + numbers.length, unique: total.unique + unique, named: total.named + named, bare: total.bare + bare, near: total.near + near, nearValid: total.nearValid + nearValid })
}
const pct = (k: number) => `${k} (${(100 * k / total.n).toFixed(1)} %)`
console.log(`| **all** | ${total.n} | ${pct(total.unique)} | ${pct(total.named)} | ${pct(total.bare)} | ${pct(total.near)} | ${total.nearValid} |`)
console.log("\nNear misses drop one digit. A shorter number is often still a valid number of one of the countries (plans with")
console.log("several lengths, as Germany's and Austria's, or a neighbour's plan: a Dutch 06 number one digit short is Finnish);")
console.log("after a phone word that is a phone number as far as the digits can tell. Only MOBILE example prefixes are drawn.")
