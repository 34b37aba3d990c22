import { Config, Duration, Effect, Option, Redacted, Schema } from "effect"
import { readExternalScore } from "../domain/ClassifierExternal.ts"
import type { Branch } from "./DetectionBranches.ts"

/**
 * Branch C served by another process (Llama Prompt Guard 2, LLM Guard's API, …) over HTTP:
 *
 *   VIGIL_CLASSIFIER_URL      (none)      POST {"text": …} here; when set it replaces the built-in model
 *   VIGIL_CLASSIFIER_TIMEOUT  2 seconds   the adapter's own limit; the stage's branch timeout
 *                                         (config branchTimeoutMs.classifier) usually fires first
 *   VIGIL_CLASSIFIER_API_KEY  (none)      sent as `Authorization: Bearer …`
 *
 * A failure never scores 0 silently: it is an error, which the detection stage reports as status
 * `failed` (or `timeout`), and the arbiter treats as a degraded branch.
 */
export class ExternalClassifierError extends Schema.TaggedError<ExternalClassifierError>()("ExternalClassifierError", {
  reason: Schema.Literals(["timeout", "unreachable", "http_status", "bad_answer"]),
  message: Schema.String
}) {}

export interface ExternalClassifierOptions {
  readonly url: string
  readonly timeout: Duration.Duration
  readonly apiKey?: Redacted.Redacted<string>
  readonly name?: string
}

const call = (options: ExternalClassifierOptions, text: string, signal: AbortSignal) =>
  fetch(options.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(options.apiKey !== undefined ? { authorization: `Bearer ${Redacted.value(options.apiKey)}` } : {})
    },
    body: JSON.stringify({ text }),
    signal
  })

export const externalClassifierBranch = (options: ExternalClassifierOptions): Branch => ({
  name: options.name ?? "classifier",
  run: Effect.fnUntraced(function*(request) {
    const response = yield* Effect.tryPromise({
      try: (signal) => call(options, request.text, signal).then(async (r) => ({ status: r.status, body: await r.text() })),
      catch: (e) => new ExternalClassifierError({ reason: "unreachable", message: `${options.url}: ${(e as Error).message}` })
    }).pipe(
      Effect.timeoutOrElse({
        duration: options.timeout,
        orElse: () =>
          Effect.fail(new ExternalClassifierError({ reason: "timeout", message: `${options.url}: no answer within ${Duration.format(options.timeout)}` }))
      })
    )
    if (response.status < 200 || response.status > 299) {
      return yield* new ExternalClassifierError({ reason: "http_status", message: `${options.url}: HTTP ${response.status}` })
    }
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      return yield* new ExternalClassifierError({ reason: "bad_answer", message: `${options.url}: answer is not JSON` })
    }
    const read = readExternalScore(body)
    if (read._tag === "Invalid") {
      return yield* new ExternalClassifierError({ reason: "bad_answer", message: `${options.url}: ${read.reason}` })
    }
    return { score: read.score, categories: read.score >= 70 ? ["CLASSIFIER_EXTERNAL"] : [], evidence: [`external ${read.score}`] }
  })
})

/** The external branch when VIGIL_CLASSIFIER_URL is set, none otherwise. */
export const externalClassifierFromConfig = Effect.gen(function*() {
  const url = yield* Config.option(Config.String("VIGIL_CLASSIFIER_URL"))
  if (Option.isNone(url)) return Option.none<Branch>()
  const timeout = yield* Config.Duration("VIGIL_CLASSIFIER_TIMEOUT").pipe(Config.withDefault(Duration.seconds(2)))
  const apiKey = yield* Config.option(Config.Redacted("VIGIL_CLASSIFIER_API_KEY"))
  return Option.some(externalClassifierBranch({
    url: url.value,
    timeout,
    ...(Option.isSome(apiKey) ? { apiKey: apiKey.value } : {})
  }))
})
