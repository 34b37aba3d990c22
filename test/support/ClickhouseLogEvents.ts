/**
 * Log events as the arbiter publishes them (a decided Envelope on `vigil.logs.event`, msgID `<id>:log`), made
 * up here so that logging tests and the benchmark need no pipeline, plus ways to look at the results.
 */
import type { JetStreamClient } from "@nats-io/jetstream"
import { Schema } from "effect"
import { Envelope, EnvelopeJson } from "../../domain/Envelope.ts"
import { DecisionMade, DetectionCompleted, PiiCompleted } from "../../domain/Events.ts"
import { GuardRequest } from "../../domain/Request.ts"
import { Subjects } from "../../domain/Routing.ts"
import { hopId } from "../../src/PipelineWorker.ts"

const decisions = ["ALLOW", "SANITIZE", "BLOCK"] as const
const encode = Schema.encodeSync(EnvelopeJson)

/** The i-th made-up decided request: decisions, categories and PII vary with i; times are `at` and after. */
export const logEnvelope = (runId: string, i: number, at = Date.now()): Envelope => {
  const decision = decisions[i % 3]!
  const categories = decision === "BLOCK" ? ["INSTRUCTION_OVERRIDE", ...(i % 2 === 0 ? ["JAILBREAK_ROLEPLAY"] : [])] : []
  const entities = decision === "SANITIZE" ? [{ type: "EMAIL_ADDRESS", start: 11, end: 26, score: 0.95 }] : []
  return new Envelope({
    request: new GuardRequest({
      requestId: `${runId}-${i}`,
      text: `prompt number ${i} from ${runId}`,
      mode: i % 2 === 0 ? "full" : "fast",
      returnDecisionProcess: false,
      receivedAt: at,
      ...(i % 4 === 0 ? { apiKeyId: "key-test" } : {})
    }),
    events: [
      new DetectionCompleted({
        at: at + 3,
        branches: [
          { name: "heuristics", status: "ok", score: decision === "BLOCK" ? 90 : 5, categories, evidence: [], latencyMs: 0.4 },
          { name: "semantic", status: "not_configured", score: 0, categories: [], evidence: [], latencyMs: 0 },
          { name: "classifier", status: i % 2 === 0 ? "not_configured" : "skipped", score: 0, categories: [], evidence: [], latencyMs: 0 }
        ]
      }),
      ...(decision === "BLOCK" ? [] : [new PiiCompleted({ at: at + 7, latencyMs: 2, entities, sanitizedText: "x" })]),
      new DecisionMade({
        at: at + 9,
        decision,
        threatScore: decision === "BLOCK" ? 90 : 5,
        categories,
        piiDetected: entities.length > 0,
        piiTypes: entities.map((e) => e.type),
        process: {
          mode: i % 2 === 0 ? "full" : "fast",
          configVersion: "test-1",
          branches: [],
          fusedScore: decision === "BLOCK" ? 90 : 5,
          rules: [],
          thresholds: { block: 70, sanitize: 30 },
          piiSkipped: decision === "BLOCK",
          summary: decision
        }
      })
    ]
  })
}

/** Publishes envelopes to the log subject as the arbiter does, `concurrency` publishes in flight. */
export const publishLogEvents = async (js: JetStreamClient, envelopes: ReadonlyArray<Envelope>, concurrency = 64) => {
  let next = 0
  const lane = async () => {
    while (next < envelopes.length) {
      const e = envelopes[next++]!
      await js.publish(Subjects.logs, encode(e), { msgID: hopId(e.request.requestId, "log") })
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, envelopes.length) }, lane))
}

/** Bytes that are not a log event at all, and an envelope that carries no decision: both are poison. */
export const publishMalformed = async (js: JetStreamClient, runId: string) => {
  await js.publish(Subjects.logs, new TextEncoder().encode("{ not json"), { msgID: `${runId}-garbage:log` })
  const undecided = logEnvelope(runId, 0)
  await js.publish(
    Subjects.logs,
    encode(new Envelope({ request: new GuardRequest({ ...undecided.request, requestId: `${runId}-undecided` }), events: undecided.events.slice(0, 1) })),
    { msgID: `${runId}-undecided:log` }
  )
}
