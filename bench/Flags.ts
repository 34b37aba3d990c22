import { join } from "node:path"
import { parseArgs } from "node:util"
import { type Copies, parseCopies } from "./Copies.ts"
import { defaultMix, type Mix, parseMix } from "./Mix.ts"
import { ROOT } from "./Processes.ts"

export const Targets = ["fast", "full", "baseline"] as const
export type Target = (typeof Targets)[number]

export interface Flags {
  readonly durationS: number
  readonly warmupS: number
  readonly rates: ReadonlyArray<number>
  readonly modes: ReadonlyArray<Target>
  readonly copies: Copies
  readonly mix: Mix
  readonly sockets: number
  readonly prompts: number
  readonly logging: boolean
  readonly keepGoing: boolean
  readonly profile: boolean
  readonly out: string
  readonly data: string
}

export const usage = `pnpm bench [flags]   load benchmark: Vigil's fast and full modes through the HTTP api, and the bare
                     JetStream chain as the baseline, each at a ladder of offered rates (open loop)

  --duration S     seconds per rate (8)
  --rates LIST     offered req/s (100,250,500,750,1000,1500,2000,2500,3000,4000)
  --mode LIST      fast,full,baseline or all (all)   --copies N      processes per worker kind and per baseline hop (1);
                                                     or detection=2,pii=1,arbiter=1
  --mix SPEC       prompt mix (benign=40,attack=30,pii=20,long=10)
  --warmup S       seconds of warm-up per ladder (4) --sockets N     keep-alive sockets of the generator (256)
  --prompts N      distinct prompts (2000)           --logging       run the logging worker too (embedded chdb)
  --keep-going     run every rate even past overload --out DIR       results directory (bench-results)
  --data DIR       prompt data (../shared/data)      --profile       V8 CPU profiles of the pipeline's processes
                                                     into <out>/profiles (open in Chrome DevTools)`

const positive = (name: string, raw: string, integer: boolean): number | string => {
  const x = Number(raw)
  return Number.isFinite(x) && x > 0 && (!integer || Number.isInteger(x)) ? x : `--${name} must be a positive ${integer ? "integer" : "number"} (got "${raw}")`
}

/** The flags, or every problem with them in one message. */
export const parseFlags = (argv: ReadonlyArray<string>): Flags | { readonly error: string } | "help" => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        duration: { type: "string", default: "8" },
        warmup: { type: "string", default: "4" },
        rates: { type: "string", default: "100,250,500,750,1000,1500,2000,2500,3000,4000" },
        mode: { type: "string", default: "all" },
        copies: { type: "string", default: "1" },
        mix: { type: "string" },
        sockets: { type: "string", default: "256" },
        prompts: { type: "string", default: "2000" },
        logging: { type: "boolean", default: false },
        "keep-going": { type: "boolean", default: false },
        profile: { type: "boolean", default: false },
        out: { type: "string", default: "bench-results" },
        data: { type: "string" },
        help: { type: "boolean", short: "h", default: false }
      },
      strict: true,
      allowPositionals: false
    }).values
  } catch (e) {
    return { error: (e as Error).message }
  }
  if (parsed.help) return "help"
  const problems: Array<string> = []
  const num = (name: string, raw: string, integer = false) => {
    const x = positive(name, raw, integer)
    if (typeof x === "string") problems.push(x)
    return typeof x === "number" ? x : 0
  }
  const rates = parsed.rates.split(",").map((r) => num("rates", r.trim()))
  const modes = parsed.mode === "all" ? [...Targets] : parsed.mode.split(",").map((m) => m.trim())
  for (const m of modes) if (!(Targets as ReadonlyArray<string>).includes(m)) problems.push(`--mode: unknown "${m}" (fast, full, baseline or all)`)
  const mix = parsed.mix === undefined ? defaultMix : parseMix(parsed.mix)
  if (typeof mix === "string") problems.push(mix)
  const copies = parseCopies(parsed.copies)
  if (typeof copies === "string") problems.push(copies)
  const warmupS = Number(parsed.warmup)
  if (!(warmupS >= 0)) problems.push(`--warmup must be 0 or more seconds (got "${parsed.warmup}")`)
  const flags: Flags = {
    durationS: num("duration", parsed.duration),
    warmupS,
    rates: [...new Set(rates)].sort((a, b) => a - b),
    modes: Targets.filter((t) => modes.includes(t)),
    copies: typeof copies === "string" ? { detection: 1, pii: 1, arbiter: 1 } : copies,
    mix: typeof mix === "string" ? defaultMix : mix,
    sockets: num("sockets", parsed.sockets, true),
    prompts: num("prompts", parsed.prompts, true),
    logging: parsed.logging,
    keepGoing: parsed["keep-going"],
    profile: parsed.profile,
    out: parsed.out,
    // The default is next to the repository, wherever the bench is started from.
    data: parsed.data ?? join(ROOT, "..", "shared", "data")
  }
  if (flags.durationS > 0 && flags.durationS < 0.5) problems.push("--duration must be at least 0.5 s")
  return problems.length > 0 ? { error: problems.join("\n") } : flags
}
