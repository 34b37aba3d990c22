import type { PiiConfig } from "../PiiConfig.ts"
import { type Candidate, NOT_AFTER_WORD } from "./Types.ts"

/**
 * Findings of a type that needs corroboration (`config.corroborate`) are dropped when the prompt has none:
 * no other finding of a corroborating type and no corroborating word anywhere. Deny-list terms always
 * stand: the operator named them. Judged on the settled findings, so a corroborating finding is one
 * that is itself reported.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const cache = new WeakMap<PiiConfig, ReadonlyMap<string, { readonly types: ReadonlySet<string>; readonly words: RegExp | undefined }>>()

const compile = (config: PiiConfig) => {
  const hit = cache.get(config)
  if (hit !== undefined) return hit
  const compiled = new Map(Object.entries(config.corroborate ?? {}).map(([type, c]) => [type, {
    types: new Set(c.byTypes),
    words: c.byWords.length === 0 ? undefined : new RegExp(`${NOT_AFTER_WORD}(?:${c.byWords.map(escape).join("|")})`, "i")
  }] as const))
  cache.set(config, compiled)
  return compiled
}

/**
 * What to drop, or undefined when nothing is: a finding of a type whose rule the settled findings and the
 * text do not meet, unless it is one of the `denied` (deny-list terms).
 */
export const uncorroborated = (
  text: string,
  settled: ReadonlyArray<Candidate>,
  config: PiiConfig,
  denied: ReadonlySet<Candidate> = new Set()
): ((c: Candidate) => boolean) | undefined => {
  const rules = compile(config)
  if (rules.size === 0) return undefined
  const failing = new Set<string>()
  for (const [type, rule] of rules) {
    if (!settled.some((f) => f.type === type && !denied.has(f))) continue
    if (settled.some((f) => f.type !== type && rule.types.has(f.type)) || (rule.words?.test(text) ?? false)) continue
    failing.add(type)
  }
  return failing.size === 0 ? undefined : (c) => failing.has(c.type) && !denied.has(c)
}
