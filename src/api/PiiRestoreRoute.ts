import { ByteSize, Cause, Effect, Exit, Result, Schema } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerResponse } from "effect/http"
import { restore } from "../../domain/Pii/Operators.ts"
import { ApiConfig } from "./ApiConfig.ts"
import { ApiKeys } from "./ApiKeys.ts"
import { ApiMetrics, type ErrorKind } from "./ApiMetrics.ts"

// Pseudonyms are always `[TYPE_n]`: anything else in the mapping is a client mix-up, better refused than applied.
// (A refined key schema would silently drop such keys, so the whole record is checked.)
const TOKEN = /^\[[A-Z0-9_]+_\d+\]$/

export const RestoreBody = Schema.Struct({
  text: Schema.String.annotate({ message: "text must be a string" }).pipe(Schema.annotateKey({ messageMissingKey: "text is required" })),
  pseudonyms: Schema.Record(Schema.String, Schema.String.annotate({ message: "pseudonyms values must be strings" }))
    .annotate({ message: "pseudonyms must be an object of token → original value" })
    .check(Schema.makeFilter((r) => Object.keys(r).every((k) => TOKEN.test(k)) || "pseudonyms keys must be tokens like [PERSON_1]"))
    .pipe(Schema.annotateKey({ messageMissingKey: "pseudonyms is required (the mapping from the guard's answer)" }))
})

const decode = Schema.decodeUnknownExit(RestoreBody, { errors: "all" })

/** The body parsed and checked; the failure is a reason fit for the client (it never quotes the body). */
export const parseRestoreBody = (raw: string): Result.Result<typeof RestoreBody.Type, string> => {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return Result.fail("the body is not valid JSON: send {\"text\": …, \"pseudonyms\": {…}}")
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return Result.fail("the body must be a JSON object")
  const exit = decode(json)
  if (Exit.isSuccess(exit)) return Result.succeed(exit.value)
  const error = Cause.findErrorOption(exit.cause)
  const message = error._tag === "Some" ? error.value.message : "invalid body"
  return Result.fail(message.split("\n").filter((line) => !line.startsWith("  at ")).join("; "))
}

const refuse = (metrics: ApiMetrics["Service"], status: number, kind: ErrorKind, reason: string) => {
  metrics.recordError(kind)
  return HttpServerResponse.jsonUnsafe({ error: kind, reason }, { status, ...(kind === "unauthorized" ? { headers: { "www-authenticate": "Bearer" } } : {}) })
}

/**
 * `POST /v1/pii/restore` with `{text, pseudonyms}` (the mapping from a guard answer): the text with every
 * token replaced by its original value. Stateless: Vigil keeps no mapping, so only the caller can restore.
 * Same keys as the guard route; neither the text nor the mapping is ever logged.
 */
export const PiiRestoreRoute = HttpRouter.use(Effect.fnUntraced(function*(router) {
  const config = yield* ApiConfig
  const keys = yield* ApiKeys
  const metrics = yield* ApiMetrics
  const maxBody = ByteSize.bytes(config.maxBodyBytes)
  yield* router.add("POST", "/v1/pii/restore", (request) =>
    Effect.gen(function*() {
      const key = keys.authenticate(request.headers)
      if (Result.isFailure(key)) return refuse(metrics, 401, "unauthorized", key.failure.reason)
      const raw = yield* request.text.pipe(Effect.provideService(HttpIncomingMessage.MaxBodySize, maxBody), Effect.result)
      if (Result.isFailure(raw)) {
        const tooLarge = raw.failure.reason._tag === "RequestParseError" && raw.failure.reason.reason === "BodyTooLarge"
        return tooLarge
          ? refuse(metrics, 413, "payload_too_large", `the body is over the limit of ${config.maxBodyBytes} bytes`)
          : refuse(metrics, 400, "bad_request", "the body could not be read")
      }
      const body = parseRestoreBody(raw.success)
      if (Result.isFailure(body)) return refuse(metrics, 400, "bad_request", body.failure)
      return HttpServerResponse.jsonUnsafe({ text: restore(body.success.text, body.success.pseudonyms) })
    }).pipe(Effect.withSpan("api.piiRestore")))
}))
