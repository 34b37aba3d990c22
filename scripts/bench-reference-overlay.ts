/**
 * How long a detection worker is busy applying a reference set (docs/operations.md): the shipped index with
 * 1, 100 and N harmless development rows laid over it, then the first query.
 *
 *   node scripts/bench-reference-overlay.ts [N=5000] [--data ../shared/data]
 */
import { readFileSync } from "node:fs"
import { semanticScore } from "../domain/Semantic.ts"
import { withReferences } from "../domain/SemanticOverlay.ts"
import { decodeSemantic } from "../src/ModelArtifacts.ts"

const args = process.argv.slice(2)
const data = args.includes("--data") ? args[args.indexOf("--data") + 1]! : "../shared/data"
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000)
const base = decodeSemantic(readFileSync(new URL("../infra/models/semantic.json.gz", import.meta.url)))
semanticScore(base, "warm up")
const rows = readFileSync(`${data}/dev-benign.jsonl`, "utf8").split("\n").filter((l) => l !== "").slice(0, n)
  .map((l, i) => ({ id: `r${i}`, label: "safe" as const, text: (JSON.parse(l).text as string).slice(0, 32_768) }))
for (const size of [1, 100, rows.length]) {
  const started = performance.now()
  const index = withReferences(base, rows.slice(0, size))
  const built = performance.now()
  semanticScore(index, "first query")
  console.log(`${String(size).padStart(5)} rows: overlay ${(built - started).toFixed(0)} ms, first query ${(performance.now() - built).toFixed(1)} ms`)
}
