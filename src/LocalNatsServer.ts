import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { Context, Duration, Effect, Layer, Schema, Semaphore } from "effect"
import { freePort } from "./FreePort.ts"

export class LocalNatsServerError extends Schema.TaggedError<LocalNatsServerError>()("LocalNatsServerError", {
  reason: Schema.Literals(["BinaryNotFound", "ExitedEarly", "Timeout"]),
  message: Schema.String
}) {}

export interface LocalNatsServerOptions {
  readonly port?: number
  readonly storeDir?: string
  readonly binary?: string
}

/** A nats-server child process with JetStream on 127.0.0.1, for development and tests. */
export class LocalNatsServer extends Context.Service<LocalNatsServer, {
  readonly url: string
  readonly port: number
  readonly storeDir: string
  /** No-op when already running. Same port and store dir as before. */
  readonly start: Effect.Effect<void, LocalNatsServerError>
  /** SIGTERM (JetStream flushes and shuts down cleanly), SIGKILL after 5 s. No-op when stopped. */
  readonly stop: Effect.Effect<void>
  readonly restart: Effect.Effect<void, LocalNatsServerError>
  /** SIGKILL: a crash, for recovery tests. No-op when stopped. */
  readonly kill: Effect.Effect<void>
}>()("vigil/LocalNatsServer") {
  static layer(options: LocalNatsServerOptions = {}): Layer.Layer<LocalNatsServer, LocalNatsServerError> {
    return Layer.effect(LocalNatsServer, make(options))
  }
}

const READY_TIMEOUT_MS = 10_000
const STOP_GRACE_MS = 5_000
const TAIL_LINES = 20

interface Running {
  readonly child: ChildProcess
  readonly tail: Array<string>
  ready: boolean
  exited: boolean
  spawnError: NodeJS.ErrnoException | undefined
}

const make = Effect.fnUntraced(function*(options: LocalNatsServerOptions) {
  const binary = options.binary ?? "nats-server"
  const port = options.port ?? (yield* Effect.promise(freePort))
  const storeDir = options.storeDir ?? (yield* Effect.acquireRelease(
    Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "vigil-nats-"))),
    (dir) => Effect.promise(() => fs.rm(dir, { recursive: true, force: true }))
  ))
  const lock = yield* Semaphore.make(1)
  let current: Running | undefined

  const startUnlocked = Effect.gen(function*() {
    if (current && !current.exited) return
    const running = spawnServer(binary, port, storeDir)
    current = running
    yield* waitReady(running, binary, port).pipe(
      Effect.onError(() =>
        Effect.suspend(() => {
          current = undefined
          return terminate(running, "SIGKILL", 0)
        })
      )
    )
    yield* Effect.logInfo("nats-server ready").pipe(
      Effect.annotateLogs({ port, pid: running.child.pid, storeDir })
    )
  })

  const stopUnlocked = (signal: NodeJS.Signals) =>
    Effect.gen(function*() {
      if (!current) return
      const running = current
      current = undefined
      yield* terminate(running, signal, signal === "SIGKILL" ? 0 : STOP_GRACE_MS)
      yield* Effect.logInfo(`nats-server stopped (${signal})`).pipe(
        Effect.annotateLogs({ port, pid: running.child.pid })
      )
    })

  // Registered before the first start so that a failed start still cleans up; runs before the store dir is removed.
  yield* Effect.addFinalizer(() => stopUnlocked("SIGTERM"))
  yield* lock.withPermit(startUnlocked)

  return LocalNatsServer.of({
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    start: lock.withPermit(startUnlocked),
    stop: lock.withPermit(stopUnlocked("SIGTERM")).pipe(Effect.uninterruptible),
    restart: lock.withPermit(Effect.andThen(stopUnlocked("SIGTERM"), startUnlocked)),
    kill: lock.withPermit(stopUnlocked("SIGKILL")).pipe(Effect.uninterruptible)
  })
})

// In a process group of its own, so a Ctrl-C in the terminal reaches Vigil only: the workers drain against a
// live server and the scope stops the server last. The cost, an orphan if this process dies, is covered for
// every exit Node still runs code on; only a SIGKILL of this process leaves the server behind.
const children = new Set<ChildProcess>()
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL")
})

