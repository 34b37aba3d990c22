import { type FusionInput, logisticScore, type LogisticResult, namedBranches } from "./ArbiterFusion.ts"
import type { GuardConfig, ModePolicy } from "./Config.ts"
import { type BranchResult, type Decision, DecisionMade } from "./Events.ts"
import type { RequestState } from "./State.ts"

/**
 * Fusion, override policies and thresholds. Decisions:
 * - The fused score is rounded to 2 decimals before the thresholds are applied, so float noise in the
 *   renormalisation (70 × 0.462 + 70 × 0.538 = 69.99999…) cannot flip a decision at an edge, and the
 *   reported threatScore is exactly the number that was compared.
 * - "No branch answered" means no consulted branch is `ok` with a weight above 0: a zero-weight branch is
 *   advisory, and a degraded one only assumed, so letting either alone decide would fail open.
 * - Every rule is monotone in every branch score (a cap lifts when support rises, a floor and a boost only
 *   add), so a more suspicious branch can never make the decision milder.
 * - sanitizedText is present exactly when the decision is SANITIZE: the PII stage's redacted text, or the
 *   original text when the PII stage did not run. A SANITIZE from the score alone does not rewrite the
 *   prompt (no safe rewrite of an injection exists); it tells the caller to treat the text as untrusted.
 */

const SEVERITY: Readonly<Record<Decision, number>> = { ALLOW: 0, SANITIZE: 1, BLOCK: 2 }
export const severity = (d: Decision): number => SEVERITY[d]

const round2 = (n: number): number => Math.round(n * 100) / 100
const clampScore = (n: number): number => Math.min(100, Math.max(0, n))
const fmt = (n: number): string => String(round2(n))
// Branch names come from user code: one called "toString" must not find Object.prototype's.
const own = <A>(record: Readonly<Record<string, A>> | undefined, key: string): A | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined

interface Consulted {
  readonly branch: BranchResult
  readonly skipped: boolean
  readonly ok: boolean
  readonly degraded: boolean
  readonly weight: number
  /** The score fusion uses: the branch's own, capped without support, or assumed when degraded. */
  readonly score: number
}

const consult = (state: RequestState, config: GuardConfig, rules: Array<string>): Array<Consulted> => {
  const mode = config.modes[state.request.mode]
  const { unsupported, degraded } = config.policies
  const branches = state.detection?.branches ?? []
  const okScore = (name: string) =>
    branches.find((b) => b.name === name && b.status === "ok" && !mode.skip.includes(name))?.score ?? 0
  const consulted = branches.map((branch) => {
    const skipped = mode.skip.includes(branch.name)
    const raw = own(mode.weights, branch.name) ?? branch.weight ?? 0
    const ok = !skipped && branch.status === "ok"
    const isDegraded = !skipped && (branch.status === "timeout" || branch.status === "failed")
    if (isDegraded) rules.push(`degraded_branch:${branch.name}:${branch.status}`)
    let score = isDegraded ? degraded.assumedScore : branch.score
    for (const p of unsupported) {
      if (!ok || p.branch !== branch.name || score <= p.cap) continue
      if (p.supporters.some((s) => okScore(s) >= p.supportScore)) continue
      score = p.cap
      rules.push(`unsupported_capped:${branch.name}:${fmt(p.cap)}`)
    }
    const weight = raw <= 0 ? 0 : ok ? raw : isDegraded ? raw * degraded.weightFactor : 0
    return { branch, skipped, ok, degraded: isDegraded, weight, score }
  })
  // Weights are relative: scaled down when a weighted sum of scores (up to 100 each) could overflow (a user
  // branch may declare any finite weight), which leaves the shares as they were, to the last bit or so.
  const total = consulted.reduce((sum, c) => sum + c.weight, 0)
  if (Number.isFinite(total * 100)) return consulted
  const largest = consulted.reduce((m, c) => Math.max(m, c.weight), 0)
  return consulted.map((c) => ({ ...c, weight: c.weight / largest }))
}

/** The scores fusion sees for the branches that answered: after the caps, as `decide` uses them (for fitting). */
export const answeredScores = (state: RequestState, config: GuardConfig): ReadonlyMap<string, number> =>
  new Map(consult(state, config, []).filter((c) => c.ok).map((c) => [c.branch.name, c.score]))

const logistic = (consulted: ReadonlyArray<Consulted>, mode: ModePolicy, config: GuardConfig): LogisticResult | undefined => {
  if (mode.fusion === undefined) return undefined
  const inputs = new Map<string, FusionInput>()
  for (const c of consulted) {
    if (c.ok) inputs.set(c.branch.name, { score: c.score, factor: 1 })
    else if (c.degraded) inputs.set(c.branch.name, { score: c.score, factor: config.policies.degraded.weightFactor })
  }
  return logisticScore(mode.fusion, inputs)
}

