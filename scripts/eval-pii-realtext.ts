/**
 * `node scripts/eval-pii-realtext.ts [--show TYPE]`: how many rows of each real data file (every length,
 * not only the eval's carriers) get a finding of each PII type. None of these files carries generated
 * values, so a finding is a false alarm unless the row really holds personal data (`--show` prints them).
 */
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { detect } from "../domain/Pii.ts"

const { values: args } = parseArgs({ options: { show: { type: "string" } } })
const dir = process.env["VIGIL_DATA_DIR"] ?? "../shared/data"
for (const file of ["dev-benign.jsonl", "reference-safe.jsonl", "dev-attacks.jsonl", "reference-attacks.jsonl"]) {
  const rows = readFileSync(resolve(dir, file), "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { text: string }).text)
  const byType = new Map<string, number>()
  for (const text of rows) {
    const findings = detect(text)
    for (const t of new Set(findings.map((f) => f.type))) byType.set(t, (byType.get(t) ?? 0) + 1)
    for (const f of findings) if (f.type === args.show) console.log(`  ${file}: ${JSON.stringify(f.text)} …${text.slice(Math.max(0, f.start - 50), f.end + 20).replace(/\s+/g, " ")}…`)
  }
  console.log(`${file} (${rows.length} rows): ` + [...byType].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", "))
}
