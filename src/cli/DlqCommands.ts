import { Console, Effect, Option, Result } from "effect"
import { Argument, Command, Flag, Prompt } from "effect/cli"
import { type DlqMessage, getDlq, listDlq, purgeDlq, purgePlan, replayDlq } from "../DeadLetterOps.ts"
import { durationFlag, firstLine, json, printJson, table, withNats } from "./CliSupport.ts"

const workerFlag = Flag.String("worker").pipe(Flag.withDescription("only this worker's dead letters (detection, pii, arbiter, logging)"), Flag.optional)
const seqArg = Argument.Int("seq").pipe(Argument.withDescription("the VIGIL_DLQ sequence number, from `vigil dlq list`"))

const preview = (m: DlqMessage) =>
  Result.isSuccess(m.entry) ? firstLine((m.entry.success.payloadText ?? `(binary, ${m.entry.success.payloadBase64.length} base64 chars)`).replace(/\s+/g, " "), 50) : ""

const row = (m: DlqMessage) =>
  Result.match(m.entry, {
    onSuccess: (e) => [String(m.seq), m.time.toISOString(), e.worker, e.subject, e.reason, String(e.deliveryCount), firstLine(e.error, 50), preview(m)],
    onFailure: (error) => [String(m.seq), m.time.toISOString(), m.dlqSubject, "-", "undecodable", "-", firstLine(error, 50), ""]
  })

const asJson = (m: DlqMessage) => ({
  seq: m.seq,
  dlqSubject: m.dlqSubject,
  time: m.time.toISOString(),
  ...(Result.isSuccess(m.entry) ? { entry: m.entry.success } : { undecodable: m.entry.failure })
})

const list = Command.make(
  "list",
  { worker: workerFlag, since: durationFlag("since", "only dead letters from this far back: 30m, 24h, 7d"), json },
  Effect.fn(function*({ worker, since, json }) {
    const messages = yield* listDlq({ worker: Option.getOrUndefined(worker), sinceMs: Option.getOrUndefined(Option.map(since, (ms) => Date.now() - ms)) })
    if (json) return yield* printJson(messages.map(asJson))
    if (messages.length === 0) return yield* Console.log("no dead letters")
    yield* Console.log(table(["SEQ", "TIME", "WORKER", "SUBJECT", "REASON", "DELIVERIES", "ERROR", "PREVIEW"], messages.map(row)))
  }, withNats)
).pipe(Command.withDescription("Dead letters: worker, original subject, error, deliveries, time and a preview"))

const show = Command.make(
  "show",
  { seq: seqArg },
  Effect.fn(function*({ seq }) {
    yield* printJson(asJson(yield* getDlq(seq)))
  }, withNats)
).pipe(Command.withDescription("One dead letter in full: error, headers, the original payload"))

const replay = Command.make(
  "replay",
  {
    seq: Argument.Int("seq").pipe(Argument.withDescription("the VIGIL_DLQ sequence to replay"), Argument.optional),
    all: Flag.Boolean("all").pipe(Flag.withDescription("replay every dead letter (of --worker, if given)"), Flag.withDefault(false)),
    worker: workerFlag
  },
  Effect.fn(function*({ seq, all, worker }) {
    if (Option.isSome(seq) === all) return yield* Effect.fail(new Error("give either a SEQ or --all"))
    const seqs = Option.isSome(seq) ? [seq.value] : (yield* listDlq({ worker: Option.getOrUndefined(worker) })).map((m) => m.seq)
    if (seqs.length === 0) return yield* Console.log("no dead letters to replay")
    let failed = 0
    for (const s of seqs) {
      const result = yield* Effect.result(replayDlq(s))
      if (Result.isSuccess(result)) {
        const r = result.success
        yield* Console.log(`seq ${s}: republished to ${r.entry.subject} (${r.stream} seq ${r.streamSequence}), removed from the DLQ`)
      } else {
        failed++
        yield* Console.error(`seq ${s}: ${result.failure.message}`)
      }
    }
    if (failed > 0) return yield* Effect.fail(new Error(`${failed} of ${seqs.length} replays failed; those stay in the DLQ`))
  }, withNats)
).pipe(Command.withDescription("Republish dead letters to their original subject (new dedup id); removed after the PubAck"))

const purge = Command.make(
  "purge",
  {
    olderThan: durationFlag("older-than", "only dead letters older than this: 7d, 24h"),
    worker: workerFlag,
    yes: Flag.Boolean("yes").pipe(Flag.withDescription("do not ask (for scripts)"), Flag.withDefault(false))
  },
  Effect.fn(function*({ olderThan, worker, yes }) {
    const w = Option.getOrUndefined(worker)
    const plan = purgePlan(yield* listDlq({ worker: w }), Option.getOrUndefined(olderThan), Date.now())
    if (plan.doomed.length === 0) return yield* Console.log("nothing to purge")
    const what = `${plan.doomed.length} dead letter(s)${w !== undefined ? ` of ${w}` : ""}${Option.isSome(olderThan) ? " older than the cut-off" : ""}`
    if (!yes) {
      if (!process.stdin.isTTY) return yield* Effect.fail(new Error(`refusing to purge ${what} without confirmation: pass --yes`))
      const ok = yield* Prompt.run(Prompt.Confirm({ message: `Purge ${what} from VIGIL_DLQ? This cannot be undone.`, initial: false }))
      if (!ok) return yield* Console.log("nothing purged")
    }
    const purged = yield* purgeDlq(w, plan.below)
    yield* Console.log(`purged ${purged} dead letter(s)`)
  }, withNats)
).pipe(Command.withDescription("Delete dead letters for good, after a confirmation (--yes skips it)"))

export const dlqCommand = Command.make("dlq").pipe(
  Command.withDescription("Dead letters in VIGIL_DLQ: list, show, replay, purge"),
  Command.withSubcommands([list, show, replay, purge])
)
