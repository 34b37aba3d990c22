/**
 * Where a V8 CPU profile (from `pnpm bench --profile`) spent its time: self time by function and by
 * file/package, heaviest first, idle time left out. Skip the start-up (module loading, artifacts) with
 * skip-ms. With INCLUSIVE=name1,name2 it also prints the time spent under those functions (callees included).
 *   node bench/profile-summary.ts bench-results/profiles/arbiter-1.cpuprofile [top] [skip-ms]
 */
import { readFileSync } from "node:fs"

interface Node {
  readonly id: number
  readonly children?: ReadonlyArray<number>
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
}
interface Profile {
  readonly nodes: ReadonlyArray<Node>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const file = process.argv[2]
const top = Number(process.argv[3] ?? 25)
const skipUs = Number(process.argv[4] ?? 0) * 1000
if (file === undefined) {
  console.error("usage: node bench/profile-summary.ts <file.cpuprofile> [top]")
  process.exit(2)
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const selfUs = new Map<number, number>()
let clock = 0
profile.samples.forEach((id, i) => {
  clock += profile.timeDeltas[i] ?? 0
  if (clock < skipUs || byId.get(id)?.callFrame.functionName === "(idle)") return
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
})

const where = (url: string) => {
  const pkg = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url)
  if (pkg) return `${pkg[1]}/${pkg[2]!.split("/").slice(-2).join("/")}`
  return url.replace(/^file:\/\/\/work\/main\//, "") || "(native)"
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0)
const tally = (key: (n: Node) => string) => {
  const m = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const k = key(byId.get(id)!)
    m.set(k, (m.get(k) ?? 0) + us)
  }
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
}
const show = (title: string, rows: Array<[string, number]>) => {
  console.log(`\n${title}`)
  for (const [k, us] of rows) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
}
console.log(`${file}: ${(total / 1000).toFixed(0)} ms busy after the first ${skipUs / 1000} ms`)
show("self time by file", tally((n) => where(n.callFrame.url)))
show("self time by function", tally((n) => `${n.callFrame.functionName || "(anonymous)"}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`))

const inclusive = (process.env["INCLUSIVE"] ?? "").split(",").filter((x) => x !== "")
if (inclusive.length > 0) {
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  console.log("\ninclusive time")
  for (const name of inclusive) {
    let us = 0
    for (const [id, t] of selfUs) {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (byId.get(at)?.callFrame.functionName === name) {
          us += t
          break
        }
      }
    }
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
  }
}
