/** Markdown tables of a results file, for docs and issue notes.   node bench/to-markdown.ts [bench-results/latest.json] */
import { readFileSync } from "node:fs"
import type { Results, StepJson } from "./Results.ts"

const file = process.argv[2] ?? "bench-results/latest.json"
const r = JSON.parse(readFileSync(file, "utf8")) as Results
const v = (x: unknown) => (x === null || x === undefined ? "-" : String(x))
const procs = (s: StepJson) => s.processes.map((p) => `${p.name} ${v(p.cpu_percent)}`).join(", ")

const lines = [
  `Run ${r.started_at} on ${v((r.machine as { cpus?: number }).cpus)} cores, load average at start ` +
    `${v((r.machine as { load_average_at_start?: Array<number> }).load_average_at_start?.join(" "))}; \`${r.command}\``,
  "",
  "| target | offered/s | achieved/s | p50 ms | p90 ms | p99 ms | max ms | errors | timeouts | CPU ms/req | others' CPU % | CPU % per process |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|"
]
for (const name of ["fast", "full", "baseline"] as const) {
  for (const s of r[name]?.ladder ?? []) {
    lines.push(`| ${name} | ${s.offered_rps} | ${s.achieved_rps} | ${v(s.p50_ms)} | ${v(s.p90_ms)} | ${v(s.p99_ms)} | ${v(s.max_ms)} | ${s.errors} | ${s.timeouts} | ${v(s.cpu_ms_per_request)} | ${v(s.others_cpu_percent)} | ${procs(s)} |`)
  }
}
lines.push("")
if (r.fast) lines.push(`- fast: sustainable **${r.fast.sustainable_rps} req/s** at p99 < 50 ms (target 2,500)`)
if (r.full) lines.push(`- full: sustainable **${r.full.sustainable_rps} req/s** at p99 < 100 ms (target 1,500)`)
if (r.baseline) {
  lines.push(`- baseline: sustainable **${r.baseline.sustainable_rps} req/s** at p99 < 50 ms, **${r.baseline.sustainable_rps_p99_100ms}** at < 100 ms`)
  lines.push(`- ratio pipeline/baseline: fast ${v(r.ratio.fast)}, full ${v(r.ratio.full)} (target ≥ 0.8)`)
  lines.push(`- peak answered rate: fast ${v(r.fast?.peak_rps)}, full ${v(r.full?.peak_rps)}, baseline ${v(r.baseline.peak_rps)} req/s; ratio fast ${v(r.peak_ratio.fast)}, full ${v(r.peak_ratio.full)}`)
  lines.push(`- CPU per request, baseline/pipeline: fast ${v(r.cpu_ratio.fast)}, full ${v(r.cpu_ratio.full)}`)
}
console.log(lines.join("\n"))
