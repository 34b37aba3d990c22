import { Context, Effect, Layer } from "effect"
import * as Prom from "prom-client"
import { type StatusSnapshot, verdicts, worst } from "../../domain/StatusVerdicts.ts"
import { GuardSettings } from "../GuardSettings.ts"
import { Nats } from "../NatsConnection.ts"
import { readStatus } from "../StreamStatus.ts"

const levels = { ok: 0, warn: 1, critical: 2 } as const

/**
 * The figures of `vigil status` as Prometheus gauges, read from the server at scrape time (no background
 * polling: an unscraped api costs nothing). Health compares with the previous scrape, as `status --watch`
 * compares with its previous reading. NATS away → `vigil_nats_up 0` and no stale figures.
 */
export class StreamMetrics extends Context.Service<StreamMetrics, {
  readonly render: Effect.Effect<string>
}>()("vigil/api/StreamMetrics") {
  static readonly make = Effect.gen(function*() {
    const nats = yield* Nats
    // Optional: an api composed without the worker base (some tests) has no config to report.
    const settings = yield* Effect.serviceOption(GuardSettings)
    const registry = new Prom.Registry()
    const gauge = <L extends string>(name: string, help: string, labelNames: ReadonlyArray<L>) =>
      new Prom.Gauge({ name, help, labelNames, registers: [registry] })
    const up = gauge("vigil_nats_up", "1 when the api's NATS server answered the status reading at this scrape.", [])
    const messages = gauge("vigil_stream_messages", "Messages stored in the stream.", ["stream"])
    const bytes = gauge("vigil_stream_bytes", "Bytes stored in the stream.", ["stream"])
    const pending = gauge("vigil_consumer_pending", "Messages matching the consumer's filter not yet delivered.", ["stream", "consumer"])
    const ackPending = gauge("vigil_consumer_ack_pending", "Messages delivered and not yet acknowledged.", ["stream", "consumer"])
    const redelivered = gauge("vigil_consumer_redelivered", "Messages delivered more than once and not yet acknowledged.", ["stream", "consumer"])
    const waiting = gauge("vigil_consumer_waiting", "Pull requests waiting (live workers keep at least one).", ["stream", "consumer"])
    const dlq = gauge("vigil_dlq_messages", "Dead letters in VIGIL_DLQ by worker.", ["worker"])
    const health = gauge("vigil_health_level", "Worst health verdict: 0 ok, 1 warn, 2 critical (as `vigil status`).", [])
    const config = gauge("vigil_config_info", "The GuardConfig version (version@KV revision) in force in this api process.", ["version"])
    let previous: StatusSnapshot | undefined

    const render = Effect.gen(function*() {
      registry.resetMetrics()
      if (settings._tag === "Some") config.set({ version: (yield* settings.value.current).version }, 1)
      const status = yield* readStatus.pipe(Effect.provideService(Nats, nats), Effect.timeout("3 seconds"), Effect.option)
      up.set(status._tag === "Some" ? 1 : 0)
      if (status._tag === "Some") {
        const s = status.value
        for (const x of s.streams) {
          messages.set({ stream: x.name }, x.messages)
          bytes.set({ stream: x.name }, x.bytes)
        }
        for (const c of s.consumers) {
          const labels = { stream: c.stream, consumer: c.name }
          pending.set(labels, c.pending)
          ackPending.set(labels, c.ackPending)
          redelivered.set(labels, c.redelivered)
          waiting.set(labels, c.waiting)
        }
        for (const [worker, n] of Object.entries(s.dlq)) dlq.set({ worker }, n)
        health.set(levels[worst(verdicts(s, previous))])
        previous = s
      }
      return yield* Effect.promise(() => registry.metrics())
    })
    return StreamMetrics.of({ render })
  })

  static readonly layer = Layer.effect(StreamMetrics, StreamMetrics.make)
}
