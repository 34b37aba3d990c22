/**
 * Health verdicts from what the server reports about streams and consumers, as `nats stream report` and
 * `nats consumer report` show it. A trend (lag or DLQ growing) needs two samples; one sample still
 * yields the verdicts a single reading supports (nobody pulling, saturation, redeliveries, dead letters).
 */
export interface StreamFigures {
  readonly name: string
  readonly messages: number
  readonly bytes: number
  readonly maxBytes: number
  readonly consumers: number
}

export interface ConsumerFigures {
  readonly stream: string
  readonly name: string
  /** Messages matching the filter not yet delivered. */
  readonly pending: number
  readonly ackPending: number
  readonly redelivered: number
  /** Pull requests waiting: a live worker has at least one most of the time. */
  readonly waiting: number
  readonly maxAckPending: number
}

export interface StatusSnapshot {
  readonly at: number
  readonly streams: ReadonlyArray<StreamFigures>
  readonly consumers: ReadonlyArray<ConsumerFigures>
  /** Dead letters per worker (the last token of `vigil.dlq.<worker>`). */
  readonly dlq: Readonly<Record<string, number>>
  /** Declared streams (infra/jetstream.json) the server does not have: nothing has provisioned yet. */
  readonly missing?: ReadonlyArray<string>
}

export type Level = "ok" | "warn" | "critical"
export interface Verdict {
  readonly level: Level
  readonly subject: string
  readonly message: string
}

export const dlqTotal = (s: StatusSnapshot): number => Object.values(s.dlq).reduce((a, b) => a + b, 0)

const consumerVerdicts = (c: ConsumerFigures, before: ConsumerFigures | undefined): Array<Verdict> => {
  const subject = `${c.stream}/${c.name}`
  const out: Array<Verdict> = []
  if (before !== undefined && c.pending > before.pending) {
    out.push({ level: "warn", subject, message: `lag growing: ${before.pending} → ${c.pending} pending` })
  }
  if (c.pending > 0 && c.waiting === 0 && c.ackPending === 0) {
    out.push({ level: "critical", subject, message: `${c.pending} pending and nothing pulling: is a worker running?` })
  }
  if (c.maxAckPending > 0 && c.ackPending >= 0.9 * c.maxAckPending) {
    out.push({ level: "warn", subject, message: `${c.ackPending} of max ${c.maxAckPending} unacknowledged: workers saturated` })
  }
  if (c.redelivered > 0) {
    out.push({ level: "warn", subject, message: `${c.redelivered} in redelivery (failing or slow worker)` })
  }
  return out
}

export const verdicts = (current: StatusSnapshot, previous?: StatusSnapshot): ReadonlyArray<Verdict> => {
  const out: Array<Verdict> = (current.missing ?? []).map((name) => ({
    level: "critical" as const,
    subject: name,
    message: "stream missing: no worker has provisioned it (start one, or `pnpm start`)"
  }))
  for (const c of current.consumers) {
    out.push(...consumerVerdicts(c, previous?.consumers.find((p) => p.stream === c.stream && p.name === c.name)))
  }
  for (const s of current.streams) {
    if (s.maxBytes > 0 && s.bytes >= 0.8 * s.maxBytes) {
      out.push({ level: "warn", subject: s.name, message: `${Math.round((100 * s.bytes) / s.maxBytes)}% of max bytes` })
    }
  }
  const dead = dlqTotal(current)
  if (previous !== undefined && dead > dlqTotal(previous)) {
    out.push({ level: "critical", subject: "VIGIL_DLQ", message: `DLQ growing: ${dlqTotal(previous)} → ${dead}` })
  } else if (dead > 0) {
    out.push({ level: "warn", subject: "VIGIL_DLQ", message: `${dead} dead letter(s): see \`vigil dlq list\`` })
  }
  return out.length > 0 ? out : [{ level: "ok", subject: "all", message: "no lag growth, nothing stuck, DLQ empty" }]
}

export const worst = (vs: ReadonlyArray<Verdict>): Level =>
  vs.some((v) => v.level === "critical") ? "critical" : vs.some((v) => v.level === "warn") ? "warn" : "ok"