const spawnServer = (binary: string, port: number, storeDir: string): Running => {
  const child = spawn(binary, ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true
  })
  children.add(child)
  const running: Running = { child, tail: [], ready: false, exited: false, spawnError: undefined }
  let partial = ""
  child.stderr?.setEncoding("utf8")
  child.stderr?.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n")
    partial = lines.pop() ?? ""
    for (const line of lines) {
      if (line.includes("Server is ready")) running.ready = true
      running.tail.push(line)
      if (running.tail.length > TAIL_LINES) running.tail.shift()
    }
  })
  child.on("error", (error) => {
    running.spawnError = error
    running.exited = true
  })
  child.on("exit", () => {
    running.exited = true
    children.delete(child)
  })
  return running
}

// Real timers, not Effect.sleep: this waits on an OS process, and must not stall under a TestClock.
const waitReady = (running: Running, binary: string, port: number) =>
  Effect.callback<void, LocalNatsServerError>((resume) => {
    const deadline = Date.now() + READY_TIMEOUT_MS
    let probing = false
    const fail = (reason: LocalNatsServerError["reason"], what: string) => {
      clearInterval(timer)
      const tail = running.tail.length > 0 ? `\nlast nats-server output:\n${running.tail.join("\n")}` : ""
      resume(Effect.fail(new LocalNatsServerError({ reason, message: `${what}${tail}` })))
    }
    const timer = setInterval(() => {
      if (running.spawnError?.code === "ENOENT") {
        return fail(
          "BinaryNotFound",
          `nats-server binary '${binary}' not found. Install it (infra/install-nats-server.sh, ` +
            `apt-get install nats-server, or nix develop), or set NATS_SERVERS to an existing server.`
        )
      }
      if (running.exited) {
        const { exitCode, signalCode } = running.child
        const why = running.spawnError?.message ?? `exit code ${exitCode ?? signalCode}`
        return fail("ExitedEarly", `nats-server '${binary}' on port ${port} exited before it was ready (${why}).`)
      }
      if (Date.now() > deadline) {
        return fail("Timeout", `nats-server on port ${port} was not ready within ${READY_TIMEOUT_MS / 1000} s.`)
      }
      if (running.ready && !probing) {
        probing = true
        void isReachable(`127.0.0.1:${port}`, 500).then((ok) => {
          probing = false
          if (ok && !running.exited) {
            clearInterval(timer)
            resume(Effect.void)
          }
        })
      }
    }, 25)
    return Effect.sync(() => clearInterval(timer))
  })

const terminate = (running: Running, signal: NodeJS.Signals, graceMs: number) =>
  Effect.callback<void>((resume) => {
    const { child } = running
    if (running.exited) return resume(Effect.void)
    const escalate = graceMs > 0 ? setTimeout(() => child.kill("SIGKILL"), graceMs) : undefined
    child.once("exit", () => {
      clearTimeout(escalate)
      resume(Effect.void)
    })
    child.kill(signal)
  })


const hostPort = (url: string): { readonly host: string; readonly port: number } => {
  const parsed = new URL(url.includes("://") ? url : `nats://${url}`)
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"), port: parsed.port === "" ? 4222 : Number(parsed.port) }
}

/**
 * Whether a TCP connection to any server in a NATS url list ("nats://a:4222,b:4222", "localhost") succeeds.
 * Says nothing about JetStream or credentials; used to decide whether to start a local server.
 */
export const isReachable = (urls: string, timeoutMs = 1_000): Promise<boolean> =>
  Promise.all(
    urls.split(",").map((url) => url.trim()).filter((url) => url !== "").map((url) =>
      new Promise<boolean>((resolve) => {
        let target: { readonly host: string; readonly port: number }
        try {
          target = hostPort(url)
        } catch {
          return resolve(false)
        }
        const socket = net.connect(target)
        const done = (ok: boolean) => {
          clearTimeout(timer)
          socket.destroy()
          resolve(ok)
        }
        const timer = setTimeout(() => done(false), timeoutMs)
        socket.once("connect", () => done(true))
        socket.once("error", () => done(false))
      })
    )
  ).then((results) => results.some((ok) => ok))

export const reachable = (urls: string, timeout: Duration.Input = "1 second"): Effect.Effect<boolean> =>
  Effect.promise(() => isReachable(urls, Duration.toMillis(timeout)))
