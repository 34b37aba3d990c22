/**
 * `node scripts/models-equivalence.ts [--out name] [--against name] [--data ../shared/data]`: scores every
 * row of the development data with the shipped semantic (B) and classifier (C) artifacts and writes one
 * line per row (score, raw similarities / probability at full precision, evidence) to
 * .scratch/models-equivalence/<name>.jsonl. With --against, compares with an earlier run: a speed-up
 * must keep the scores; only float summation order may move the last bits, and a 2-decimal score that
 * flips because of it is listed row by row.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { classify } from "../domain/Classifier.ts"
import { neighbours, semanticScore } from "../domain/Semantic.ts"
import { decodeClassifier, decodeSemantic } from "../src/ModelArtifacts.ts"

const args = process.argv.slice(2)
const opt = (name: string, fallback?: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const data = opt("--data", "../shared/data")!
const out = opt("--out", "current")!
const against = opt("--against")
const dir = ".scratch/models-equivalence"

const semantic = decodeSemantic(readFileSync("infra/models/semantic.json.gz"))
const classifier = decodeClassifier(readFileSync("infra/models/classifier.json.gz"))

interface Row {
  readonly row: string
  readonly b: number
  readonly bRaw: ReadonlyArray<number>
  readonly bEvidence: ReadonlyArray<string>
  readonly bCategories: ReadonlyArray<string>
  readonly c: number
  readonly p: number
  readonly cEvidence: ReadonlyArray<string>
}

const inputs: Array<[string, string]> = []
for (const file of readdirSync(data).filter((f) => f.endsWith(".jsonl")).sort()) {
  readFileSync(`${data}/${file}`, "utf8").split("\n").forEach((line, i) => {
    if (line !== "") inputs.push([`${file}:${i + 1}`, JSON.parse(line).text as string])
  })
}
const rowCount = inputs.length
// Rows joined up to 1 KiB and 10 KiB as in `pnpm bench:stages`: long prompts are where the query keeps only
// its strongest features, which a single row rarely reaches.
for (const size of [1024, 10240]) {
  for (let i = 0; i < 200; i++) {
    let text = ""
    for (let j = 0; text.length < size; j++) text += (text === "" ? "" : "\n") + inputs[((i * 31 + j) * 7919) % rowCount]![1]
    inputs.push([`joined-${size}:${i}`, text.slice(0, size)])
  }
}

const rows: Array<Row> = []
const started = performance.now()
for (const [row, text] of inputs) {
  const s = semanticScore(semantic, text)
  const n = neighbours(semantic, text)
  const c = classify(classifier, text)
  rows.push({
    row,
    b: s.score,
    bRaw: [...n.attack, -1, ...n.safe, -1, n.nearestAttack ?? -1, n.nearestSafe ?? -1, n.queryFeatures],
    bEvidence: s.evidence,
    bCategories: s.categories,
    c: c.score,
    p: c.probability,
    cEvidence: c.evidence
  })
}
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}/${out}.jsonl`, rows.map((r) => JSON.stringify(r)).join("\n") + "\n")
console.log(`${rowCount} data rows and ${rows.length - rowCount} joined prompts scored in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${dir}/${out}.jsonl`)

if (against !== undefined) {
  const base: Array<Row> = readFileSync(`${dir}/${against}.jsonl`, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l))
  if (base.length !== rows.length) throw new Error(`${against} has ${base.length} rows, this run ${rows.length}`)
  let identical = 0, lastBits = 0
  const flips: Array<string> = [], other: Array<string> = []
  base.forEach((a, i) => {
    const b = rows[i]!
    if (a.row !== b.row) throw new Error(`row order differs at ${i}: ${a.row} vs ${b.row}`)
    if (JSON.stringify(a) === JSON.stringify(b)) return void identical++
    const near = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
    const rawNear = a.bRaw.length === b.bRaw.length && a.bRaw.every((x, k) => near(x, b.bRaw[k]!)) && near(a.p, b.p)
    if (!rawNear) other.push(`${a.row}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`)
    else if (a.b !== b.b || a.c !== b.c) flips.push(`${a.row}: B ${a.b} -> ${b.b}, C ${a.c} -> ${b.c}`)
    else lastBits++
  })
  console.log(`against ${against}: ${identical} identical, ${lastBits} differ only in the last float bits, ${flips.length} rounded scores flipped by float noise, ${other.length} real differences`)
  for (const line of [...flips, ...other].slice(0, 50)) console.log(`  ${line}`)
  if (other.length > 0 || flips.length > 5) process.exitCode = 1
}
