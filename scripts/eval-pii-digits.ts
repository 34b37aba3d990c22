/**
 * `node scripts/eval-pii-digits.ts`: the real-text cost of calling bare nine- and ten-digit numbers PII.
 * Every digit run of 9 or 10 digits (bare, or grouped as NIP, NHS and Polish phone numbers are written) in
 * dev-benign.jsonl and reference-safe.jsonl, with what each checksum and libphonenumber say about it, the
 * language of its prompt, and what `detect` reports on it now. Benign prompts hold no generated values, so
 * every identifier reported here is a false positive unless the row really carries one (printed to check).
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { nhsValid, nipValid, regonValid } from "../domain/Checksums.ts"
import { detect } from "../domain/Pii.ts"
import { detectLanguage } from "../domain/Pii/Language.ts"
import { NUM_LEFT, NUM_RIGHT } from "../domain/Pii/Types.ts"

const dir = process.env["VIGIL_DATA_DIR"] ?? "../shared/data"
const RUN = new RegExp(NUM_LEFT + String.raw`\d(?:[ \-]?\d){8,9}` + NUM_RIGHT, "g")

const counts = new Map<string, number>()
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1)
const examples: Array<string> = []

for (const file of ["dev-benign.jsonl", "reference-safe.jsonl", "dev-attacks.jsonl", "reference-attacks.jsonl"]) {
  const rows = readFileSync(resolve(dir, file), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { text: string })
  for (const { text } of rows) {
    const runs = [...text.matchAll(RUN)]
    if (runs.length === 0) continue
    const findings = detect(text)
    const language = detectLanguage(text)
    for (const m of runs) {
      const written = m[0]
      const digits = written.replace(/\D/g, "")
      const shape = /^\d+$/.test(written) ? "bare" : "grouped"
      const k = `${file} ${digits.length}-digit ${shape}`
      bump(k)
      bump(`${k} lang=${language}`)
      const checks = digits.length === 9
        ? [["REGON", regonValid(digits)]]
        : [["NIP", nipValid(digits)], ["NHS", nhsValid(digits)]]
      const pl = parsePhoneNumberFromString(digits, { defaultCountry: "PL", extract: false })
      const plType = pl?.isValid() && pl.country === "PL" ? pl.getType() ?? "valid" : "-"
      for (const [name, ok] of checks) if (ok) bump(`${k} passes ${name}`)
      bump(`${k} PL phone ${plType}`)
      const hit = findings.filter((f) => f.end > m.index && f.start < m.index + written.length).map((f) => f.type)
      bump(`${k} detect now: ${hit.join("+") || "nothing"}`)
      if (examples.length < 400) examples.push(`${file} ${language} ${JSON.stringify(written)} ${checks.filter(([, ok]) => ok).map(([n]) => n).join(",") || "-"} phone:${plType} now:${hit.join("+") || "-"}  …${text.slice(Math.max(0, m.index - 40), m.index + written.length + 30).replace(/\n/g, " ")}…`)
    }
  }
}
for (const [k, n] of [...counts].sort()) console.log(`${k}: ${n}`)
console.log("\nExamples:\n" + examples.join("\n"))
