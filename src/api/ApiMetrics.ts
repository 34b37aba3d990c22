import { Context, Effect, Layer, Schema } from "effect"
import * as Prom from "prom-client"

export const ErrorKind = Schema.Literals([
  "bad_request",
  "unauthorized",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "timeout",
  "internal"
])
export type ErrorKind = typeof ErrorKind.Type

/**
 * Prometheus metrics of the api, on a registry of its own (not prom-client's global one), so two apis in
 * one process (tests) do not collide. Node's process metrics come along with the `vigil_api_` prefix.
 */
export class ApiMetrics extends Context.Service<ApiMetrics, {
  readonly recordGuard: (options: {
    readonly status: number
    readonly decision: string | undefined
    readonly mode: string | undefined
    readonly seconds: number
  }) => void
  readonly recordError: (kind: ErrorKind) => void
  readonly render: Effect.Effect<{ readonly contentType: string; readonly body: string }>
}>()("vigil/api/ApiMetrics") {
  static readonly make = Effect.sync(() => {
    const registry = new Prom.Registry()
    Prom.collectDefaultMetrics({ register: registry, prefix: "vigil_api_" })
    const requests = new Prom.Counter({
      name: "vigil_api_guard_requests_total",
      help: "Guard requests answered, by HTTP status and decision (decision is 'none' when there was none).",
      labelNames: ["status", "decision"] as const,
      registers: [registry]
    })
    const duration = new Prom.Histogram({
      name: "vigil_api_guard_request_duration_seconds",
      help: "Time from receiving a guard request to answering it, through the whole pipeline.",
      labelNames: ["status", "mode"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry]
    })
    const errors = new Prom.Counter({
      name: "vigil_api_errors_total",
      help: "Requests the api refused or could not answer, by kind.",
      labelNames: ["kind"] as const,
      registers: [registry]
    })
    return ApiMetrics.of({
      recordGuard: ({ decision, mode, seconds, status }) => {
        requests.inc({ status: String(status), decision: decision ?? "none" })
        duration.observe({ status: String(status), mode: mode ?? "none" }, seconds)
      },
      recordError: (kind) => errors.inc({ kind }),
      render: Effect.promise(async () => ({ contentType: registry.contentType, body: await registry.metrics() }))
    })
  })

  static readonly layer = Layer.effect(ApiMetrics, ApiMetrics.make)
}
