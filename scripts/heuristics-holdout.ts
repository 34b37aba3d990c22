/**
 * Branch A alone, per source, on the development data. Hand-written patterns cannot be cross-validated,
 * so the sources are split once: patterns were written and tuned looking only at the DEVELOPMENT sources;
 * the HELD_OUT ones were never printed while writing them (this script prints no held-out text).
 *
 *   pnpm exec node scripts/heuristics-holdout.ts [--threshold 70] [--misses N] [--hits N]
 * --misses / --hits print that many missed attacks / flagged benign rows, from development sources only.
 */
import { readFileSync } from "node:fs"
import { analyze } from "../domain/Heuristics.ts"

const DATA = process.env["VIGIL_DATA"] ?? "../shared/data"
const args = process.argv.slice(2)
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const threshold = flag("--threshold", 70)
const misses = flag("--misses", 0)
const hits = flag("--hits", 0)

// Sources (or categories of a source) held out from pattern writing.
const HELD_OUT: ReadonlyArray<RegExp> = [
  /BIPIA.*_test\.json/, /promptinject/, /garak\/probes\/encoding/, /smuggling/, /sysprompt_extraction/, /xss/,
  /web_injection/, /coconot_contrast_eval/, /conala-test/, /mitre_frr/, /efficientqa/, /strategyqa\/dev/,
  /grade_school_math\/data\/test/, /user_oriented_instructions/, /vicuna_bench/, /poquad-test-B/,
  /2021-question-answering@\w+:(?:test-A|dev-0)/, /2022-passage-retrieval@\w+:(?:dev-0|test-A|test-B)/, /reference-safe/,
  /reference-attacks#odd/
]

interface Row { readonly text: string; readonly label: string; readonly source: string; readonly category: string }
const load = (file: string): Array<Row> =>
  readFileSync(`${DATA}/${file}`, "utf8").split("\n").filter((l) => l.trim() !== "").map((l, i) => {
    const r = JSON.parse(l)
    // reference-attacks has no source field: alternate rows are held out (a random split, so optimistic).
    const source = r.source ?? (file === "reference-attacks.jsonl" ? `reference-attacks#${i % 2 ? "odd" : "even"}` : file.replace(".jsonl", ""))
    return { text: r.text, label: r.label, category: r.category ?? "", source: `${source} [${r.category ?? "-"}]` }
  })

const rows = [...load("dev-attacks.jsonl"), ...load("reference-attacks.jsonl"), ...load("dev-benign.jsonl"), ...load("reference-safe.jsonl")]
const heldOut = (source: string) => HELD_OUT.some((r) => r.test(source))
const short = (s: string) => s.replace(/^[^@]*\//, "").replace(/@\w+:/, ":").slice(-70)

type Tally = { n: number; flagged: number; malicious: boolean }
const bySource = new Map<string, Tally>()
const shownMiss: Array<string> = []
const shownHit: Array<string> = []
for (const row of rows) {
  const r = analyze(row.text)
  const flagged = r.score >= threshold
  const t = bySource.get(row.source) ?? { n: 0, flagged: 0, malicious: row.label === "malicious" }
  t.n++
  if (flagged) t.flagged++
  bySource.set(row.source, t)
  if (heldOut(row.source)) continue
  if (row.label === "malicious" && !flagged && shownMiss.length < misses) shownMiss.push(`MISS ${r.score} ${short(row.source)} ${JSON.stringify(row.text.slice(0, 400))}`)
  if (row.label === "benign" && flagged && shownHit.length < hits) shownHit.push(`FP ${r.score} ${short(row.source)} ${r.evidence.join("; ")} ${JSON.stringify(row.text.slice(0, 300))}`)
}
for (const line of [...shownMiss, ...shownHit]) console.log(line)

const pct = (a: number, b: number) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)} %`)
for (const part of ["development", "held-out"] as const) {
  for (const malicious of [true, false]) {
    const entries = [...bySource].filter(([s, t]) => t.malicious === malicious && heldOut(s) === (part === "held-out"))
    const n = entries.reduce((a, [, t]) => a + t.n, 0)
    const f = entries.reduce((a, [, t]) => a + t.flagged, 0)
    console.log(`\n${part} ${malicious ? "attacks: caught" : "benign: flagged"} ${pct(f, n)} of ${n}  (score ≥ ${threshold})`)
    for (const [s, t] of entries.sort((a, b) => a[1].flagged / a[1].n - b[1].flagged / b[1].n)) {
      console.log(`  ${pct(t.flagged, t.n).padStart(8)} of ${String(t.n).padStart(4)}  ${short(s)}`)
    }
  }
}
