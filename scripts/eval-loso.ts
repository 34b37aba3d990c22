/**
 * `pnpm eval:loso [--group source|repo]`: leave-one-source-out figures for branches B and C, alone and
 * fused with the heuristics through the arbiter's decide() (defaultConfig, fast and full), at BLOCK ≥ 70
 * and flagged ≥ 30. Prints tables and writes bench-results/loso.json.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { decide } from "../domain/Arbiter.ts"
import { defaultConfig } from "../domain/Config.ts"
import { DetectionCompleted } from "../domain/Events.ts"
import { analyze } from "../domain/Heuristics.ts"
import { GuardRequest, type Mode } from "../domain/Request.ts"
import { initial } from "../domain/State.ts"
import { foldKey, type Grouping, runFolds } from "./losoFolds.ts"
import { attackGroup, benignGroup, rates, SCORERS, type Scorer, table } from "./losoReport.ts"
import { timeModels } from "./modelSpeed.ts"
import { dataDir, loadRows } from "./trainData.ts"

const grouping: Grouping = process.argv.includes("--group") && process.argv[process.argv.indexOf("--group") + 1] === "repo" ? "repo" : "source"

const fuse = (text: string, h: number, s: number, c: number, mode: Mode): number => {
  const request = new GuardRequest({ requestId: "loso", text, mode, returnDecisionProcess: false, receivedAt: 0 })
  const branch = (name: string, score: number) => ({ name, status: "ok" as const, score, categories: [], evidence: [], latencyMs: 0 })
  const detection = new DetectionCompleted({ at: 0, branches: [branch("heuristics", h), branch("semantic", s), branch("classifier", c)] })
  return decide({ ...initial(request), detection }, defaultConfig, 0).threatScore
}

const main = () => {
  const started = performance.now()
  const rows = loadRows()
  console.error(`data ${dataDir()}: ${rows.length} rows (${rows.filter((r) => r.trainOnly === true).length} train-only); folds by ${grouping}`)
  const heuristics = Float64Array.from(rows, (r) => analyze(r.text).score)
  const held = runFolds(rows, grouping, (line) => console.error(line))
  const scores: Record<Scorer, Float64Array> = {
    heuristics,
    semantic: held.semantic,
    classifier: held.classifier,
    fused_fast: Float64Array.from(rows, (r, i) => fuse(r.text, heuristics[i]!, held.semantic[i]!, held.classifier[i]!, "fast")),
    fused_full: Float64Array.from(rows, (r, i) => fuse(r.text, heuristics[i]!, held.semantic[i]!, held.classifier[i]!, "full"))
  }
  const indicesBy = (key: (i: number) => string) => {
    const m = new Map<string, Array<number>>()
    rows.forEach((r, i) => r.trainOnly !== true && m.set(key(i), [...(m.get(key(i)) ?? []), i]))
    return [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  }
  const kind = (ix: ReadonlyArray<number>) => (rows[ix[0]!]!.y === 1 ? "attack" : "benign")
  const perSource = indicesBy((i) => foldKey(rows[i]!, grouping)).map(([name, ix]) => ({ name, kind: kind(ix), r: rates(ix, scores) }))
  const attacks = rows.flatMap((r, i) => (r.y === 1 && r.trainOnly !== true ? [i] : []))
  const benign = rows.flatMap((r, i) => (r.y === 0 && r.trainOnly !== true ? [i] : []))
  const groups = [
    ...indicesBy((i) => (rows[i]!.y === 1 ? attackGroup(rows[i]!) : benignGroup(rows[i]!))).map(([name, ix]) => ({ name, kind: kind(ix), r: rates(ix, scores) })),
    { name: "POOLED attacks (detection)", kind: "attack", r: rates(attacks, scores) },
    { name: "POOLED benign (false positives)", kind: "benign", r: rates(benign, scores) }
  ]
  console.log(`\nLeave-one-${grouping}-out, held-out rows only. Attack rows: detection rate; benign rows: false-positive rate.`)
  console.log(`Columns: share of rows scoring ≥70 (BLOCK) / ≥30 (flagged), in %. Heuristics are not trained on this data.`)
  if (defaultConfig.modes.full.fusion !== undefined) {
    console.log(`The fused columns use ${defaultConfig.version}'s logistic fusion, fitted on a run like this one's held-out scores of all sources:`)
    console.log("those two columns are in-sample for the fusion; the nested figures come from `pnpm fit:fusion` on this run's scores.")
  }
  console.log("")
  console.log(table(`per ${grouping}`, perSource))
  console.log("\n" + table("pooled", groups))
  const speed = timeModels(rows)
  const fmt = (t: { medianWallMs: number; meanCpuMs: number }) => `${t.medianWallMs.toFixed(3)} ms median wall, ${t.meanCpuMs.toFixed(3)} ms mean CPU`
  console.log(`\nSpeed per 1 KiB prompt (shipped artifacts, one thread, ${speed.prompts} prompts): ` +
    `semantic ${fmt(speed.semanticPerKiB)}; classifier ${fmt(speed.classifierPerKiB)}; ` +
    `baseline JSON round trip ${fmt(speed.baselineJsonPerKiB)}; artifacts load in ${speed.loadMs.toFixed(0)} ms`)
  mkdirSync("bench-results", { recursive: true })
  const file = grouping === "source" ? "bench-results/loso.json" : `bench-results/loso-${grouping}.json`
  writeFileSync(file, JSON.stringify({
    grouping,
    thresholds: { block: 70, flagged: 30 },
    config: defaultConfig.version,
    scorers: SCORERS,
    pooled: groups,
    perSource,
    folds: held.folds,
    speed
  }, null, 2) + "\n")
  // Held-out branch scores per row, so fusion policies can be compared without re-running the folds.
  const perRow = rows.flatMap((r, i) => r.trainOnly === true ? [] : [JSON.stringify({
    source: r.source, label: r.y === 1 ? "malicious" : "benign", category: r.category, language: r.language,
    ...Object.fromEntries(SCORERS.map((s) => [s, scores[s][i]]))
  })])
  writeFileSync(file.replace(/\.json$/, "-scores.jsonl"), perRow.join("\n") + "\n")
  console.error(`wrote ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

try {
  main()
} catch (e) {
  console.error(`pnpm eval:loso: ${(e as Error).message}`)
  process.exit(1)
}
