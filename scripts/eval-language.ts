/**
 * How often `runPii`'s language is right on the rows of the data files labelled `en` or `pl`, judged as
 * `runPii` judges them (the words around the findings, the configured sample).
 *
 *   pnpm exec node scripts/eval-language.ts [--data ../shared/data]
 */
import { readdirSync, readFileSync } from "node:fs"
import { runPii } from "../domain/Pii.ts"

const args = process.argv.slice(2)
const data = args.includes("--data") ? args[args.indexOf("--data") + 1]! : process.env["VIGIL_DATA_DIR"] ?? "../shared/data"
const tally = new Map<string, { rows: number; right: number }>()
const wrong: Array<string> = []
for (const file of readdirSync(data).filter((f) => f.endsWith(".jsonl")).sort()) {
  for (const line of readFileSync(`${data}/${file}`, "utf8").split("\n")) {
    if (line === "") continue
    const row = JSON.parse(line) as { text: string; language?: string }
    if (row.language !== "en" && row.language !== "pl") continue
    const got = runPii(row.text).language
    for (const key of [`${file} ${row.language}`, `all ${row.language}`, "all"]) {
      const t = tally.get(key) ?? { rows: 0, right: 0 }
      t.rows++
      if (got === row.language) t.right++
      tally.set(key, t)
    }
    if (got !== row.language && wrong.length < 10) wrong.push(`${row.language} → ${got}: ${JSON.stringify(row.text.slice(0, 100))}`)
  }
}
for (const [key, t] of tally) console.log(`${key.padEnd(34)} ${String(t.rows).padStart(6)} rows  ${(100 * t.right / t.rows).toFixed(2)} % right`)
console.log(`\nfirst wrong ones:\n${wrong.join("\n")}`)
