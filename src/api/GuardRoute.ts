import { ByteSize, Clock, Effect, Result, Schema } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import { GuardRequest } from "../../domain/Request.ts"
import { GuardGateway } from "../GuardGateway.ts"
import { ApiConfig } from "./ApiConfig.ts"
import { ApiKeys } from "./ApiKeys.ts"
import { ApiMetrics, ErrorKind } from "./ApiMetrics.ts"
import { guardBody, guardResponse, parseGuardBody } from "./GuardBody.ts"
import { RateLimiter } from "./RateLimiter.ts"

/** Every refusal the api answers with, as data: status, a stable error code and a reason for humans. */
export class ApiError extends Schema.TaggedError<ApiError>()("ApiError", {
  status: Schema.Int,
  /** Also the `error` field of the JSON answer and the `kind` label of vigil_api_errors_total. */
  kind: ErrorKind,
  reason: Schema.String,
  retryAfterSeconds: Schema.optionalKey(Schema.Int)
}) {}

const errorResponse = (e: ApiError, requestId: string) =>
  HttpServerResponse.jsonUnsafe(
    { error: e.kind, request_id: requestId, reason: e.reason },
    {
      status: e.status,
      headers: {
        "x-request-id": requestId,
        ...(e.retryAfterSeconds !== undefined ? { "retry-after": String(e.retryAfterSeconds) } : {}),
        ...(e.kind === "unauthorized" ? { "www-authenticate": "Bearer" } : {})
      }
    }
  )

/** `POST /v1/guard/input`: authenticate, rate-limit, validate, stamp, submit, answer. Never logs text or key. */
export const GuardRoute = HttpRouter.use(Effect.fnUntraced(function*(router) {
  const config = yield* ApiConfig
  const keys = yield* ApiKeys
  const limiter = yield* RateLimiter
  const gateway = yield* GuardGateway
  const metrics = yield* ApiMetrics
  const parse = parseGuardBody(guardBody(config.maxTextLength))
  const maxBody = ByteSize.bytes(config.maxBodyBytes)
  const tooLarge = new ApiError({
    status: 413,
    kind: "payload_too_large",
    reason: `the body is over the limit of ${config.maxBodyBytes} bytes`
  })

  const handle = Effect.fnUntraced(function*(request: HttpServerRequest.HttpServerRequest, requestId: string, state: { keyId?: string; mode?: string }) {
    const keyId = keys.authenticate(request.headers)
    if (Result.isFailure(keyId)) {
      return yield* new ApiError({ status: 401, kind: "unauthorized", reason: keyId.failure.reason })
    }
    state.keyId = keyId.success
    yield* Effect.annotateCurrentSpan({ apiKeyId: keyId.success })
    const rate = yield* limiter.take(keyId.success)
    if (!rate.allowed) {
      return yield* new ApiError({
        status: 429,
        kind: "rate_limited",
        reason: `over ${config.rateLimitRps} requests/s (burst ${config.rateLimitBurst}) for this key; retry in ${rate.retryAfterSeconds} s`,
        retryAfterSeconds: rate.retryAfterSeconds
      })
    }
    const declared = Number(request.headers["content-length"])
    if (Number.isFinite(declared) && declared > config.maxBodyBytes) return yield* tooLarge
    const raw = yield* request.text.pipe(
      Effect.provideService(HttpIncomingMessage.MaxBodySize, maxBody),
      Effect.mapError((e) =>
        e.reason._tag === "RequestParseError" && e.reason.reason === "BodyTooLarge"
          ? tooLarge
          : new ApiError({ status: 400, kind: "bad_request", reason: "the body could not be read" })
      )
    )
    const body = parse(raw)
    if (Result.isFailure(body)) return yield* new ApiError({ status: 400, kind: "bad_request", reason: body.failure })
    const mode = body.success.mode ?? config.defaultMode
    state.mode = mode
    const guardRequest = new GuardRequest({
      requestId,
      text: body.success.text,
      mode,
      returnDecisionProcess: body.success.return_decision_process ?? false,
      receivedAt: yield* Clock.currentTimeMillis,
      apiKeyId: keyId.success
    })
    const decision = yield* gateway.submit(guardRequest).pipe(
      Effect.catchTags({
        GatewayTimeout: (e) =>
          Effect.fail(new ApiError({
            status: 504,
            kind: "timeout",
            reason: `no decision within ${e.timeoutMs} ms; the request is still processed and logged under its request_id`
          })),
        GatewayUnavailable: (e) => Effect.fail(new ApiError({ status: 503, kind: "unavailable", reason: e.message }))
      })
    )
    return { decision, withProcess: guardRequest.returnDecisionProcess }
  })

  yield* router.add("POST", "/v1/guard/input", (request) =>
    Effect.gen(function*() {
      const requestId = crypto.randomUUID()
      const started = performance.now()
      const state: { keyId?: string; mode?: string } = {}
      const seconds = () => (performance.now() - started) / 1000
      return yield* handle(request, requestId, state).pipe(
        Effect.map(({ decision, withProcess }) => {
          metrics.recordGuard({ status: 200, decision: decision.decision, mode: state.mode, seconds: seconds() })
          return HttpServerResponse.jsonUnsafe(guardResponse(requestId, decision, withProcess), {
            headers: { "x-request-id": requestId }
          })
        }),
        Effect.catchDefect((defect) =>
          Effect.logError("guard request failed unexpectedly", defect).pipe(
            Effect.andThen(Effect.fail(new ApiError({ status: 500, kind: "internal", reason: "internal error" })))
          )
        ),
        Effect.catch((e) =>
          Effect.gen(function*() {
            metrics.recordError(e.kind)
            metrics.recordGuard({ status: e.status, decision: undefined, mode: state.mode, seconds: seconds() })
            const log = e.status >= 500 ? Effect.logError : Effect.logWarning
            yield* log(`guard request answered ${e.status} ${e.kind}: ${e.reason}`).pipe(
              Effect.annotateLogs(state.keyId !== undefined ? { apiKeyId: state.keyId } : {})
            )
            return errorResponse(e, requestId)
          })
        ),
        Effect.annotateLogs({ requestId }),
        Effect.withSpan("api.guardInput", { attributes: { requestId } })
      )
    }))
}))
