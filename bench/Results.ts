import type { LadderStep } from "./Ladder.ts"
import { gaps, ratio, sustainableRps } from "./Verdict.ts"

/** The targets of issue 6, on a 2-core machine. */
export const Bounds = { fast: 50, full: 100 } as const
export const Goals = { fast: 2500, full: 1500, ratio: 0.8 } as const

const r1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null)

/**
 * CPU time of everything but the generator (workers, api, nats-server) per answered request: unlike the
 * latencies, it hardly moves when other work shares the machine, so it compares runs on a busy machine.
 */
export const cpuMsPerRequest = (s: LadderStep): number | null => {
  const stack = s.processes.filter((p) => p.name !== "generator")
  if (s.ok === 0 || stack.some((p) => p.cpuMs === null)) return null
  return r2(stack.reduce((sum, p) => sum + p.cpuMs!, 0) / s.ok)
}
const r2 = (x: number) => Math.round(x * 100) / 100

export const stepJson = (s: LadderStep) => ({
  offered_rps: s.offeredRps,
  achieved_rps: s.achievedRps,
  sent: s.sent,
  ok: s.ok,
  errors: s.errors,
  timeouts: s.timeouts,
  p50_ms: r1(s.latency.p50),
  p90_ms: r1(s.latency.p90),
  p99_ms: r1(s.latency.p99),
  max_ms: r1(s.latency.max),
  mean_ms: r1(s.latency.mean),
  max_send_lag_ms: r1(s.maxSendLagMs),
  drain_ms: s.drainMs,
  purged: s.purged,
  cpu_ms_per_request: cpuMsPerRequest(s),
  others_cpu_percent: s.othersCpuPercent,
  error_kinds: s.errorKinds,
  by_kind: Object.fromEntries(Object.entries(s.byKind).map(([k, l]) => [k, { count: l.count, p50_ms: r1(l.p50), p99_ms: r1(l.p99), max_ms: r1(l.max) }])),
  decisions: s.decisions,
  processes: s.processes.map((p) => ({
    name: p.name,
    pid: p.pid,
    cpu_percent: p.cpuPercent,
    cpu_ms_per_request: p.cpuMs === null || s.ok === 0 ? null : r2(p.cpuMs / s.ok),
    max_rss_mib: p.maxRssMiB
  }))
})
export type StepJson = ReturnType<typeof stepJson>

export const ladderJson = (ladder: ReadonlyArray<LadderStep>, boundMs: number) => {
  const sustainable = sustainableRps(ladder, boundMs)
  const at = ladder.find((s) => s.offeredRps === sustainable)
  return {
    p99_bound_ms: boundMs,
    sustainable_rps: sustainable,
    p99_ms: at === undefined ? null : r1(at.latency.p99),
    /** Lower rates that missed the bound although this one held (noise from neighbours, usually). */
    failed_below: gaps(ladder, boundMs),
    /** The most answered per second in any step, whatever the latency: the ceiling. */
    peak_rps: ladder.reduce((best, s) => Math.max(best, s.achievedRps), 0),
    ladder: ladder.map(stepJson)
  }
}

/**
 * Baseline CPU per request ÷ the mode's, at the highest offered rate both kept up with (≥ 95 % answered):
 * the capacity ratio when everything is CPU-bound, which a busy machine distorts far less than latency.
 */
export const cpuRatio = (mode: ReadonlyArray<LadderStep>, baseline: ReadonlyArray<LadderStep>): number | null => {
  const keptUp = (s: LadderStep) => s.achievedRps >= 0.95 * s.offeredRps
  const common = mode.filter((m) => keptUp(m) && baseline.some((b) => b.offeredRps === m.offeredRps && keptUp(b)))
    .sort((a, b) => b.offeredRps - a.offeredRps)[0]
  const base = common && baseline.find((b) => b.offeredRps === common.offeredRps)
  const m = common && cpuMsPerRequest(common)
  const b = base && cpuMsPerRequest(base)
  return m && b ? Math.round((b / m) * 1000) / 1000 : null
}

export interface Ladders {
  readonly fast?: ReadonlyArray<LadderStep>
  readonly full?: ReadonlyArray<LadderStep>
  readonly baseline?: ReadonlyArray<LadderStep>
}

