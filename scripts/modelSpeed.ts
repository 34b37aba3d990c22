/**
 * A quick timing of branches B and C as shipped (infra/models/), per 1 KiB prompt, one core. The full
 * per-stage benchmark is `pnpm bench:stages`; this is the figure the LOSO report quotes.
 */
import { readFileSync } from "node:fs"
import { classify } from "../domain/Classifier.ts"
import { semanticScore } from "../domain/Semantic.ts"
import { decodeClassifier, decodeSemantic } from "../src/ModelArtifacts.ts"
import type { DataRow } from "./trainData.ts"

/** 1 KiB prompts cut from real rows, attacks and benign alternating. */
export const kibPrompts = (rows: ReadonlyArray<DataRow>, count = 400): Array<string> => {
  const out: Array<string> = []
  let buffer = ""
  for (let i = 0; out.length < count && i < rows.length; i++) {
    buffer += rows[(i * 7919) % rows.length]!.text + "\n"
    if (buffer.length >= 1024) {
      out.push(buffer.slice(0, 1024))
      buffer = ""
    }
  }
  return out
}

const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export const timeModels = (rows: ReadonlyArray<DataRow>, dir = "infra/models") => {
  const loadStart = performance.now()
  const index = decodeSemantic(readFileSync(`${dir}/semantic.json.gz`))
  const model = decodeClassifier(readFileSync(`${dir}/classifier.json.gz`))
  const loadMs = performance.now() - loadStart
  const prompts = kibPrompts(rows)
  // Wall-clock medians suffer when other processes share the cores; CPU time of this process does less.
  const time = (f: (t: string) => unknown) => {
    for (const p of prompts.slice(0, 50)) f(p)
    const cpu = process.cpuUsage()
    const wall = median(prompts.map((p) => {
      const t = performance.now()
      f(p)
      return performance.now() - t
    }))
    const used = process.cpuUsage(cpu)
    return { medianWallMs: wall, meanCpuMs: (used.user + used.system) / 1000 / prompts.length }
  }
  return {
    prompts: prompts.length,
    loadMs,
    // The same JSON round trip bench:stages uses as its baseline: how busy the machine was.
    baselineJsonPerKiB: time((p) => JSON.parse(JSON.stringify({ text: p }))),
    semanticPerKiB: time((p) => semanticScore(index, p)),
    classifierPerKiB: time((p) => classify(model, p))
  }
}
