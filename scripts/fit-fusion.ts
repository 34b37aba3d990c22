/**
 * `pnpm fit:fusion [--write [--version NAME]] [FILE]`: fits the arbiter's logistic fusion per mode on the held-out branch
 * scores of a leave-one-source-out run (bench-results/loso-scores.jsonl, written by `pnpm eval:loso`), and
 * prints its own nested figures: for every source, the fusion and thresholds are fitted on the other
 * sources' rows only and the real `decide` is run on the held-out source. `--write` puts the fit on all
 * rows into infra/config/default.json (named `--version NAME`, else keeping the file's name) and the same
 * fusion into infra/config/strict.json (`strict-…`: the flag line is the block line).
 *
 * Thresholds: block where 0.1 % of the training benign rows would be blocked, sanitize where 1 % would be
 * flagged (the issue allows 2 %); they are mapped onto the config's 70 / 30 by rescaling the logit.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { answeredScores, decide } from "../domain/Arbiter.ts"
import { defaultConfig, type FusionTerm, GuardConfig, type LogisticFusion } from "../domain/Config.ts"
import { DetectionCompleted } from "../domain/Events.ts"
import { benignQuantile, type FusionExample, fitLogistic, rescale } from "../domain/FusionFit.ts"
import { GuardRequest, type Mode } from "../domain/Request.ts"
import { initial } from "../domain/State.ts"

const args = process.argv.slice(2)
const write = args.includes("--write")
const version = args.includes("--version") ? args[args.indexOf("--version") + 1] : undefined
const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--version") ?? "bench-results/loso-scores.jsonl"
const BLOCK_RATE = 0.001
const FLAG_RATE = 0.01

const H = "heuristics", S = "semantic", C = "classifier"
const TERMS: Record<Mode, ReadonlyArray<FusionTerm>> = {
  fast: [
    { coefficient: 0, branches: [H] }, { coefficient: 0, branches: [H], atLeast: 30 }, { coefficient: 0, branches: [H], atLeast: 70 },
    { coefficient: 0, branches: [S] }, { coefficient: 0, branches: [S], power: 2 }, { coefficient: 0, branches: [S], power: 4 },
    { coefficient: 0, branches: [H, S] }
  ],
  full: [
    { coefficient: 0, branches: [H] }, { coefficient: 0, branches: [H], atLeast: 30 }, { coefficient: 0, branches: [H], atLeast: 70 },
    { coefficient: 0, branches: [S] }, { coefficient: 0, branches: [S], power: 2 }, { coefficient: 0, branches: [C] },
    { coefficient: 0, branches: [C], power: 2 }, { coefficient: 0, branches: [S, C], combine: "max", power: 4 },
    { coefficient: 0, branches: [S, C] }, { coefficient: 0, branches: [H, S] }, { coefficient: 0, branches: [H, C] }
  ]
}

interface Row { readonly source: string; readonly label: string; readonly category: string; readonly language: string; readonly heuristics: number; readonly semantic: number; readonly classifier: number }
const rows: ReadonlyArray<Row> = readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
const TRICKY = /tricky|overrefusal|security_education|benign_roleplay/

const stateOf = (r: Row, mode: Mode) => ({
  ...initial(new GuardRequest({ requestId: "x", text: "", mode, returnDecisionProcess: false, receivedAt: 0 })),
  detection: new DetectionCompleted({ at: 0, branches: [H, S, C].map((name) => ({ name, status: "ok" as const, score: r[name as typeof H], categories: [], evidence: [], latencyMs: 0 })) })
})
// What fusion sees: the arbiter's own caps applied (the classifier without support counts as at most 60).
const example = (r: Row, mode: Mode, config: GuardConfig): FusionExample =>
  ({ scores: answeredScores(stateOf(r, mode), config), attack: r.label === "malicious" })

const fitMode = (mode: Mode, train: ReadonlyArray<Row>, base: GuardConfig): LogisticFusion => {
  const examples = train.map((r) => example(r, mode, base))
  const raw = fitLogistic(TERMS[mode], examples)
  return rescale(raw, benignQuantile(raw, examples, BLOCK_RATE), benignQuantile(raw, examples, FLAG_RATE))
}
const withFusion = (base: GuardConfig, fusion: Record<Mode, LogisticFusion>, version: string): GuardConfig =>
  new GuardConfig({
    ...base,
    version,
    modes: { fast: { ...base.modes.fast, fusion: fusion.fast }, full: { ...base.modes.full, fusion: fusion.full } },
    // Agreement between branches is what the product terms model; the fixed boost would count it twice.
    policies: { ...base.policies, corroboration: { ...base.policies.corroboration, boost: 0 } }
  })

const report = (title: string, decided: ReadonlyArray<{ row: Row; fast: number; full: number }>) => {
  const groups: Array<[string, (r: Row) => boolean]> = [
    ["attacks", (r) => r.label === "malicious"], ["attacks pl", (r) => r.label === "malicious" && r.language === "pl"],
    ["benign", (r) => r.label === "benign"], ["benign tricky", (r) => r.label === "benign" && TRICKY.test(r.category)],
    ["benign pl", (r) => r.label === "benign" && r.language === "pl"]
  ]
  console.log(`\n${title}\n${"group".padEnd(14)}     n   fast ≥70 / ≥30   full ≥70 / ≥30`)
  for (const [name, keep] of groups) {
    const xs = decided.filter((d) => keep(d.row))
    const pct = (f: (d: (typeof xs)[number]) => boolean) => ((100 * xs.filter(f).length) / Math.max(1, xs.length)).toFixed(1).padStart(5)
    console.log(`${name.padEnd(14)} ${String(xs.length).padStart(5)}   ${pct((d) => d.fast >= 70)} / ${pct((d) => d.fast >= 30)}    ${pct((d) => d.full >= 70)} / ${pct((d) => d.full >= 30)}`)
  }
}
const score = (r: Row, mode: Mode, config: GuardConfig) => decide(stateOf(r, mode), config, 0).threatScore

const base = new GuardConfig({ ...defaultConfig, modes: { fast: { weights: defaultConfig.modes.fast.weights, skip: defaultConfig.modes.fast.skip }, full: { weights: defaultConfig.modes.full.weights, skip: defaultConfig.modes.full.skip } } })
// The comparison: the weighted mean as default-4 shipped it (corroboration +10 when two branches reach 50).
const { blockSupport: _, ...default4Policies } = base.policies
const weightedMean = new GuardConfig({ ...base, policies: { ...default4Policies, corroboration: { minBranches: 2, score: 50, boost: 10 } } })
report("weighted mean (default-4), same rows", rows.map((row) => ({ row, fast: score(row, "fast", weightedMean), full: score(row, "full", weightedMean) })))

const nested: Array<{ row: Row; fast: number; full: number }> = []
const sources = Array.from(new Set(rows.map((r) => r.source)))
const started = Date.now()
for (const source of sources) {
  const train = rows.filter((r) => r.source !== source)
  const config = withFusion(base, { fast: fitMode("fast", train, base), full: fitMode("full", train, base) }, "nested")
  for (const row of rows.filter((r) => r.source === source)) nested.push({ row, fast: score(row, "fast", config), full: score(row, "full", config) })
}
writeFileSync("bench-results/fusion-nested.jsonl", nested.map((d) => JSON.stringify({ ...d.row, fused_fast: d.fast, fused_full: d.full })).join("\n") + "\n")
report(`logistic fusion, nested leave-one-source-out (${sources.length} folds, ${((Date.now() - started) / 1000).toFixed(0)} s)`, nested)

const fitted = withFusion(base, { fast: fitMode("fast", rows, base), full: fitMode("full", rows, base) }, "default-5")
report("logistic fusion fitted on all rows (in-sample: not a figure to quote)", rows.map((row) => ({ row, fast: score(row, "fast", fitted), full: score(row, "full", fitted) })))
const round = (f: LogisticFusion): LogisticFusion => ({ bias: Number(f.bias.toFixed(4)), terms: f.terms.map((t) => ({ ...t, coefficient: Number(t.coefficient.toFixed(4)) })) })
const json = JSON.parse(readFileSync("infra/config/default.json", "utf8"))
if (version !== undefined) json.version = version
json.modes.fast.fusion = round(fitted.modes.fast.fusion!)
json.modes.full.fusion = round(fitted.modes.full.fusion!)
json.policies.corroboration.boost = 0
// Small objects and arrays on one line, as the file was written by hand: one fusion term per line.
const pretty = (v: unknown, indent = ""): string => {
  const flat = JSON.stringify(v).replace(/,(?=["{\[\d-])/g, ", ").replace(/":/g, "\": ").replace(/\{(?=")/g, "{ ").replace(/(?<=[\w"\]])\}/g, " }")
  if (typeof v !== "object" || v === null || flat.length + indent.length <= 110) return flat
  const inner = indent + "  "
  return Array.isArray(v)
    ? `[\n${v.map((x) => inner + pretty(x, inner)).join(",\n")}\n${indent}]`
    : `{\n${Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(",\n")}\n${indent}}`
}
// The strict profile: the same fusion, with the flag line as the block line (no middle band, no cap).
const { blockSupport: _cap, ...strictPolicies } = json.policies
const strict = { ...json, version: String(json.version).replace(/^default/, "strict"), thresholds: { block: json.thresholds.sanitize, sanitize: json.thresholds.sanitize }, policies: strictPolicies }
if (write) {
  writeFileSync("infra/config/default.json", pretty(json) + "\n")
  writeFileSync("infra/config/strict.json", pretty(strict) + "\n")
}
console.log(write ? "\nwrote infra/config/default.json and infra/config/strict.json" : `\n(--write to store)\n${JSON.stringify({ fast: json.modes.fast.fusion, full: json.modes.full.fusion })}`)
