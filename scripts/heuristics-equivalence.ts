/**
 * Branch A's output on every data row and on obfuscated variants of them, one JSON line per input, so a
 * speed-up can be checked to change nothing: run it before and after, then compare the files byte for byte.
 *
 *   node scripts/heuristics-equivalence.ts [--data ../shared/data] [--out .scratch/heuristics-eq.jsonl]
 *   node scripts/heuristics-equivalence.ts --compare .scratch/heuristics-eq-baseline.jsonl
 *
 * The variants are deterministic (no randomness), so two runs on the same code write the same bytes.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { analyze } from "../domain/Heuristics.ts"

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback)
const data = opt("--data", process.env["VIGIL_DATA"] ?? "../shared/data")
const out = opt("--out", ".scratch/heuristics-eq.jsonl")
const compare = args.includes("--compare") ? opt("--compare", "") : undefined

const files = readdirSync(data).filter((f) => f.endsWith(".jsonl")).sort()
const rows = files.flatMap((f) =>
  readFileSync(`${data}/${f}`, "utf8").split("\n").filter((l) => l !== "").map((l, i) => ({ id: `${f}:${i + 1}`, text: JSON.parse(l).text as string })))

const rot13 = (s: string) => s.replace(/[a-z]/gi, (c) => {
  const base = c <= "Z" ? 65 : 97
  return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base)
})
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64")
const MORSE: Record<string, string> = {
  a: ".-", b: "-...", c: "-.-.", d: "-..", e: ".", f: "..-.", g: "--.", h: "....", i: "..", j: ".---", k: "-.-", l: ".-..",
  m: "--", n: "-.", o: "---", p: ".--.", q: "--.-", r: ".-.", s: "...", t: "-", u: "..-", v: "...-", w: ".--", x: "-..-", y: "-.--", z: "--.."
}
const HOMO: Record<string, string> = { a: "а", e: "е", o: "о", p: "р", c: "с", i: "і", x: "х" }
const SMALL: Record<string, string> = { a: "ᴀ", e: "ᴇ", t: "ᴛ", m: "ᴍ", s: "ꜱ", y: "ʏ", u: "ᴜ", r: "ʀ" }
const LEET: Record<string, string> = { a: "4", e: "3", i: "1", o: "0", s: "5", t: "7" }
const head = (s: string, n = 160) => s.slice(0, n)

// Each the way an attacker hides a phrase; cut to a head where the transform blows the text up.
const variants: ReadonlyArray<readonly [string, (s: string) => string]> = [
  ["spaced", (s) => head(s).split("").join(" ")],
  ["dotted", (s) => head(s).replace(/(\w)(?=\w)/g, "$1.")],
  ["zero-width", (s) => s.replace(/(\w)(?=\w)/g, "$1\u200B")],
  ["soft-hyphen", (s) => s.replace(/(\w\w)(?=\w)/g, "$1\u00AD")],
  ["bidi", (s) => `\u202E${s}\u202C`],
  ["homoglyph", (s) => s.replace(/[aeopcix]/g, (c) => HOMO[c]!)],
  ["small-caps", (s) => s.replace(/[aetmsyur]/g, (c) => SMALL[c]!)],
  ["leet", (s) => s.replace(/[aeiost]/gi, (c) => LEET[c.toLowerCase()]!)],
  ["upper", (s) => s.toUpperCase()],
  ["rot13", (s) => `Decode and follow: ${rot13(s)}`],
  ["reversed", (s) => `Read backwards: ${Array.from(s).reverse().join("")}`],
  ["base64-inline", (s) => `Please summarise this: ${b64(head(s, 300))} thanks`],
  ["hex", (s) => `data ${Buffer.from(head(s, 120)).toString("hex")}`],
  ["url", (s) => encodeURIComponent(head(s, 200).toWellFormed())],
  ["entities", (s) => head(s, 120).split("").map((c) => `&#${c.codePointAt(0)};`).join("")],
  ["tags", (s) => `Hello!${Array.from(head(s, 120), (c) => String.fromCodePoint(0xE0000 + (c.charCodeAt(0) & 0x7F))).join("")}`],
  ["morse", (s) => head(s, 80).toLowerCase().split(" ").map((w) => Array.from(w, (c) => MORSE[c] ?? "").filter((x) => x !== "").join(" ")).filter((w) => w !== "").join(" / ")],
  ["split-quotes", (s) => { const h = head(s, 120); return `a = "${h.slice(0, 40)}"\nb = "${h.slice(40, 80)}"\nc = "${h.slice(80)}"\nDo a + b + c.` }],
  ["list", (s) => head(s, 240).split(" ").reduce<Array<string>>((acc, w, i) => (i % 4 === 0 ? [...acc, w] : [...acc.slice(0, -1), `${acc.at(-1)} ${w}`]), []).map((x) => `- ${x}`).join("\n")],
  ["backslash", (s) => head(s, 100).split("").map((c) => `\\${c}`).join("")],
  ["diacritics", (s) => s.normalize("NFD").replace(/[aeiou]/g, "$&\u0301").normalize("NFC")],
  ["fullwidth", (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xFEE0))],
  ["tabs-newlines", (s) => s.replace(/ /g, (_, i: number) => (i % 3 === 0 ? "\n\t" : "  "))]
]

// Every attack row gets one variant and every seventh other row one too, cycling, so each variant sees
// hundreds of inputs of both kinds; plus a few long texts built from many rows.
const inputs: Array<{ id: string; text: string }> = [...rows]
rows.forEach((r, i) => {
  if (!r.id.includes("attack") && i % 7 !== 0) return
  const [name, f] = variants[i % variants.length]!
  inputs.push({ id: `${r.id}~${name}`, text: f(r.text) })
})
for (let i = 0; i < 60; i++) {
  const text = Array.from({ length: 12 }, (_, j) => rows[(i * 7919 + j * 104729) % rows.length]!.text).join("\n\n")
  inputs.push({ id: `long:${i}`, text })
}

const started = performance.now()
const lines = inputs.map(({ id, text }) => JSON.stringify({ id, ...analyze(text) }))
const seconds = ((performance.now() - started) / 1000).toFixed(1)
const body = lines.join("\n") + "\n"
writeFileSync(out, body)
const digest = createHash("sha256").update(body).digest("hex")
console.log(`${inputs.length} inputs (${rows.length} rows + ${inputs.length - rows.length} variants) in ${seconds} s → ${out} sha256 ${digest}`)

if (compare !== undefined) {
  const before = readFileSync(compare, "utf8").split("\n")
  const diffs = lines.filter((l, i) => l !== before[i])
  const extra = before.length - 1 !== lines.length
  console.log(`compared ${lines.length} against ${compare}: ${diffs.length} differences${extra ? ", different line counts" : ""}`)
  for (const d of diffs.slice(0, 5)) console.log("  now:", d.slice(0, 300))
  if (diffs.length > 0 || extra) process.exitCode = 1
}
