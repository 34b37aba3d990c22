/**
 * `pnpm train`: fits branch C and builds branch B's reference index from every row in the data folder,
 * and writes them to infra/models/. Deterministic: sorted rows, fixed seeds, no clock in the result.
 */
import { createHash } from "node:crypto"
import { mkdirSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { fitClassifier } from "../domain/ClassifierFit.ts"
import { classifierSpec, classifierTrainOptions } from "../domain/ClassifierSpec.ts"
import { buildSemantic, defaultBuildOptions } from "../domain/SemanticBuild.ts"
import { encodeClassifier, encodeSemantic } from "../src/ModelArtifacts.ts"
import { dataDir, loadRows } from "./trainData.ts"

const outDir = resolve(process.env["VIGIL_MODELS_DIR"] ?? "infra/models")

const main = () => {
  const rows = loadRows()
  const counts = { rows: rows.length, attacks: rows.filter((r) => r.y === 1).length, sources: new Set(rows.map((r) => r.source)).size }
  console.log(`data ${dataDir()}: ${counts.rows} rows, ${counts.attacks} attacks, ${counts.sources} sources`)
  const meta = { data: [...new Set(rows.map((r) => r.file))].sort(), ...counts }

  let started = performance.now()
  const model = fitClassifier(rows, classifierSpec, classifierTrainOptions)
  const classifier = encodeClassifier(model, { ...meta, options: classifierTrainOptions })
  console.log(`classifier: ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${classifierTrainOptions.seed}`)

  started = performance.now()
  const docs = rows.map((r) => ({ text: r.text, label: r.y, category: r.category, source: r.source }))
  const index = buildSemantic(docs, defaultBuildOptions)
  const { spec: _spec, ...buildOptions } = defaultBuildOptions
  const semantic = encodeSemantic(index, { ...meta, options: buildOptions })
  console.log(`semantic: ${((performance.now() - started) / 1000).toFixed(1)} s, calibration ${index.calibration.map((c) => c.toFixed(3)).join(" ")}`)

  mkdirSync(outDir, { recursive: true })
  for (const [name, bytes] of [["classifier.json.gz", classifier], ["semantic.json.gz", semantic]] as const) {
    writeFileSync(join(outDir, name), bytes)
    const sha = createHash("sha256").update(bytes).digest("hex").slice(0, 16)
    console.log(`wrote ${join(outDir, name)} (${(bytes.length / 1024).toFixed(0)} KiB, sha256 ${sha})`)
  }
}

try {
  main()
} catch (e) {
  console.error(`pnpm train: ${(e as Error).message}`)
  process.exit(1)
}
