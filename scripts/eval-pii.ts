/**
 * `pnpm eval:pii [--n 400] [--seed 42]`: precision and recall per PII type on generated values embedded
 * in real benign prompts (dev-benign.jsonl, English and Polish), plus near misses of every type, plus a
 * quick timing. The carriers are text nobody tuned the recognisers on; the values come from generators
 * built from the published rules (test/domain/PiiGenerators.ts), not from the recognisers.
 */
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { resolve } from "node:path"
import { parseArgs } from "node:util"
import { detect, runPii } from "../domain/Pii.ts"
import { byType, type Written } from "../test/domain/PiiGenerators.ts"
import { nearMissByType } from "../test/domain/PiiNearMisses.ts"
import { LEADS } from "./eval-pii-leads.ts"

const { values: args } = parseArgs({ options: { n: { type: "string", default: "400" }, seed: { type: "string", default: "42" }, type: { type: "string" } } })
const N = Number(args.n)
const SEED = Number(args.seed)

// VIGIL_DATA_DIR, else ../shared/data relative to the repository (as scripts/trainData.ts).
const rows = readFileSync(resolve(process.env["VIGIL_DATA_DIR"] ?? "../shared/data", "dev-benign.jsonl"), "utf8")
  .trim().split("\n").map((l) => JSON.parse(l) as { text: string; language?: string })
  .filter((r) => (r.language === "en" || r.language === "pl") && r.text.length >= 20 && r.text.length <= 400)

// A small deterministic PRNG so that a seed reproduces the whole run.
let state = SEED >>> 0 || 1
const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32)
const pickOf = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(rand() * xs.length)]!

interface Sample { readonly text: string; readonly start: number; readonly end: number; readonly regionStart: number; readonly named: boolean }

/** Puts `value` at a word boundary of a real prompt, after a naming phrase half of the time. */
const embed = (value: Written): Sample => {
  const row = pickOf(rows)
  const spaces = [0, ...[...row.text.matchAll(/ /g)].map((m) => m.index + 1)]
  const at = pickOf(spaces)
  const named = rand() < 0.5
  const lead = named ? pickOf(LEADS[value.type]![row.language === "pl" ? "pl" : "en"]) + " " : ""
  const before = row.text.slice(0, at)
  const prefix = (before === "" || before.endsWith(" ") ? before : before + " ") + lead
  return { text: prefix + value.written + " " + row.text.slice(at), start: prefix.length, end: prefix.length + value.written.length, regionStart: prefix.length - lead.length, named }
}

/** Counts per type, split by whether the value followed a naming phrase ("PESEL: …") or stood bare. */
interface Counts { tp: number; fn: number; fp: number }
interface Tally { named: Counts; bare: Counts; carrier: number }
/**
 * Redaction view, a second figure beside the type-strict one: a valid value counts as found when some
 * finding covers exactly its span, whatever the type (the operator removes it either way); an inserted
 * value counts as a false positive when a finding touches a near miss or a valid value is cut wrongly.
 */
const redaction = new Map<string, Counts>()
const redactionOf = (t: string) => redaction.get(t) ?? (redaction.set(t, zero()), redaction.get(t)!)
const tallies = new Map<string, Tally>()
const zero = (): Counts => ({ tp: 0, fn: 0, fp: 0 })
const tally = (t: string) => tallies.get(t) ?? (tallies.set(t, { named: zero(), bare: zero(), carrier: 0 }), tallies.get(t)!)
const misses: Array<string> = []
const falseAlarms: Array<string> = []
const show = (t: string) => args.type === undefined || args.type === t

const judge = (value: Written, valid: boolean) => {
  const s = embed(value)
  const side = (t: string) => (s.named ? tally(t).named : tally(t).bare)
  let hit = false
  let covered = false
  let touched = false
  for (const f of detect(s.text)) {
    if (!(f.end > s.regionStart && f.start < s.end + 1)) {
      tally(f.type).carrier++
      continue
    }
    if (valid && f.start === s.start && f.end === s.end) covered = true
    else touched = true
    if (valid && f.type === value.type && f.start === s.start && f.end === s.end) hit = true
    else {
      side(f.type).fp++
      if (falseAlarms.length < 40 && show(f.type)) falseAlarms.push(`${f.type} on ${valid ? "valid" : "near-miss"} ${value.type}${s.named ? " (named)" : ""} ${JSON.stringify(value.written)} → ${JSON.stringify(f.text)}`)
    }
  }
  const r = redactionOf(value.type)
  if (touched) r.fp++
  if (valid) covered ? r.tp++ : r.fn++
  if (!valid) return
  if (hit) side(value.type).tp++
  else {
    side(value.type).fn++
    if (misses.length < 40 && show(value.type)) misses.push(`${value.type}${s.named ? " (named)" : ""} ${JSON.stringify(value.written)} in ${JSON.stringify(s.text.slice(Math.max(0, s.regionStart - 30), s.end + 20))}`)
  }
}

for (const [type, gen] of Object.entries(byType)) {
  for (const v of fc.sample(gen, { seed: SEED, numRuns: N })) judge(v, true)
  for (const v of fc.sample(nearMissByType[type]!, { seed: SEED + 1, numRuns: N })) judge(v, false)
}