/** The weighted mean, with the logistic model (when the mode has one) standing in for the branches it names. */
const mean = (consulted: ReadonlyArray<Consulted>, mode: ModePolicy, model: LogisticResult | undefined): number => {
  const named = mode.fusion === undefined ? new Set<string>() : namedBranches(mode.fusion)
  const modelWeight = consulted.filter((c) => named.has(c.branch.name)).reduce((sum, c) => sum + c.weight, 0)
  let weight = model === undefined ? 0 : modelWeight
  let sum = model === undefined ? 0 : modelWeight * model.score
  for (const c of consulted) {
    if (model !== undefined && named.has(c.branch.name)) continue
    weight += c.weight
    sum += c.weight * c.score
  }
  return sum / weight
}

const fuse = (consulted: ReadonlyArray<Consulted>, config: GuardConfig, mode: ModePolicy, model: LogisticResult | undefined, rules: Array<string>): number => {
  const answered = consulted.filter((c) => c.ok && c.weight > 0)
  let fused = round2(clampScore(mean(consulted, mode, model)))
  const certainAt = (name: string) => own(config.policies.certainByBranch, name) ?? config.certainScore
  const certain = consulted.filter((c) => c.ok && c.score >= certainAt(c.branch.name))
  // "One branch certain → block": a certain score below the block threshold still blocks.
  const floor = Math.max(-Infinity, ...certain.map((c) => Math.max(c.score, config.thresholds.block)))
  if (floor > fused) {
    fused = round2(floor)
    rules.push(`certain_branch:${certain.reduce((a, b) => (b.score > a.score ? b : a)).branch.name}`)
  }
  const { minBranches, score, boost } = config.policies.corroboration
  if (boost > 0 && answered.filter((c) => c.score >= score).length >= minBranches) {
    fused = round2(clampScore(fused + boost))
    rules.push("corroboration")
  }
  const support = config.policies.blockSupport
  const below = Math.max(0, round2(config.thresholds.block - 0.01))
  if (support !== undefined && certain.length === 0 && fused > below &&
    !consulted.some((c) => c.ok && support.supporters.includes(c.branch.name) && c.score >= support.score)) {
    fused = below
    rules.push(`block_unsupported:${support.supporters.join("+")}:${fmt(support.score)}`)
  }
  return fused
}

const ALL_DOWN_SCORE = (decision: Decision, config: GuardConfig): number =>
  decision === "BLOCK" ? 100 : decision === "SANITIZE" ? config.thresholds.sanitize : 0

export const decide = (state: RequestState, config: GuardConfig, at: number): DecisionMade => {
  const { block, sanitize } = config.thresholds
  const rules: Array<string> = []
  const consulted = consult(state, config, rules)
  const allDown = !consulted.some((c) => c.ok && c.weight > 0)
  if (allDown) rules.push("fail_secure_no_branch")
  const mode = config.modes[state.request.mode]
  const model = allDown ? undefined : logistic(consulted, mode, config)
  const fused = allDown ? ALL_DOWN_SCORE(config.policies.allDown, config) : fuse(consulted, config, mode, model, rules)

  const byScore: Decision = allDown ? config.policies.allDown : fused >= block ? "BLOCK" : fused >= sanitize ? "SANITIZE" : "ALLOW"
  const entities = state.pii?.entities ?? []
  let decision = byScore
  if (decision === "ALLOW" && entities.length > 0) {
    decision = "SANITIZE"
    rules.push("pii_in_allowed_prompt")
  }

  const totalWeight = consulted.reduce((sum, c) => sum + c.weight, 0)
  const branches = consulted.map((c) => {
    const share = totalWeight > 0 && !allDown ? c.weight / totalWeight : 0
    return {
      name: c.branch.name,
      status: c.skipped ? "skipped" as const : c.branch.status,
      // A branch the mode skips was never consulted: its result is not reported, so it cannot matter.
      score: c.skipped ? 0 : c.branch.score,
      weight: share,
      // Under logistic fusion: the branch's part of the logit; otherwise its share of the weighted mean.
      contribution: model?.parts.get(c.branch.name) ?? share * c.score
    }
  })
  const parts = consulted.flatMap((c, i) => {
    if (c.skipped || c.branch.status === "not_configured") return []
    if (!c.ok) return [`${c.branch.name} ${c.branch.status}`]
    const shown = c.score === c.branch.score ? fmt(c.score) : `${fmt(c.branch.score)}→${fmt(c.score)}`
    const part = model?.parts.get(c.branch.name)
    return [part === undefined ? `${c.branch.name} ${shown}×${branches[i]!.weight.toFixed(2)}` : `${c.branch.name} ${shown} ${part >= 0 ? "+" : ""}${part.toFixed(2)}`]
  })
  const how = model === undefined ? "" : `logistic, logit ${model.logit.toFixed(2)}: `
  const comparison = allDown ? "(all down)" : fused >= block ? `≥ ${block}` : fused >= sanitize ? `≥ ${sanitize}` : `< ${sanitize}`
  const summary = `${decision}: fused ${fmt(fused)} ${comparison} (${how}${parts.join(", ") || "no branch"}); rules: ${rules.join(", ") || "none"}`

  return new DecisionMade({
    at,
    decision,
    threatScore: fused,
    categories: Array.from(new Set(consulted.filter((c) => c.ok).flatMap((c) => c.branch.categories))).sort(),
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
