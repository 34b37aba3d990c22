// Re-fuses the held-out A/B/C scores of a LOSO run (bench-results/loso-scores.jsonl from `pnpm eval:loso`)
// with the arbiter's current defaultConfig, so a fusion policy can be compared without rerunning the folds:
//   pnpm exec node scripts/arbiter-on-loso.ts [bench-results/loso-scores.jsonl]
import { readFileSync } from "node:fs"
import { decide } from "../domain/Arbiter.ts"
import { defaultConfig } from "../domain/Config.ts"
import { DetectionCompleted } from "../domain/Events.ts"
import { GuardRequest, type Mode } from "../domain/Request.ts"
import { initial } from "../domain/State.ts"
const rows = readFileSync(process.argv[2] ?? "bench-results/loso-scores.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
const fused = (r: any, mode: Mode) => {
  const branches = (["heuristics", "semantic", "classifier"] as const).map((name) => ({ name, status: "ok" as const, score: r[name], categories: [], evidence: [], latencyMs: 0 }))
  const state = { ...initial(new GuardRequest({ requestId: "x", text: "", mode, returnDecisionProcess: false, receivedAt: 0 })), detection: new DetectionCompleted({ at: 0, branches }) }
  return decide(state, defaultConfig, 0).threatScore
}
const groups: Record<string, Array<any>> = { attacks: rows.filter((r) => r.label === "malicious"), benign: rows.filter((r) => r.label === "benign"), "benign tricky": rows.filter((r) => /tricky|overrefusal|security_education|benign_roleplay/.test(r.category)), "attacks pl": rows.filter((r) => r.label === "malicious" && r.language === "pl") }
for (const [g, rs] of Object.entries(groups)) {
  const rate = (f: (r: any) => number, t: number) => ((100 * rs.filter((r) => f(r) >= t).length) / rs.length).toFixed(1)
  console.log(`${g.padEnd(14)} n=${String(rs.length).padStart(5)}  fast ${rate((r) => fused(r, "fast"), 70)} / ${rate((r) => fused(r, "fast"), 30)}   full ${rate((r) => fused(r, "full"), 70)} / ${rate((r) => fused(r, "full"), 30)}   (as fused in the run: fast ${rate((r) => r.fused_fast, 70)} / ${rate((r) => r.fused_fast, 30)}, full ${rate((r) => r.fused_full, 70)} / ${rate((r) => r.fused_full, 30)})`)
}
console.log("config", defaultConfig.version)
