import { Effect } from "effect"
import { HttpRouter, HttpServerResponse } from "effect/http"
import { ApiMetrics } from "./ApiMetrics.ts"
import { Health } from "./Health.ts"
import { StreamMetrics } from "./StreamMetrics.ts"

/**
 * Routes without an API key: probes and Prometheus scrapes. They show no prompts, keys or request data;
 * keep the port off the public internet or filter these paths at the proxy if their figures are private.
 */
export const OpsRoutes = HttpRouter.use(Effect.fnUntraced(function*(router) {
  const health = yield* Health
  const metrics = yield* ApiMetrics
  // Made here rather than as an api service: it needs only the process's Nats connection.
  const streams = yield* StreamMetrics.make

  // Liveness: the process answers. Readiness (NATS and streams) is /health, so that an orchestrator does
  // not restart a healthy api while NATS is away.
  yield* router.add("GET", "/health/live", HttpServerResponse.jsonUnsafe({ status: "ok" }))

  yield* router.add("GET", "/health", Effect.gen(function*() {
    const report = yield* health.check
    if (report.status !== "ok") yield* Effect.logWarning(`health: ${report.reason}`)
    return HttpServerResponse.jsonUnsafe(report, { status: report.status === "ok" ? 200 : 503 })
  }))

  yield* router.add("GET", "/metrics", Effect.map(Effect.all([metrics.render, streams.render]), ([{ body, contentType }, jetstream]) =>
    HttpServerResponse.text(`${body}\n${jetstream}`, { contentType })))

  yield* router.add("*", "*", (request) =>
    Effect.succeed(HttpServerResponse.jsonUnsafe(
      { error: "not_found", reason: `no route ${request.method} ${request.url.split("?")[0]}` },
      { status: 404 }
    )))
}))
