import { type ChildProcess, spawn } from "node:child_process"
import { createWriteStream } from "node:fs"
import { fileURLToPath } from "node:url"

/** The repository root: scripts are named relative to it, wherever the bench was started from. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url))

export interface Proc {
  readonly name: string
  readonly pid: number
  readonly child: ChildProcess
  readonly exited: Promise<void>
  /** Whether the process has printed `text` (the last 64 KiB of its output are kept). */
  readonly printed: (text: string) => boolean
}

/** Starts `node <script>` with the bench's env, its output to `logFile`; the same Node that runs the bench. */
export const startNode = (name: string, script: string, env: Record<string, string>, logFile: string, profileDir?: string): Proc => {
  const log = createWriteStream(logFile, { flags: "w" })
  const profile = profileDir === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir", profileDir, "--cpu-prof-name", `${name.replace("#", "-")}.cpuprofile`]
  const child = spawn(process.execPath, [...profile, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let tail = ""
  const keep = (chunk: Buffer) => {
    log.write(chunk)
    tail = (tail + chunk.toString("utf8")).slice(-65536)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  if (child.pid === undefined) throw new Error(`could not start ${name} (${script})`)
  return { name, pid: child.pid, child, exited, printed: (text) => tail.includes(text) }
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export const stop = async (proc: Proc, graceMs = 5_000): Promise<void> => {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return
  const kill = setTimeout(() => proc.child.kill("SIGKILL"), graceMs)
  proc.child.kill("SIGTERM")
  await proc.exited
  clearTimeout(kill)
}

export const stopAll = async (procs: ReadonlyArray<Proc>): Promise<void> => {
  await Promise.all(procs.map((p) => stop(p)))
}

/** Fails fast with the log's location when a process dies while the bench needs it. */
export const failOnExit = (procs: ReadonlyArray<Proc>, logDir: string): Promise<never> =>
  Promise.race(procs.map((p) =>
    p.exited.then(() => {
      throw new Error(`${p.name} (pid ${p.pid}) exited with ${p.child.exitCode ?? p.child.signalCode}; see ${logDir}`)
    })
  ))

export { freePort } from "../src/FreePort.ts"

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Polls `check` until it holds; the error names what was awaited. */
export const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 200) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await sleep(everyMs)
  }
  throw new Error(`${what}: not reached within ${Math.round(timeoutMs / 1000)} s`)
}
