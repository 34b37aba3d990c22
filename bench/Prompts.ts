import { readFileSync } from "node:fs"
import { allocate, type Mix, type PromptKind, PromptKinds } from "./Mix.ts"

export interface Prompt {
  readonly kind: PromptKind
  readonly text: string
}

/** A small seeded generator, so that two runs with the same flags send the same prompts. */
export const rng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
type Rng = ReturnType<typeof rng>
const pick = <A>(r: Rng, xs: ReadonlyArray<A>): A => xs[Math.floor(r() * xs.length)]!
const digits = (r: Rng, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join("")

const readTexts = (file: string): Array<string> =>
  readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l, i) => {
    const row = JSON.parse(l) as { text?: unknown }
    if (typeof row.text !== "string") throw new Error(`${file}:${i + 1}: no text field`)
    return row.text
  })

const pesel = (r: Rng) => {
  const body = `${digits(r, 2)}${String(1 + Math.floor(r() * 12)).padStart(2, "0")}${String(1 + Math.floor(r() * 28)).padStart(2, "0")}${digits(r, 4)}`
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0)
  return body + String((10 - (sum % 10)) % 10)
}

const luhnCard = (r: Rng) => {
  const body = `4${digits(r, 14)}`
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return body + String((10 - (sum % 10)) % 10)
}

const polishIban = (r: Rng) => {
  const bban = digits(r, 24)
  const numeric = `${bban}252100` // "PL" as 25 21, then check digits 00
  let rem = 0
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97
  return `PL${String(98 - rem).padStart(2, "0")}${bban}`
}

const names = ["Anna Kowalska", "Jan Nowak", "Maria Wiśniewska", "John Smith", "Emily Clark", "Piotr Zieliński"]
const piiTemplates: ReadonlyArray<(r: Rng) => string> = [
  (r) => `Please update the record for ${pick(r, names)}, PESEL ${pesel(r)}, phone +48 ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)}.`,
  (r) => `My card ${luhnCard(r)} was charged twice; reply to ${pick(r, ["anna", "jan", "emily"])}.${digits(r, 3)}@example.com please.`,
  (r) => `Przelej 250 zł na konto ${polishIban(r)} i wyślij potwierdzenie na adres biuro${digits(r, 2)}@firma.pl.`,
  (r) => `Summarise this ticket from ${pick(r, names)} (email ${pick(r, ["a.k", "j.n", "e.c"])}@mail.example, IP 10.${digits(r, 1)}.${digits(r, 2)}.${digits(r, 2)}): the VPN drops every hour.`
]

/**
 * The prompts one run sends: benign and attack rows from the shared data (long rows excluded so that the
 * "long" kind alone carries the size), PII prompts built with valid checksums, and long documents of
 * 4–8 KiB stitched from benign rows with an attack or PII line inside some of them.
 */
export const loadPrompts = (dataDir: string, mix: Mix, total: number, seed = 6): Array<Prompt> => {
  const r = rng(seed)
  const benign = [...readTexts(`${dataDir}/dev-benign.jsonl`), ...readTexts(`${dataDir}/reference-safe.jsonl`)]
  const attacks = [...readTexts(`${dataDir}/dev-attacks.jsonl`), ...readTexts(`${dataDir}/reference-attacks.jsonl`)]
  const short = (xs: Array<string>) => xs.filter((t) => t.length <= 2000)
  const shortBenign = short(benign)
  const shortAttacks = short(attacks)
  const make: Record<PromptKind, () => string> = {
    benign: () => pick(r, shortBenign),
    attack: () => pick(r, shortAttacks),
    pii: () => pick(r, piiTemplates)(r),
    long: () => {
      const target = 4096 + Math.floor(r() * 4096)
      const parts: Array<string> = []
      let size = 0
      const inject = r()
      while (size < target) {
        const part = pick(r, benign)
        parts.push(part)
        size += part.length + 2
      }
      if (inject < 0.3) parts.splice(Math.floor(r() * parts.length), 0, pick(r, shortAttacks))
      else if (inject < 0.5) parts.splice(Math.floor(r() * parts.length), 0, pick(r, piiTemplates)(r))
      return parts.join("\n\n")
    }
  }
  const counts = allocate(mix, total)
  const prompts = PromptKinds.flatMap((kind) => Array.from({ length: counts[kind] }, () => ({ kind, text: make[kind]() })))
  for (let i = prompts.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[prompts[i], prompts[j]] = [prompts[j]!, prompts[i]!]
  }
  return prompts
}
