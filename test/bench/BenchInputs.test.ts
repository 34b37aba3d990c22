import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import { formatCopies, parseCopies } from "../../bench/Copies.ts"
import { parseFlags } from "../../bench/Flags.ts"
import { allocate, defaultMix, parseMix, PromptKinds } from "../../bench/Mix.ts"
import { parseMachineBusyMs, parseStatCpuMs, parseStatusRssBytes } from "../../bench/ProcStats.ts"

describe("bench inputs", () => {
  it("allocates exactly the total, in proportion to the weights", () => {
    const weights = fc.record({ benign: fc.nat(100), attack: fc.nat(100), pii: fc.nat(100), long: fc.nat(100) })
      .filter((m) => PromptKinds.some((k) => m[k] > 0))
    fc.assert(fc.property(weights, fc.integer({ min: 1, max: 10_000 }), (mix, total) => {
      const counts = allocate(mix, total)
      const sum = PromptKinds.reduce((s, k) => s + mix[k], 0)
      assert.strictEqual(PromptKinds.reduce((s, k) => s + counts[k], 0), total)
      for (const k of PromptKinds) assert.isBelow(Math.abs(counts[k] - (mix[k] / sum) * total), 1)
    }))
    assert.deepStrictEqual(allocate(defaultMix, 100), { benign: 40, attack: 30, pii: 20, long: 10 })
  })

  it("parses a mix and says what is wrong with a bad one", () => {
    assert.deepStrictEqual(parseMix("attack=1,pii=3"), { benign: 0, attack: 1, pii: 3, long: 0 })
    assert.match(parseMix("attack=x") as string, /not kind=weight/)
    assert.match(parseMix("evil=3") as string, /unknown kind "evil"/)
    assert.match(parseMix("pii=0") as string, /at least one weight/)
  })

  it("reads flags, sorting the rates, and reports every bad flag at once", () => {
    const flags = parseFlags(["--duration", "3", "--rates", "500,200,500", "--mode", "fast,baseline", "--copies", "2"])
    assert.isTrue(typeof flags === "object" && !("error" in flags))
    if (typeof flags === "object" && !("error" in flags)) {
      assert.deepStrictEqual(flags.rates, [200, 500])
      assert.deepStrictEqual(flags.modes, ["fast", "baseline"])
      assert.deepStrictEqual(flags.copies, { detection: 2, pii: 2, arbiter: 2 })
    }
    const bad = parseFlags(["--rates", "100,-5", "--mode", "turbo", "--copies", "1.5"])
    assert.isTrue(typeof bad === "object" && "error" in bad)
    if (typeof bad === "object" && "error" in bad) {
      assert.match(bad.error, /--rates must be a positive number \(got "-5"\)/)
      assert.match(bad.error, /--mode: unknown "turbo"/)
      assert.match(bad.error, /--copies: "1.5" is not N or kind=N/)
    }
    assert.match((parseFlags(["--nope"]) as { error: string }).error, /Unknown option '--nope'/)
    assert.strictEqual(parseFlags(["--help"]), "help")
  })

  it("reads copies per worker kind, one for kinds left out", () => {
    assert.deepStrictEqual(parseCopies("detection=2"), { detection: 2, pii: 1, arbiter: 1 })
    assert.deepStrictEqual(parseCopies("3"), { detection: 3, pii: 3, arbiter: 3 })
    assert.match(parseCopies("api=2") as string, /not N or kind=N/)
    assert.match(parseCopies("0") as string, /1..32/)
    assert.strictEqual(formatCopies({ detection: 2, pii: 1, arbiter: 1 }), "detection=2,pii=1,arbiter=1")
    assert.strictEqual(formatCopies({ detection: 2, pii: 2, arbiter: 2 }), "2")
  })

  it("reads CPU ticks and RSS from /proc, even with spaces and parens in the command name", () => {
    const stat = "4242 (node (worker) x) S 1 2 3 0 -1 4194304 96 0 0 0 150 25 0 0 20 0 1 0 203688 3133440 362"
    assert.strictEqual(parseStatCpuMs(stat), 1750)
    assert.strictEqual(parseStatusRssBytes("Name:\tnode\nVmRSS:\t  204800 kB\nThreads: 7\n"), 204800 * 1024)
    assert.throws(() => parseStatCpuMs("garbage"), /unreadable/)
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    assert.strictEqual(parseMachineBusyMs("cpu  100 5 20 1000 50 1 2 3 0 0\ncpu0 1 2 3"), (100 + 5 + 20 + 1 + 2 + 3) * 10)
    assert.throws(() => parseMachineBusyMs("intr 1 2"), /unreadable/)
  })
})
