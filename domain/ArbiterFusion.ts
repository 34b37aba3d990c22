import type { FusionTerm, LogisticFusion } from "./Config.ts"

/**
 * Logistic fusion of branch scores. A weighted mean lets one quiet branch drag a confident one below the
 * threshold (heuristics 20, semantic 5, classifier 62 → 29 for a role-play jailbreak); a model fitted on
 * held-out scores learns which combinations mean an attack. Coefficients are non-negative and every term
 * grows with each score, so the fused score is monotone in every branch.
 */
export interface FusionInput {
  /** The score fusion uses (after caps, or the assumed score of a degraded branch), 0–100. */
  readonly score: number
  /** 1 for an answering branch, the degraded weight factor for a timed-out or failed one. */
  readonly factor: number
}

const combined = (term: FusionTerm, scores: ReadonlyArray<number>): number => {
  if (scores.length === 1) return scores[0]!
  return term.combine === "max" ? Math.max(...scores) : 100 * scores.reduce((p, s) => p * (s / 100), 1)
}

/** The term's value (0–1) and how much it counts; a term naming a branch that did not answer counts 0. */
export const termValue = (term: FusionTerm, inputs: ReadonlyMap<string, FusionInput>): { readonly value: number; readonly factor: number } => {
  const found = term.branches.map((b) => inputs.get(b))
  if (found.some((i) => i === undefined)) return { value: 0, factor: 0 }
  const present = found as ReadonlyArray<FusionInput>
  const c = combined(term, present.map((i) => i.score))
  const value = term.atLeast !== undefined ? (c >= term.atLeast ? 1 : 0) : (Math.min(100, Math.max(0, c)) / 100) ** (term.power ?? 1)
  return { value, factor: Math.min(...present.map((i) => i.factor)) }
}

export interface LogisticResult {
  /** 100 · sigmoid(logit). */
  readonly score: number
  readonly logit: number
  /** Each branch's part of the logit (a term shared by several branches is split evenly). */
  readonly parts: ReadonlyMap<string, number>
}

export const logisticScore = (fusion: LogisticFusion, inputs: ReadonlyMap<string, FusionInput>): LogisticResult => {
  let logit = fusion.bias
  const parts = new Map<string, number>()
  for (const term of fusion.terms) {
    const { value, factor } = termValue(term, inputs)
    const part = term.coefficient * value * factor
    logit += part
    for (const b of term.branches) parts.set(b, (parts.get(b) ?? 0) + part / term.branches.length)
  }
  const p = logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit))
  return { score: 100 * p, logit, parts }
}

export const namedBranches = (fusion: LogisticFusion): ReadonlySet<string> => new Set(fusion.terms.flatMap((t) => t.branches))
