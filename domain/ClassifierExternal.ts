/**
 * Reading an external classifier's answer. Services differ in shape, so the common ones are accepted:
 *   {"score": 0..100}                                   Vigil's own contract
 *   {"probability": 0..1} or {"malicious_probability": 0..1}
 *   [{"label": "INJECTION" | "MALICIOUS" | "JAILBREAK" | "LABEL_1" | "BENIGN" | …, "score": 0..1}, …]
 *                                                       a Hugging Face text-classification pipeline
 *                                                       (e.g. Llama Prompt Guard 2 behind a small server)
 *   {"scanners": {"PromptInjection": risk}}             LLM Guard's API (/analyze/prompt), risk −1..1
 * Anything else is an error with the reason, so a misconfigured URL shows up as a failed branch.
 */
export type ExternalScore = { readonly _tag: "Score"; readonly score: number } | { readonly _tag: "Invalid"; readonly reason: string }

const ATTACK_LABELS = /^(injection|malicious|jailbreak|unsafe|label_1|label_2|attack)$/i
const SAFE_LABELS = /^(benign|safe|label_0|legit|legitimate)$/i

const inUnit = (p: unknown): p is number => typeof p === "number" && Number.isFinite(p) && p >= 0 && p <= 1
const score = (s: number): ExternalScore => ({ _tag: "Score", score: Math.round(s * 100) / 100 })
const invalid = (reason: string): ExternalScore => ({ _tag: "Invalid", reason })

const fromLabels = (items: ReadonlyArray<unknown>): ExternalScore => {
  const labelled = items.flatMap((i) =>
    typeof i === "object" && i !== null && typeof (i as any).label === "string" && inUnit((i as any).score)
      ? [{ label: (i as any).label as string, score: (i as any).score as number }]
      : []
  )
  if (labelled.length === 0) return invalid("a list without {label, score} items")
  const attack = labelled.filter((l) => ATTACK_LABELS.test(l.label))
  if (attack.length > 0) return score(100 * Math.max(...attack.map((l) => l.score)))
  const safe = labelled.filter((l) => SAFE_LABELS.test(l.label))
  // Only the top label is returned by default: a confident "safe" means a small attack probability.
  if (safe.length > 0) return score(100 * (1 - Math.max(...safe.map((l) => l.score))))
  return invalid(`unknown labels ${labelled.map((l) => l.label).join(", ")}`)
}

export const readExternalScore = (body: unknown): ExternalScore => {
  if (Array.isArray(body)) return fromLabels(Array.isArray(body[0]) ? body[0] : body)
  if (typeof body !== "object" || body === null) return invalid("not a JSON object or list")
  const o = body as Record<string, unknown>
  if (typeof o["score"] === "number") {
    const s = o["score"]
    return Number.isFinite(s) && s >= 0 && s <= 100 ? score(s) : invalid(`score ${s} outside 0..100`)
  }
  for (const key of ["probability", "malicious_probability"]) {
    if (key in o) return inUnit(o[key]) ? score(100 * (o[key] as number)) : invalid(`${key} ${String(o[key])} outside 0..1`)
  }
  const scanners = o["scanners"]
  if (typeof scanners === "object" && scanners !== null && "PromptInjection" in scanners) {
    const risk = (scanners as Record<string, unknown>)["PromptInjection"]
    return typeof risk === "number" && Number.isFinite(risk) ? score(100 * Math.min(1, Math.max(0, risk))) : invalid("PromptInjection risk is not a number")
  }
  return invalid(`no score in the answer (keys: ${Object.keys(o).join(", ") || "none"})`)
}
