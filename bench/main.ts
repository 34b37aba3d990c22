/** `pnpm bench`: see bench/Flags.ts for the flags and docs/benchmark.md for how to read the results. */
import { connect } from "@nats-io/transport-node"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { LocalNatsServer } from "../src/LocalNatsServer.ts"
import { startBaseline } from "./BaselineStack.ts"
import { parseFlags, usage, type Flags } from "./Flags.ts"
import { type Generator, startGenerator } from "./GeneratorProcess.ts"
import { runLadder, type LadderStep } from "./Ladder.ts"
import { formatCopies } from "./Copies.ts"
import { formatMix } from "./Mix.ts"
import { findPid } from "./ProcStats.ts"
import { loadPrompts } from "./Prompts.ts"
import { htmlReport } from "./Report.ts"
import { Bounds, type Ladders, resultsJson, summaryTable } from "./Results.ts"
import { type Stack, startPipeline } from "./Stack.ts"

const REPLY_TIMEOUT_MS = 5_000
const API_KEY = "vigil-bench-key"

const machine = () => ({
  cpus: os.cpus().length,
  cpu_model: os.cpus()[0]?.model ?? "unknown",
  memory_gib: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.type()} ${os.release()}`,
  node: process.version,
  nats_server: (() => {
    try {
      return execFileSync("nats-server", ["--version"], { encoding: "utf8" }).trim()
    } catch {
      return "unknown"
    }
  })(),
  load_average_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100)
})

const commandLine = (f: Flags) =>
  `pnpm bench --duration ${f.durationS} --rates ${f.rates.join(",")} --mode ${f.modes.join(",")} --copies ${formatCopies(f.copies)} ` +
  `--mix ${formatMix(f.mix)} --warmup ${f.warmupS} --sockets ${f.sockets} --prompts ${f.prompts}` +
  `${f.logging ? " --logging" : ""}${f.profile ? " --profile" : ""}${f.keepGoing ? " --keep-going" : ""}`

const run = async (flags: Flags) => {
  const startedAt = new Date().toISOString()
  const runDir = mkdtempSync(path.join(os.tmpdir(), "vigil-bench-"))
  const logDir = path.join(flags.out, "logs")
  mkdirSync(logDir, { recursive: true })
  for (const file of ["dev-benign.jsonl", "reference-safe.jsonl", "dev-attacks.jsonl", "reference-attacks.jsonl"]) {
    if (!existsSync(path.join(flags.data, file))) {
      throw new Error(`prompt data ${path.join(flags.data, file)} not found: point --data at the directory with the shared data files`)
    }
  }
  const prompts = loadPrompts(flags.data, flags.mix, flags.prompts)
  const body = (mode: "fast" | "full") => prompts.map((p) => JSON.stringify({ text: p.text, mode }))
  console.log(`vigil bench: ${prompts.length} prompts (${formatMix(flags.mix)}), rates ${flags.rates.join(", ")} req/s, ${flags.durationS} s each; logs in ${logDir}`)

  const scope = Effect.runSync(Scope.make())
  const ladders: { -readonly [K in keyof Ladders]: Array<LadderStep> } = {}
  try {
    const context = await Effect.runPromise(Layer.buildWithScope(LocalNatsServer.layer({ storeDir: path.join(runDir, "nats") }), scope))
    const server = Context.get(context, LocalNatsServer)
    const nc = await connect({ servers: server.url, name: "vigil-bench" })
    const natsPid = findPid((cmd) => cmd[0]?.endsWith("nats-server") === true && cmd.includes(String(server.port)))
    const extraProcs = natsPid === undefined ? [] : [{ name: "nats-server", pid: natsPid }]
    const stackOptions = {
      natsUrl: server.url,
      nc,
      copies: flags.copies,
      apiKey: API_KEY,
      logDir,
      logging: flags.logging,
      clickhouseDir: path.join(runDir, "clickhouse"),
      replyTimeoutMs: REPLY_TIMEOUT_MS,
      profileDir: flags.profile ? path.resolve(flags.out, "profiles") : undefined
    }
    // Fresh processes need more than a warm ladder: the first measured step after start-up came out 2-3×
    // slower at p99 than the same rate repeated (JIT, and the GC after loading the detection artifacts).
    const ladderOptions = (boundMs: number, fresh: boolean) => ({
      rates: flags.rates,
      durationMs: flags.durationS * 1000,
      warmupMs: flags.warmupS * 1000 * (fresh ? 3 : 1),
      p99BoundMs: boundMs,
      keepGoing: flags.keepGoing,
      drainTimeoutMs: 20_000
    })
    const withStack = async (start: typeof startPipeline, measure: (s: Stack, g: Generator) => Promise<void>) => {
      const stack = await start(stackOptions)
      const generator = await startGenerator(
        { url: `${stack.url}/v1/guard/input`, apiKey: API_KEY, sockets: flags.sockets, timeoutMs: REPLY_TIMEOUT_MS + 1_000 },
        { fast: body("fast"), full: body("full") },
        prompts.map((p) => p.kind)
      )
      try {
        await measure(stack, generator)
      } finally {
        await generator.stop()
        await stack.stop()
      }
    }
    const pipelineModes = flags.modes.filter((m) => m !== "baseline") as Array<"fast" | "full">
    if (pipelineModes.length > 0) {
      console.log(`starting the pipeline: api + detection, pii, arbiter (copies ${formatCopies(flags.copies)})${flags.logging ? " + logging" : ""}`)
      await withStack(startPipeline, async (stack, generator) => {
        for (const mode of pipelineModes) {
          ladders[mode] = await runLadder(mode, stack, generator, mode, ladderOptions(Bounds[mode], mode === pipelineModes[0]), extraProcs)
        }
      })
    }
    if (flags.modes.includes("baseline")) {
      console.log(`starting the baseline: front + 3 hops (copies ${formatCopies(flags.copies)})`)
      await withStack(startBaseline, async (stack, generator) => {
        ladders.baseline = await runLadder("baseline", stack, generator, "fast", ladderOptions(Bounds.fast, true), extraProcs)
      })
    }
    await nc.close()
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    rmSync(runDir, { recursive: true, force: true })
  }

  const results = resultsJson(ladders, {
    machine: machine(),
    command: commandLine(flags),
    startedAt,
    settings: { ...flags, mix: formatMix(flags.mix), copies: formatCopies(flags.copies), reply_timeout_ms: REPLY_TIMEOUT_MS, generator: "separate process, node:http keep-alive" }
  })
  const summary = summaryTable(results)
  writeFileSync(path.join(flags.out, "latest.json"), JSON.stringify(results, null, 2))
  const stamp = startedAt.replace(/[:.]/g, "-")
  writeFileSync(path.join(flags.out, `results-${stamp}.json`), JSON.stringify(results, null, 2))
  writeFileSync(path.join(flags.out, "latest.html"), htmlReport(results, summary))
  console.log(`\n${summary}\n\nwrote ${flags.out}/latest.json and ${flags.out}/latest.html\nrerun: ${results.command}`)
}

const flags = parseFlags(process.argv.slice(2))
if (flags === "help") {
  console.log(usage)
} else if ("error" in flags) {
  console.error(`${flags.error}\n\n${usage}`)
  process.exitCode = 2
} else {
  run(flags).then(() => process.exit(0), (e) => {
    console.error(`vigil bench failed: ${(e as Error)?.message ?? e}`)
    process.exit(1)
  })
}
