/**
 * Branch A, one version against another in one process: `analyze` of two snapshots of domain/ (a commit's,
 * or the working tree's with WORK) on the bench's prompts, interleaved prompt by prompt and alternating
 * which goes first, so both see the same machine load. On a shared 2-core machine `pnpm bench:stages`
 * moves by ±15 % between runs; this moves by about ±3 %.
 *
 * The snapshot imported first runs a few per cent slower whatever it holds: run both orders and take the
 * geometric mean of the two ratios (an added 20 µs spin, 8 %, read 1.012 one way and 1.14 the other: 1.074).
 *
 *   pnpm exec node scripts/heuristics-ab.ts <commit|WORK> <commit|WORK> [--size 1024] [--rounds 20]
 */
import { execFileSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback)
const [a, b] = args.filter((x, i) => !x.startsWith("--") && !args[i - 1]?.startsWith("--"))
if (a === undefined || b === undefined) throw new Error("usage: heuristics-ab.ts <commit|WORK> <commit|WORK> [--size 1024] [--rounds 20]")
const size = Number(opt("--size", "1024"))
const rounds = Number(opt("--rounds", "20"))
const root = new URL("../", import.meta.url).pathname

// domain/ and the default library of a version, beside a link to this checkout's node_modules.
const snapshot = (version: string): string => {
  const dir = mkdtempSync(`${tmpdir()}/heuristics-ab-`)
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(`${dir}/infra/patterns`, { recursive: true })
  if (version === "WORK") cpSync(`${root}domain`, `${dir}/domain`, { recursive: true })
  else execFileSync("sh", ["-c", `git -C '${root}' archive '${version}' domain | tar -x -C '${dir}'`])
  const library = version === "WORK" ? readFileSync(`${root}infra/patterns/default.json`) : execFileSync("git", ["-C", root, "show", `${version}:infra/patterns/default.json`])
  cpSync(`${root}package.json`, `${dir}/package.json`)
  execFileSync("sh", ["-c", `cat > '${dir}/infra/patterns/default.json'`], { input: library })
  symlinkSync(`${root}node_modules`, `${dir}/node_modules`)
  return dir
}
const load = async (version: string) => (await import(`${snapshot(version)}/domain/Heuristics.ts`)).analyze as (t: string) => unknown
const A = await load(a)
const B = await load(b)

const data = opt("--data", process.env["VIGIL_DATA"] ?? `${root}../shared/data`)
const rows = ["dev-attacks.jsonl", "dev-benign.jsonl"].flatMap((f) =>
  readFileSync(`${data}/${f}`, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l).text as string))
// The same prompts as `pnpm bench:stages`.
const pick = (i: number) => rows[(i * 7919) % rows.length]!
const prompts = Array.from({ length: 200 }, (_, i) => {
  let t = ""
  for (let j = 0; Buffer.byteLength(t) < size; j++) t += (t === "" ? "" : "\n") + pick(i * 31 + j)
  return Buffer.from(t).subarray(0, size).toString("utf8").replace(/\uFFFD$/, "")
})
for (let r = 0; r < 3; r++) for (const t of prompts) { A(t); B(t) }
const ta: Array<number> = [], tb: Array<number> = []
const time = (f: (t: string) => unknown, t: string, into: Array<number>) => {
  const t0 = performance.now()
  f(t)
  into.push(performance.now() - t0)
}
for (let r = 0; r < rounds; r++) {
  for (const t of prompts) {
    if (r % 2 === 0) { time(A, t, ta); time(B, t, tb) }
    else { time(B, t, tb); time(A, t, ta) }
  }
}
const median = (x: Array<number>) => [...x].sort((p, q) => p - q)[x.length >> 1]!
// Per prompt the fastest of its rounds (a preempted call only ever reads slower), averaged over prompts.
const fastest = (x: Array<number>) => prompts.reduce((s, _, i) => s + Math.min(...Array.from({ length: rounds }, (_, r) => x[r * prompts.length + i]!)), 0) / prompts.length
const ms = (x: number) => x.toFixed(4)
console.log(`${size} B, ${rounds} rounds; ms per prompt: median ${a} ${ms(median(ta))} ${b} ${ms(median(tb))} (${b}/${a} ${(median(tb) / median(ta)).toFixed(3)}); mean of fastest ${ms(fastest(ta))} / ${ms(fastest(tb))} (${(fastest(tb) / fastest(ta)).toFixed(3)})`)
