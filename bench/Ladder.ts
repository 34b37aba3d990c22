import type { Generator } from "./GeneratorProcess.ts"
import type { StepOutcome } from "./LoadClient.ts"
import { watch, type ProcUsage } from "./ProcStats.ts"
import { sleep } from "./Processes.ts"
import type { Stack } from "./Stack.ts"
import { overloaded } from "./Verdict.ts"

export interface LadderStep extends StepOutcome {
  readonly processes: ReadonlyArray<ProcUsage>
  readonly drainMs: number
  /** Backlog left by this step and purged rather than worked off (see Stack.drained). */
  readonly purged: number
  /** CPU used by processes outside the bench during the step, percent of one core. */
  readonly othersCpuPercent: number | null
}

export interface LadderOptions {
  readonly rates: ReadonlyArray<number>
  readonly durationMs: number
  readonly warmupMs: number
  readonly p99BoundMs: number
  readonly keepGoing: boolean
  readonly drainTimeoutMs: number
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-")

/**
 * One ladder: a warm-up (JIT, connections, consumers), then each rate for a fixed time. Between steps the
 * queues drain, so that a step's backlog is not charged to the next one. Past a clearly overloaded step the
 * ladder stops unless `keepGoing`: the higher rates would only queue.
 */
export const runLadder = async (
  label: string,
  stack: Stack,
  generator: Generator,
  bodySet: string,
  o: LadderOptions,
  shared: ReadonlyArray<{ readonly name: string; readonly pid: number }> = []
): Promise<Array<LadderStep>> => {
  const procs = [...stack.procs.map((p) => ({ name: p.name, pid: p.pid })), ...shared, { name: "generator", pid: generator.pid }]
  const guarded = <A>(p: Promise<A>) => Promise.race([p, stack.died])
  if (o.warmupMs > 0) {
    await guarded(generator.step({ ratePerSecond: Math.min(200, o.rates[0] ?? 200), durationMs: o.warmupMs }, bodySet))
    await guarded(stack.drained(o.drainTimeoutMs))
  }
  const steps: Array<LadderStep> = []
  for (const rate of o.rates) {
    const usage = watch(procs)
    const outcome = await guarded(generator.step({ ratePerSecond: rate, durationMs: o.durationMs }, bodySet))
    const { processes, othersCpuPercent } = usage.stop()
    const drainStarted = performance.now()
    const purged = await guarded(stack.drained(o.drainTimeoutMs))
    const drainMs = Math.round(performance.now() - drainStarted)
    steps.push({ ...outcome, processes, drainMs, purged, othersCpuPercent })
    const l = outcome.latency
    console.log(
      `  ${label.padEnd(8)} ${String(rate).padStart(5)}/s → ${fmt(outcome.achievedRps).padStart(7)}/s  ` +
        `p50 ${fmt(l.p50)}  p90 ${fmt(l.p90)}  p99 ${fmt(l.p99)}  max ${fmt(l.max)} ms  ` +
        `errors ${outcome.errors}  timeouts ${outcome.timeouts}  send lag ${fmt(outcome.maxSendLagMs)} ms` +
        (purged > 0 ? `  (backlog of ${purged} purged)` : "") +
        `\n           p99 by kind: ${Object.entries(outcome.byKind).map(([k, s]) => `${k} ${fmt(s.p99)}`).join(", ")} ms` +
        (othersCpuPercent !== null && othersCpuPercent > 20 ? `  [other work on the machine: ${othersCpuPercent}% CPU]` : "")
    )
    if (!o.keepGoing && overloaded(outcome, o.p99BoundMs)) {
      console.log(`  ${label}: overloaded at ${rate}/s, skipping the higher rates (--keep-going to run them)`)
      break
    }
    await sleep(500)
  }
  return steps
}
