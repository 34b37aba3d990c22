/** The prompt mix: weights per kind, e.g. `benign=40,attack=30,pii=20,long=10`. */
export const PromptKinds = ["benign", "attack", "pii", "long"] as const
export type PromptKind = (typeof PromptKinds)[number]
export type Mix = Readonly<Record<PromptKind, number>>

export const defaultMix: Mix = { benign: 40, attack: 30, pii: 20, long: 10 }

export const parseMix = (spec: string): Mix | string => {
  const mix: Record<PromptKind, number> = { benign: 0, attack: 0, pii: 0, long: 0 }
  for (const part of spec.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const match = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(part)
    if (match === null) return `--mix: "${part}" is not kind=weight (kinds: ${PromptKinds.join(", ")})`
    const kind = match[1] as PromptKind
    if (!PromptKinds.includes(kind)) return `--mix: unknown kind "${match[1]}" (kinds: ${PromptKinds.join(", ")})`
    mix[kind] = Number(match[2])
  }
  if (PromptKinds.every((k) => mix[k] === 0)) return "--mix: at least one weight must be positive"
  return mix
}

export const formatMix = (mix: Mix): string => PromptKinds.map((k) => `${k}=${mix[k]}`).join(",")

/**
 * How many of `total` prompts each kind gets: proportional to the weights, rounded by largest remainder so
 * that the counts always add up to `total`.
 */
export const allocate = (mix: Mix, total: number): Record<PromptKind, number> => {
  const sum = PromptKinds.reduce((s, k) => s + mix[k], 0)
  const exact = PromptKinds.map((k) => ({ k, x: (mix[k] / sum) * total }))
  const counts = Object.fromEntries(exact.map(({ k, x }) => [k, Math.floor(x)])) as Record<PromptKind, number>
  let left = total - PromptKinds.reduce((s, k) => s + counts[k], 0)
  for (const { k } of [...exact].sort((a, b) => (b.x % 1) - (a.x % 1))) {
    if (left-- <= 0) break
    counts[k]++
  }
  return counts
}
