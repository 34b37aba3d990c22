import { readdirSync, readFileSync } from "node:fs"

/** CPU time and memory of one process, read from /proc (Linux only; elsewhere the figures are null). */
export interface ProcSample {
  readonly cpuMs: number
  readonly rssBytes: number
}

// USER_HZ is 100 on every Linux ABI Node runs on; /proc/<pid>/stat counts in those ticks.
const TICK_MS = 10

/** Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the ")" that ends the command name. */
export const parseStatCpuMs = (stat: string): number => {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unreadable /proc stat line: ${stat.slice(0, 80)}`)
  return (utime + stime) * TICK_MS
}

export const parseStatusRssBytes = (status: string): number => {
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]
  return kb === undefined ? 0 : Number(kb) * 1024
}

export const sample = (pid: number): ProcSample | undefined => {
  try {
    return {
      cpuMs: parseStatCpuMs(readFileSync(`/proc/${pid}/stat`, "utf8")),
      rssBytes: parseStatusRssBytes(readFileSync(`/proc/${pid}/status`, "utf8"))
    }
  } catch {
    return undefined
  }
}

/** Busy CPU time of the whole machine, from the first line of /proc/stat (all but idle and iowait). */
export const parseMachineBusyMs = (procStat: string): number => {
  const fields = (procStat.split("\n")[0] ?? "").trim().split(/\s+/)
  if (fields[0] !== "cpu") throw new Error("unreadable /proc/stat")
  const ticks = fields.slice(1, 9).map(Number)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return (ticks.reduce((a, b) => a + b, 0) - idle) * TICK_MS
}

const machineBusyMs = (): number | undefined => {
  try {
    return parseMachineBusyMs(readFileSync("/proc/stat", "utf8"))
  } catch {
    return undefined
  }
}

export interface ProcUsage {
  readonly name: string
  readonly pid: number
  /** Percent of one core over the step: 200 would be both cores of this machine. */
  readonly cpuPercent: number | null
  /** CPU time used during the step. */
  readonly cpuMs: number | null
  readonly maxRssMiB: number | null
}

/** Samples a set of processes during one step: CPU from the first and last sample, RSS at its peak. */
export const watch = (procs: ReadonlyArray<{ readonly name: string; readonly pid: number }>, everyMs = 250) => {
  const started = performance.now()
  const machineStart = machineBusyMs()
  const first = new Map(procs.map((p) => [p.pid, sample(p.pid)]))
  const peak = new Map<number, number>()
  const record = () => {
    for (const p of procs) {
      const s = sample(p.pid)
      if (s !== undefined) peak.set(p.pid, Math.max(peak.get(p.pid) ?? 0, s.rssBytes))
    }
  }
  record()
  const timer = setInterval(record, everyMs)
  return {
    stop: (): { readonly processes: Array<ProcUsage>; readonly othersCpuPercent: number | null } => {
      clearInterval(timer)
      record()
      const elapsed = performance.now() - started
      const machineEnd = machineBusyMs()
      const processes = procs.map((p) => {
        const a = first.get(p.pid)
        const b = sample(p.pid)
        return {
          name: p.name,
          pid: p.pid,
          cpuPercent: a !== undefined && b !== undefined ? Math.round(((b.cpuMs - a.cpuMs) / elapsed) * 1000) / 10 : null,
          cpuMs: a !== undefined && b !== undefined ? b.cpuMs - a.cpuMs : null,
          maxRssMiB: peak.has(p.pid) ? Math.round((peak.get(p.pid)! / 1048576) * 10) / 10 : null
        }
      })
      const ours = processes.reduce((sum, p) => sum + (p.cpuMs ?? 0), 0)
      // What everything outside the bench used meanwhile: other people's work on a shared machine.
      const othersCpuPercent = machineStart === undefined || machineEnd === undefined
        ? null
        : Math.max(0, Math.round(((machineEnd - machineStart - ours) / elapsed) * 1000) / 10)
      return { processes, othersCpuPercent }
    }
  }
}

/** The first process whose command line (argv, from /proc/<pid>/cmdline) satisfies `match`. */
export const findPid = (match: (argv: ReadonlyArray<string>) => boolean): number | undefined => {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter((a) => a !== "")
      if (match(argv)) return Number(entry)
    } catch {
      // gone between readdir and read
    }
  }
  return undefined
}
