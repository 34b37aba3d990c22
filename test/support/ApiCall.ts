import { Effect } from "effect"
import type { HttpServer } from "effect/http"
import { apiUrl } from "../../src/api/ApiServer.ts"

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly body: any
}

/** One HTTP call to the api under test; the body parsed as JSON when it is JSON (not for /metrics). */
export const call = (path: string, init: RequestInit = {}): Effect.Effect<Answer, never, HttpServer.HttpServer> =>
  Effect.flatMap(apiUrl, (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}${path}`, init)
      const text = await response.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // Prometheus text
      }
      return { status: response.status, headers: response.headers, body }
    }))
