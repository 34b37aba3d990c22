import type { GuardConfig } from "./Config.ts"
import { type BranchResult, type Decision, DecisionMade } from "./Events.ts"
import type { RequestState } from "./State.ts"

/**
 * Fusion and thresholds. Decisions:
 * - The fused score is rounded to 2 decimals before the thresholds are applied, so float noise in the
 *   renormalisation (70 × 0.462 + 70 × 0.538 = 69.99999…) cannot flip a decision at an edge, and the
 *   reported threatScore is exactly the number that was compared.
 * - "No branch answered" means no consulted branch is `ok` with a weight above 0: a zero-weight branch is
 *   advisory, and letting it alone decide would fail open.
 * - sanitizedText is present exactly when the decision is SANITIZE: the PII stage's redacted text, or the
 *   original text when the PII stage did not run. A SANITIZE from the score alone does not rewrite the
 *   prompt (no safe rewrite of an injection exists); it tells the caller to treat the text as untrusted.
 */

const SEVERITY: Readonly<Record<Decision, number>> = { ALLOW: 0, SANITIZE: 1, BLOCK: 2 }
export const severity = (d: Decision): number => SEVERITY[d]

const round2 = (n: number): number => Math.round(n * 100) / 100
const clampScore = (n: number): number => Math.min(100, Math.max(0, n))
const fmt = (n: number): string => String(round2(n))

interface Consulted {
  readonly branch: BranchResult
  readonly skippedByMode: boolean
  readonly weight: number
}

export const decide = (state: RequestState, config: GuardConfig, at: number): DecisionMade => {
  const mode = config.modes[state.request.mode]
  const { block, sanitize } = config.thresholds
  const consulted: Array<Consulted> = (state.detection?.branches ?? []).map((branch) => {
    const skippedByMode = mode.skip.includes(branch.name)
    const raw = mode.weights[branch.name] ?? branch.weight ?? 0
    return { branch, skippedByMode, weight: !skippedByMode && branch.status === "ok" && raw > 0 ? raw : 0 }
  })
  const ok = consulted.filter((c) => !c.skippedByMode && c.branch.status === "ok")
  const totalWeight = consulted.reduce((sum, c) => sum + c.weight, 0)
  const rules: Array<string> = consulted
    .filter((c) => !c.skippedByMode && (c.branch.status === "timeout" || c.branch.status === "failed"))
    .map((c) => `degraded_branch:${c.branch.name}:${c.branch.status}`)

  let fused: number
  if (totalWeight <= 0) {
    fused = 100
    rules.push("fail_secure_no_branch")
  } else {
    fused = round2(clampScore(consulted.reduce((sum, c) => sum + c.weight * c.branch.score, 0) / totalWeight))
    const certain = Math.max(-Infinity, ...ok.filter((c) => c.branch.score >= config.certainScore).map((c) => c.branch.score))
    if (certain > fused) {
      fused = round2(certain)
      rules.push("certain_branch")
    }
  }

  const byScore: Decision = fused >= block ? "BLOCK" : fused >= sanitize ? "SANITIZE" : "ALLOW"
  const entities = state.pii?.entities ?? []
  let decision = byScore
  if (decision === "ALLOW" && entities.length > 0) {
    decision = "SANITIZE"
    rules.push("pii_in_allowed_prompt")
  }

  const branches = consulted.map((c) => {
    const share = totalWeight > 0 ? c.weight / totalWeight : 0
    return {
      name: c.branch.name,
      status: c.skippedByMode ? "skipped" as const : c.branch.status,
      // A branch the mode skips was never consulted: its result is not reported, so it cannot matter.
      score: c.skippedByMode ? 0 : c.branch.score,
      weight: share,
      contribution: share * (c.skippedByMode ? 0 : c.branch.score)
    }
  })
  const parts = branches
    .filter((b) => b.status !== "skipped" && b.status !== "not_configured")
    .map((b) => (b.status === "ok" ? `${b.name} ${fmt(b.score)}×${b.weight.toFixed(2)}` : `${b.name} ${b.status}`))
  const comparison = fused >= block ? `≥ ${block}` : fused >= sanitize ? `≥ ${sanitize}` : `< ${sanitize}`
  const summary = `${decision}: fused ${fmt(fused)} ${comparison} (${parts.join(", ") || "no branch"}); rules: ${rules.join(", ") || "none"}`

  return new DecisionMade({
    at,
    decision,
    threatScore: fused,
    categories: Array.from(new Set(ok.flatMap((c) => c.branch.categories))).sort(),
    piiDetected: entities.length > 0,
    piiTypes: Array.from(new Set(entities.map((e) => e.type))).sort(),
    ...(decision === "SANITIZE" ? { sanitizedText: state.pii?.sanitizedText ?? state.request.text } : {}),
    process: {
      mode: state.request.mode,
      configVersion: config.version,
      branches,
      fusedScore: fused,
      rules,
      thresholds: { block, sanitize },
      piiSkipped: state.pii === undefined,
      summary
    }
  })
}
