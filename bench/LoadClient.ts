import * as http from "node:http"
import { dueAt, dueBy, type OpenLoopPlan, plannedCount } from "./OpenLoop.ts"
import { type LatencySummary, summarize } from "./Percentiles.ts"
import type { StepResult } from "./Verdict.ts"

export interface Target {
  readonly url: string
  readonly apiKey: string
  readonly sockets: number
  readonly timeoutMs: number
}

export interface StepOutcome extends StepResult {
  readonly errorKinds: Record<string, number>
  readonly decisions: Record<string, number>
  /** Latency of answered requests by prompt kind (benign, attack, pii, long). */
  readonly byKind: Record<string, LatencySummary>
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1
}

/**
 * An open-loop HTTP client: sends `bodies` round-robin at a fixed rate over keep-alive sockets, whatever the
 * answers do. A request still unanswered `timeoutMs` after it was due is aborted and counted as a timeout,
 * as is a 504 from the api; anything else that is not a 200 is an error.
 */
export const makeLoadClient = (target: Target) => {
  const url = new URL(target.url)
  let cursor = 0

  const runStep = (plan: OpenLoopPlan, bodies: ReadonlyArray<Buffer>, kinds: ReadonlyArray<string> = []): Promise<StepOutcome> =>
    new Promise((resolve) => {
      // A fresh pool per step: a socket left idle between steps may be closed by the server (keep-alive
      // timeout) just as it is reused, which would show up as a reset that the server never caused.
      const agent = new http.Agent({ keepAlive: true, maxSockets: target.sockets, maxFreeSockets: target.sockets })
      const planned = plannedCount(plan)
      const latencies: Array<number> = []
      const errorKinds: Record<string, number> = {}
      const decisions: Record<string, number> = {}
      const inFlight = new Map<number, { readonly due: number; readonly req: http.ClientRequest; readonly kind: string }>()
      const kindLatencies: Record<string, Array<number>> = {}
      let next = 0
      let settled = 0
      let timeouts = 0
      let errors = 0
      let lastOkAt = 0
      let maxSendLagMs = 0
      const start = performance.now()

      const finish = (i: number, outcome: "ok" | "timeout" | string, now: number) => {
        const entry = inFlight.get(i)
        if (entry === undefined) return // already counted (a timeout racing a late answer)
        inFlight.delete(i)
        settled++
        if (outcome === "ok") {
          latencies.push(now - entry.due)
          ;(kindLatencies[entry.kind] ??= []).push(now - entry.due)
          lastOkAt = now
        } else if (outcome === "timeout") timeouts++
        else {
          errors++
          bump(errorKinds, outcome)
        }
        if (settled === planned) done()
      }

      // `again` is the body index of a request being sent a second time (see the error handler).
      const send = (i: number, due: number, again?: number) => {
        const retry = again !== undefined
        const at = again ?? cursor++ % bodies.length
        const body = bodies[at]!
        const kind = kinds[at] ?? "all"
        const req = http.request({
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length, authorization: `Bearer ${target.apiKey}` }
        }, (res) => {
          const chunks: Array<Buffer> = []
          res.on("data", (c: Buffer) => chunks.push(c))
          res.on("end", () => {
            const now = performance.now()
            if (res.statusCode === 200) {
              const decision = /"decision":"([A-Z_]+)"/.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? "unknown"
              bump(decisions, decision)
              finish(i, "ok", now)
            } else finish(i, res.statusCode === 504 ? "timeout" : `http_${res.statusCode}`, now)
          })
          res.on("error", (e) => finish(i, `response_${(e as NodeJS.ErrnoException).code ?? "error"}`, performance.now()))
        })
        req.on("error", (e) => {
          const code = (e as NodeJS.ErrnoException).code
          // A kept-alive socket the server closed as idle just as it was reused: the request never reached
          // the server, so it is sent again once (Node's documented pattern), still timed from its due time.
          if (code === "ECONNRESET" && req.reusedSocket && !retry && inFlight.get(i)?.req === req) {
            inFlight.delete(i)
            return send(i, due, at)
          }
          finish(i, `request_${code ?? "error"}`, performance.now())
        })
        inFlight.set(i, { due, req, kind })
        req.end(body)
        maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due)
      }

      // A 1 ms timer rather than a busy loop: the generator shares two cores with what it measures.
      const tick = () => {
        const now = performance.now()
        const due = dueBy(plan, now - start)
        while (next < due) {
          send(next, start + dueAt(plan, next))
          next++
        }
        if (next < planned) setTimeout(tick, 1)
      }
      const sweep = setInterval(() => {
        const now = performance.now()
        for (const [i, { due, req }] of inFlight) {
          if (now - due > target.timeoutMs) {
            finish(i, "timeout", now)
            req.destroy()
          }
        }
      }, 100)
      const done = () => {
        clearInterval(sweep)
        agent.destroy()
        const elapsedS = Math.max(plan.durationMs, lastOkAt - start) / 1000
        resolve({
          offeredRps: plan.ratePerSecond,
          achievedRps: Math.round((latencies.length / elapsedS) * 10) / 10,
          sent: planned,
          ok: latencies.length,
          errors,
          timeouts,
          latency: summarize(latencies),
          maxSendLagMs,
          errorKinds,
          decisions,
          byKind: Object.fromEntries(Object.entries(kindLatencies).map(([k, xs]) => [k, summarize(xs)]))
        })
      }
      tick()
    })

  return { runStep, close: () => undefined }
}
