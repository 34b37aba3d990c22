/**
 * A real ClickHouse server (Debian's clickhouse-server, 18.16 on bookworm) per test layer: installed by
 * infra/install-clickhouse-server.sh when missing, started on a free port with a temp data directory and a
 * minimal config of its own, stopped and restarted on the same port and data for outage tests.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Context, Effect, Layer, Schema } from "effect"
import { freePort } from "../../src/FreePort.ts"

export class ClickhouseServerError extends Schema.TaggedError<ClickhouseServerError>()("ClickhouseServerError", {
  message: Schema.String
}) {}

export class LocalClickhouseServer extends Context.Service<LocalClickhouseServer, {
  readonly url: string
  readonly dataDir: string
  readonly start: Effect.Effect<void, ClickhouseServerError>
  /** SIGTERM, then SIGKILL after 10 s. A graceful stop serves open connections for seconds yet. */
  readonly stop: Effect.Effect<void>
  /** SIGKILL: a crash, for outage tests. */
  readonly kill: Effect.Effect<void>
}>()("vigil/test/LocalClickhouseServer") {
  static readonly layer = Layer.effect(LocalClickhouseServer, Effect.suspend(() => make()))
}

const binary = (): string => {
  const found = (name: string) => {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined
    } catch {
      return undefined
    }
  }
  const existing = found("clickhouse-server") ?? found("clickhouse")
  if (existing !== undefined) return existing
  // Installs Debian's package (root and apt needed); prints the binary's path.
  const script = path.join(import.meta.dirname, "../../infra/install-clickhouse-server.sh")
  return execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!
}


const config = (dir: string, httpPort: number, tcpPort: number) => `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/data/tmp/</tmp_path>
  <user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
</yandex>
`

const users = `<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`

const pingOk = (url: string) =>
  fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false)

const make = Effect.fnUntraced(function*() {
  const bin = yield* Effect.try({ try: binary, catch: (e) => new ClickhouseServerError({ message: `no clickhouse-server: ${String(e)}` }) })
  const dir = yield* Effect.acquireRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "vigil-clickhouse-"))),
    (d) => Effect.sync(() => fs.rmSync(d, { recursive: true, force: true }))
  )
  const [httpPort, tcpPort] = yield* Effect.promise(() => Promise.all([freePort(), freePort()]))
  fs.writeFileSync(path.join(dir, "config.xml"), config(dir, httpPort, tcpPort))
  fs.writeFileSync(path.join(dir, "users.xml"), users)
  const url = `http://127.0.0.1:${httpPort}`
  let child: ChildProcess | undefined
  let output = ""

  const stopWith = (signal: NodeJS.Signals) => Effect.promise(async () => {
    const c = child
    child = undefined
    if (c === undefined || c.exitCode !== null || c.signalCode !== null) return
    const exited = new Promise((resolve) => c.once("exit", resolve))
    c.kill(signal)
    const timer = setTimeout(() => c.kill("SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
  })

  const start = Effect.gen(function*() {
    if (child !== undefined) return
    output = ""
    // Nix and upstream builds ship one `clickhouse` binary that takes the tool's name as its first argument.
    const args = [...(path.basename(bin) === "clickhouse" ? ["server"] : []), `--config-file=${path.join(dir, "config.xml")}`]
    const c = spawn(bin, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] })
    child = c
    c.stdout?.on("data", (d) => output = (output + d).slice(-4000))
    c.stderr?.on("data", (d) => output = (output + d).slice(-4000))
    // Real timers: this waits on an OS process and must not stall under a TestClock.
    const ready = yield* Effect.promise(async () => {
      const deadline = Date.now() + 30_000
      while (Date.now() < deadline && c.exitCode === null) {
        if (await pingOk(url)) return true
        await new Promise((r) => setTimeout(r, 100))
      }
      return false
    })
    if (!ready) {
      yield* stop
      return yield* new ClickhouseServerError({ message: `clickhouse-server on ${url} did not become ready:\n${output}` })
    }
  })

  const stop = stopWith("SIGTERM")
  // Its data directory goes right after: no need to wait for a graceful shutdown.
  yield* Effect.addFinalizer(() => stopWith("SIGKILL"))
  yield* start
  return LocalClickhouseServer.of({ url, dataDir: path.join(dir, "data"), start, stop, kill: stopWith("SIGKILL") })
})