const pct = (a: number, b: number) => (b === 0 ? "—" : (100 * a / b).toFixed(1))
const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fn: a.fn + b.fn, fp: a.fp + b.fp })
const pr = (c: Counts) => `${pct(c.tp, c.tp + c.fp)} | ${pct(c.tp, c.tp + c.fn)}`
console.log(`PII evaluation: ${N} valid and ${N} near-miss values per type, seed ${SEED}, carriers from ${rows.length} dev-benign prompts`)
console.log(`Half of the values follow a naming phrase ("PESEL:", "numer konta", "call me on"), half stand bare.\n`)
console.log("| type | precision % | recall % | P named % | R named % | P bare % | R bare % | TP | FN | FP | carrier detections |")
console.log("|---|---|---|---|---|---|---|---|---|---|---|")
let all = zero()
let allNamed = zero()
for (const type of Object.keys(byType)) {
  const t = tally(type)
  const both = add(t.named, t.bare)
  all = add(all, both)
  allNamed = add(allNamed, t.named)
  console.log(`| ${type} | ${pr(both)} | ${pr(t.named)} | ${pr(t.bare)} | ${both.tp} | ${both.fn} | ${both.fp} | ${t.carrier} |`)
}
for (const [type, t] of tallies) if (!(type in byType)) console.log(`| ${type} (not generated) | | | | | | | | | ${t.named.fp + t.bare.fp} | ${t.carrier} |`)
console.log(`| **all** | ${pr(all)} | ${pr(allNamed)} | ${pr({ tp: all.tp - allNamed.tp, fn: all.fn - allNamed.fn, fp: all.fp - allNamed.fp })} | ${all.tp} | ${all.fn} | ${all.fp} | |`)
console.log("\nRedaction view (not type-strict): a valid value is found when a finding of any type covers exactly its span; " +
  "a false positive is a finding on a near miss, or a valid value cut wrongly.\n")
console.log("| type | precision % | recall % | TP | FN | FP |")
console.log("|---|---|---|---|---|---|")
let allRedaction = zero()
for (const type of Object.keys(byType)) {
  const c = redactionOf(type)
  allRedaction = add(allRedaction, c)
  console.log(`| ${type} | ${pr(c)} | ${c.tp} | ${c.fn} | ${c.fp} |`)
}
console.log(`| **all** | ${pr(allRedaction)} | ${allRedaction.tp} | ${allRedaction.fn} | ${allRedaction.fp} |`)
console.log("\nCarrier detections are findings in the original prompts, away from the inserted value: real PII in the data or false alarms.")
if (misses.length) console.log("\nFirst misses:\n" + misses.slice(0, 15).join("\n"))
if (falseAlarms.length) console.log("\nFirst false alarms:\n" + falseAlarms.slice(0, 15).join("\n"))

// The benign prompts themselves: each one with a finding is a SANITIZE in the pipeline.
const flagged = new Map<string, number>()
let anyFlagged = 0
for (const r of rows) {
  const types = new Set(detect(r.text).map((f) => f.type))
  if (types.size > 0) anyFlagged++
  for (const t of types) flagged.set(t, (flagged.get(t) ?? 0) + 1)
}
console.log(`\nBenign prompts with any finding: ${anyFlagged} of ${rows.length} (${pct(anyFlagged, rows.length)} %): ` +
  [...flagged].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", "))

// Timing: 1 KiB of real prompts with `values` generated values put in at word boundaries.
const valuePool = fc.sample(fc.oneof(...Object.values(byType)), { seed: SEED + 2, numRuns: 5000 })
// One language per text, as a prompt is: a mix of both would time the language detector's hardest case.
const byLanguage = { en: rows.filter((r) => r.language === "en"), pl: rows.filter((r) => r.language === "pl") }
const kib = (values: number) => {
  const carriers = rand() < 0.5 ? byLanguage.en : byLanguage.pl
  let t = ""
  while (t.length < 1200) t += pickOf(carriers).text + "\n"
  for (let k = 0; k < values; k++) {
    const spaces = [...t.slice(0, 1000).matchAll(/ /g)].map((m) => m.index)
    const at = pickOf(spaces)
    t = t.slice(0, at) + " " + pickOf(valuePool).written + t.slice(at)
  }
  return t.slice(0, 1024)
}
/** Wall time and this process's CPU time per call: CPU time is what a busy shared machine distorts least. */
const median = (f: (t: string) => unknown, texts: ReadonlyArray<string>) => {
  for (const t of texts.slice(0, 200)) f(t)
  const wall: Array<number> = []
  const cpu: Array<number> = []
  for (const t of texts) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    f(t)
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const at = (xs: Array<number>, q: number) => xs.sort((a, b) => a - b)[Math.floor(xs.length * q)]!
  return { median: at(wall, 0.5), p99: at(wall, 0.99), cpu: at(cpu, 0.5) }
}
const plain = Array.from({ length: 1000 }, () => kib(0))
const typical = Array.from({ length: 1000 }, () => kib(2))
const dense = Array.from({ length: 1000 }, () => kib(8))
const fmt = (r: { median: number; p99: number; cpu: number }) =>
  `median ${r.median.toFixed(3)} ms (CPU ${r.cpu.toFixed(3)} ms), p99 ${r.p99.toFixed(3)} ms`
console.log(`\nTiming per 1 KiB (one core, 1000 texts each; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores):`)
for (const [name, texts] of [["no PII", plain], ["2 values/KiB", typical], ["8 values/KiB", dense]] as const) {
  console.log(`  detect, ${name}: ${fmt(median((t) => detect(t), texts))}`)
  console.log(`  runPii (detect + language + operator), ${name}: ${fmt(median((t) => runPii(t), texts))}`)
}
