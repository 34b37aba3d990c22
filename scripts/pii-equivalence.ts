/**
 * Byte-identical output check for PII speed work: runs `runPii` (default operators, and pseudonymisation)
 * on every row of the data files and on texts built from scripts/eval-pii.ts's generators (seeds 42 and 7),
 * and writes or compares the full output per input.
 *
 *   pnpm exec node scripts/pii-equivalence.ts save    # baseline from the code in the checkout → .scratch/pii-equivalence/
 *   pnpm exec node scripts/pii-equivalence.ts check   # same inputs, exit 1 on any difference
 */
import * as fc from "fast-check"
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { runPii } from "../domain/Pii.ts"
import { defaultPiiConfig, PiiConfig } from "../domain/PiiConfig.ts"
import { byType, type Written } from "../test/domain/PiiGenerators.ts"
import { nearMissByType } from "../test/domain/PiiNearMisses.ts"
import { LEADS } from "./eval-pii-leads.ts"

const mode = process.argv[2]
if (mode !== "save" && mode !== "check") {
  console.error("usage: pnpm exec node scripts/pii-equivalence.ts save|check")
  process.exit(2)
}
const data = resolve(process.env["VIGIL_DATA_DIR"] ?? "../shared/data")
const out = resolve(".scratch/pii-equivalence")
mkdirSync(out, { recursive: true })

const inputs: Array<[string, Array<string>]> = readdirSync(data).filter((f) => f.endsWith(".jsonl")).sort()
  .map((f) => [f, readFileSync(`${data}/${f}`, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l).text as string)])

// Generated values put into benign carriers, bare and after a naming phrase, as eval-pii does (its
// generators and leads; the placement is a fixed stride here, so the inputs do not depend on its PRNG).
const carriers = inputs.find(([f]) => f === "dev-benign.jsonl")![1].filter((t) => t.length >= 20 && t.length <= 400)
const place = (v: Written, i: number): string => {
  const row = carriers[(i * 7919) % carriers.length]!
  const spaces = [0, ...[...row.matchAll(/ /g)].map((m) => m.index + 1)]
  const at = spaces[i % spaces.length]!
  const leads = LEADS[v.type]
  const lead = i % 2 === 0 || leads === undefined ? "" : [...leads.en, ...leads.pl][i % (leads.en.length + leads.pl.length)] + " "
  return row.slice(0, at) + (at > 0 && !row.slice(0, at).endsWith(" ") ? " " : "") + lead + v.written + " " + row.slice(at)
}
for (const seed of [42, 7]) {
  const texts: Array<string> = []
  for (const [type, gen] of Object.entries(byType)) {
    for (const v of fc.sample(gen, { seed, numRuns: 400 })) texts.push(place(v, texts.length))
    for (const v of fc.sample(nearMissByType[type]!, { seed: seed + 1, numRuns: 400 })) texts.push(place(v, texts.length))
  }
  // Dense texts: eight values in one 1 KiB prompt, as the timing section of eval-pii.
  const pool = fc.sample(fc.oneof(...Object.values(byType)), { seed: seed + 2, numRuns: 4000 })
  for (let i = 0; i < 500; i++) {
    let t = ""
    for (let j = 0; t.length < 1200; j++) t += carriers[(i * 31 + j * 7) % carriers.length] + "\n"
    for (let k = 0; k < 8; k++) {
      const at = t.indexOf(" ", (i * 131 + k * 97) % 1000)
      t = t.slice(0, at) + " " + pool[(i * 8 + k) % pool.length]!.written + t.slice(at)
    }
    texts.push(t.slice(0, 1024))
  }
  inputs.push([`generated-seed-${seed}`, texts])
}

const pseudonymize = new PiiConfig({ ...defaultPiiConfig, operators: { default: { type: "pseudonymize" }, byType: {} } })
let compared = 0
let differences = 0
for (const [name, texts] of inputs) {
  for (const [label, config] of [["default", defaultPiiConfig], ["pseudonymize", pseudonymize]] as const) {
    const lines = texts.map((text) => JSON.stringify(runPii(text, config)))
    const file = `${out}/${name}.${label}.jsonl`
    if (mode === "save") {
      writeFileSync(file, lines.join("\n") + "\n")
      continue
    }
    const before = readFileSync(file, "utf8").split("\n")
    lines.forEach((l, i) => {
      compared++
      if (l === before[i]) return
      if (differences++ < 10) console.log(`${name} ${label} #${i}\n  before ${before[i]}\n  after  ${l}`)
    })
  }
}
const total = inputs.reduce((n, [, t]) => n + t.length, 0)
if (mode === "save") console.log(`saved ${total} inputs × 2 configs to ${out}`)
else console.log(`${compared} outputs compared (${total} inputs × 2 configs), ${differences} differences`)
process.exit(differences === 0 ? 0 : 1)