/** latest.json: what issue 6 asks for, plus the settings and every step's detail. */
export const resultsJson = (ladders: Ladders, extra: { machine: unknown; command: string; settings: unknown; startedAt: string }) => {
  const fast = ladders.fast && ladderJson(ladders.fast, Bounds.fast)
  const full = ladders.full && ladderJson(ladders.full, Bounds.full)
  const baseline = ladders.baseline && {
    ...ladderJson(ladders.baseline, Bounds.fast),
    sustainable_rps_p99_100ms: sustainableRps(ladders.baseline, Bounds.full)
  }
  const ratios = {
    fast: fast && baseline ? ratio(fast.sustainable_rps, baseline.sustainable_rps) : null,
    full: full && baseline ? ratio(full.sustainable_rps, baseline.sustainable_rps_p99_100ms) : null
  }
  return {
    started_at: extra.startedAt,
    command: extra.command,
    machine: extra.machine,
    settings: extra.settings,
    ...(fast ? { fast } : {}),
    ...(full ? { full } : {}),
    ...(baseline ? { baseline } : {}),
    /** Pipeline over baseline sustainable rate, each at its mode's p99 bound. */
    ratio: ratios,
    /** Pipeline over baseline peak answered rate: how close to the bare chain's ceiling, latency aside. */
    peak_ratio: {
      fast: fast && baseline ? ratio(fast.peak_rps, baseline.peak_rps) : null,
      full: full && baseline ? ratio(full.peak_rps, baseline.peak_rps) : null
    },
    /** Baseline over pipeline CPU per request at a rate both kept up with (see cpuRatio). */
    cpu_ratio: {
      fast: ladders.fast && ladders.baseline ? cpuRatio(ladders.fast, ladders.baseline) : null,
      full: ladders.full && ladders.baseline ? cpuRatio(ladders.full, ladders.baseline) : null
    },
    targets: {
      fast: { rps: Goals.fast, p99_ms: Bounds.fast, met: fast ? fast.sustainable_rps >= Goals.fast : null },
      full: { rps: Goals.full, p99_ms: Bounds.full, met: full ? full.sustainable_rps >= Goals.full : null },
      ratio: {
        min: Goals.ratio,
        met: ratios.fast === null && ratios.full === null ? null : [ratios.fast, ratios.full].every((x) => x === null || x >= Goals.ratio)
      }
    }
  }
}
export type Results = ReturnType<typeof resultsJson>

const cell = (x: number | null | undefined, w: number) => (x === null || x === undefined ? "-" : String(x)).padStart(w)

/** The printed summary: one row per ladder step, then the verdicts. */
export const summaryTable = (results: Results): string => {
  const lines = [
    `${"target".padEnd(9)}${"offered".padStart(8)}${"achieved".padStart(9)}${"p50".padStart(8)}${"p90".padStart(8)}${"p99".padStart(8)}${"max".padStart(8)}${"err".padStart(6)}${"t/o".padStart(6)}${"cpu-ms/req".padStart(11)}${"others%".padStart(8)}  cpu% per process`
  ]
  for (const name of ["fast", "full", "baseline"] as const) {
    const l = results[name]
    if (l === undefined) continue
    for (const s of l.ladder) {
      const cpu = s.processes.map((p) => `${p.name} ${p.cpu_percent ?? "-"}`).join(", ")
      lines.push(
        `${name.padEnd(9)}${cell(s.offered_rps, 8)}${cell(s.achieved_rps, 9)}${cell(s.p50_ms, 8)}${cell(s.p90_ms, 8)}${cell(s.p99_ms, 8)}${cell(s.max_ms, 8)}${cell(s.errors, 6)}${cell(s.timeouts, 6)}${cell(s.cpu_ms_per_request, 11)}${cell(s.others_cpu_percent, 8)}  ${cpu}`
      )
    }
  }
  lines.push("")
  const verdict = (name: "fast" | "full") => {
    const l = results[name]
    if (l === undefined) return
    const t = results.targets[name]
    lines.push(`${name}: sustainable ${l.sustainable_rps} req/s at p99 < ${l.p99_bound_ms} ms (p99 there ${l.p99_ms ?? "-"} ms); target ${t.rps} req/s: ${t.met ? "met" : "not met"}`)
  }
  verdict("fast")
  verdict("full")
  if (results.baseline) {
    lines.push(`baseline: sustainable ${results.baseline.sustainable_rps} req/s at p99 < 50 ms, ${results.baseline.sustainable_rps_p99_100ms} at < 100 ms`)
    lines.push(`ratio pipeline/baseline: fast ${results.ratio.fast ?? "-"}, full ${results.ratio.full ?? "-"} (target ≥ ${Goals.ratio})`)
    lines.push(`peak answered rate: fast ${results.fast?.peak_rps ?? "-"}, full ${results.full?.peak_rps ?? "-"}, baseline ${results.baseline.peak_rps} req/s; ratio fast ${results.peak_ratio.fast ?? "-"}, full ${results.peak_ratio.full ?? "-"}`)
    lines.push(`CPU per request, baseline/pipeline: fast ${results.cpu_ratio.fast ?? "-"}, full ${results.cpu_ratio.full ?? "-"}`)
  }
  return lines.join("\n")
}
