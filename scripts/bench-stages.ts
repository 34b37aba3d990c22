/**
 * `pnpm bench:stages`: throughput and per-prompt latency of each pure stage, on one core, at 100 B, 1 KiB
 * and 10 KiB, against a baseline measured in the same run (JSON.parse of the same prompt as a JSONL line),
 * so a slower or busier machine shows up in the baseline too. Prompts are real development rows (attacks
 * and benign, English and Polish) joined up to the size, 200 different ones per size. Under the whole
 * row, each stage's median as timed inside it: after the other stages ran on the same prompt, as in a
 * worker, which costs more than the stage's own row (run alone, its tables stay in the cache).
 *
 *   pnpm bench:stages [--rounds 5] [--data ../shared/data]
 */
import { existsSync, readFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { decide } from "../domain/Arbiter.ts"
import { defaultConfig } from "../domain/Config.ts"
import { DetectionCompleted, PiiCompleted } from "../domain/Events.ts"
import { analyze } from "../domain/Heuristics.ts"
import { runPii } from "../domain/Pii.ts"
import { GuardRequest } from "../domain/Request.ts"
import { initial } from "../domain/State.ts"

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback)
const rounds = Number(opt("--rounds", "5"))
const data = opt("--data", process.env["VIGIL_DATA"] ?? "../shared/data")
const root = new URL("../", import.meta.url)

const rows = ["dev-attacks.jsonl", "dev-benign.jsonl"].flatMap((f) =>
  readFileSync(`${data}/${f}`, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l).text as string))
// A fixed stride instead of a random sample: the same prompts every run.
const pick = (i: number) => rows[(i * 7919) % rows.length]!
const prompts = (bytes: number): Array<string> =>
  Array.from({ length: 200 }, (_, i) => {
    let text = ""
    for (let j = 0; Buffer.byteLength(text) < bytes; j++) text += (text === "" ? "" : "\n") + pick(i * 31 + j)
    return Buffer.from(text).subarray(0, bytes).toString("utf8").replace(/\uFFFD$/, "")
  })

type Stage = { readonly name: string; readonly run: (text: string) => unknown }
const stages: Array<Stage> = [{ name: "baseline: JSON.parse of the line", run: (t) => JSON.parse(JSON.stringify({ text: t })) }]
const notes: Array<string> = []

stages.push({ name: "A heuristics", run: analyze })
const model = async <M>(file: string, artifact: string, decoder: "decodeSemantic" | "decodeClassifier"): Promise<M | undefined> => {
  if (!existsSync(new URL(file, root)) || !existsSync(new URL(`infra/models/${artifact}`, root))) {
    notes.push(`${file} or infra/models/${artifact} missing: skipped`)
    return undefined
  }
  const artifacts = await import("../src/ModelArtifacts.ts")
  return (artifacts[decoder] as (b: Uint8Array) => M)(readFileSync(new URL(`infra/models/${artifact}`, root)))
}
const semantic = await model<any>("domain/Semantic.ts", "semantic.json.gz", "decodeSemantic")
if (semantic !== undefined) {
  const { semanticScore } = await import("../domain/Semantic.ts")
  stages.push({ name: "B semantic", run: (t) => semanticScore(semantic, t) })
}
const classifier = await model<any>("domain/Classifier.ts", "classifier.json.gz", "decodeClassifier")
if (classifier !== undefined) {
  const { classify } = await import("../domain/Classifier.ts")
  stages.push({ name: "C classifier", run: (t) => classify(classifier, t) })
}
stages.push({ name: "PII", run: runPii })

// The arbiter sees branch results, not text; its input is built outside the timed call.
const stateFor = (text: string) => {
  const branches = ["heuristics", "semantic", "classifier"].map((name, i) => ({ name, status: "ok" as const, score: (text.length * (i + 3)) % 101, categories: [], evidence: [], latencyMs: 0.1 }))
  const request = new GuardRequest({ requestId: "b", text, mode: "full", returnDecisionProcess: true, receivedAt: 0 })
  return { ...initial(request), detection: new DetectionCompleted({ at: 0, branches }), pii: new PiiCompleted({ at: 0, latencyMs: 0, entities: [], sanitizedText: text }) }
}
const states = new Map<string, ReturnType<typeof stateFor>>()
stages.push({ name: "arbiter", run: (t) => decide(states.get(t)!, defaultConfig, 0) })
const detection = stages.filter((s) => /^(A|B|C) |^PII/.test(s.name))
// Each stage's own time inside the whole run: what it costs after the other stages have used the cache,
// as in a worker. Recorded by the whole row's runs, reported after it.
const inSequence = new Map(detection.map((s) => [s.name, [] as Array<number>]))
stages.push({
  name: "whole detection: A+B+C+PII",
  run: (t) => {
    for (const s of detection) {
      const t0 = process.hrtime.bigint()
      s.run(t)
      inSequence.get(s.name)!.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
  }
})

const measure = (stage: Stage, texts: ReadonlyArray<string>) => {
  for (const t of texts) stage.run(t)
  const times: Array<number> = []
  const cpu0 = process.cpuUsage()
  const started = process.hrtime.bigint()
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const t0 = process.hrtime.bigint()
      stage.run(t)
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
  }
  const total = Number(process.hrtime.bigint() - started) / 1e6
  const cpu = process.cpuUsage(cpu0)
  times.sort((a, b) => a - b)
  return {
    perSecond: times.length / (total / 1000),
    median: times[times.length >> 1]!,
    p99: times[Math.floor(times.length * 0.99)]!,
    // CPU time of this process per prompt: on a shared machine, wall time also counts other processes' turns.
    cpuMean: (cpu.user + cpu.system) / 1000 / times.length
  }
}

const fmt = (ms: number) => (ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : `${ms.toFixed(3)} ms`)
const lines: Array<Array<string>> = [["size", "stage", "prompts/s", "median", "p99", "median ÷ baseline", "CPU/prompt"]]
for (const [label, bytes] of [["100 B", 100], ["1 KiB", 1024], ["10 KiB", 10240]] as const) {
  const texts = prompts(bytes)
  for (const t of texts) states.set(t, stateFor(t))
  let baseline = 0
  for (const stage of stages) {
    const m = measure(stage, texts)
    if (baseline === 0) baseline = m.median
    lines.push([label, stage.name, m.perSecond.toFixed(0), fmt(m.median), fmt(m.p99), `${(m.median / baseline).toFixed(1)}×`, fmt(m.cpuMean)])
  }
  for (const [name, times] of inSequence) {
    // The warm-up pass is left out, as in measure.
    const kept = times.splice(0).slice(texts.length).sort((a, b) => a - b)
    if (kept.length === 0) continue
    const median = kept[kept.length >> 1]!
    lines.push([label, `  ${name} within the whole`, "", fmt(median), fmt(kept[Math.floor(kept.length * 0.99)]!), `${(median / baseline).toFixed(1)}×`, ""])
  }
}
const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
for (const l of lines) console.log(l.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  "))
for (const n of notes) console.log(`note: ${n}`)
console.log(`\n${rows.length} development prompts, 200 per size, ${rounds} rounds, node ${process.version}, one thread on ${cpus().length} cores (load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}: other processes share the CPU); rerun: pnpm bench:stages`)
