import { Config, Context, Effect, Layer, Option, Redacted, Schema } from "effect"
import { Mode } from "../../domain/Request.ts"

/**
 * The api's settings (environment variables):
 *
 *   HOST                    0.0.0.0      interface to listen on
 *   PORT                    8787         0 picks a free port
 *   VIGIL_API_KEYS          (none)       comma-separated keys; a client sends one as
 *                                        `Authorization: Bearer <key>` or `X-API-Key: <key>`
 *   VIGIL_ALLOW_NO_AUTH     false        with no keys: true serves without auth (development),
 *                                        false refuses to start. Ignored when keys are set.
 *   VIGIL_DEFAULT_MODE      full         mode of a request that names none (fast | full)
 *   VIGIL_MAX_TEXT_LENGTH   100000       characters (code points) of `text`
 *   VIGIL_MAX_BODY_BYTES    1048576      request body; over it → 413
 *   VIGIL_RATE_LIMIT_RPS    100          token refill per key per second (per api process)
 *   VIGIL_RATE_LIMIT_BURST  200          bucket size per key
 *   VIGIL_REPLY_TIMEOUT     5 seconds    read by GuardGateway: publish + decision deadline → 504
 */
export class ApiConfigError extends Schema.TaggedError<ApiConfigError>()("ApiConfigError", {
  message: Schema.String
}) {}

export interface ApiSettings {
  readonly host: string
  /** 0 picks a free port (tests); read the bound address from `HttpServer`. */
  readonly port: number
  /** Comma-separated keys, kept redacted; empty means no keys were configured. */
  readonly apiKeys: ReadonlyArray<Redacted.Redacted<string>>
  /** Only consulted when `apiKeys` is empty: serve without auth instead of refusing to start. */
  readonly allowNoAuth: boolean
  readonly defaultMode: Mode
  /** In Unicode code points, not UTF-16 units. */
  readonly maxTextLength: number
  readonly maxBodyBytes: number
  readonly rateLimitRps: number
  readonly rateLimitBurst: number
}

export const apiSettingsConfig: Config.Config<ApiSettings> = Config.all({
  host: Config.String("HOST").pipe(Config.withDefault("0.0.0.0")),
  port: Config.Int("PORT").pipe(Config.withDefault(8787)),
  apiKeys: Config.option(Config.Redacted("VIGIL_API_KEYS")).pipe(
    Config.map(Option.match({
      onNone: () => [],
      onSome: (keys) =>
        Redacted.value(keys).split(",").map((k) => k.trim()).filter((k) => k.length > 0).map((k) => Redacted.make(k))
    }))
  ),
  allowNoAuth: Config.Boolean("VIGIL_ALLOW_NO_AUTH").pipe(Config.withDefault(false)),
  defaultMode: Config.Literals(["fast", "full"], "VIGIL_DEFAULT_MODE").pipe(Config.withDefault("full" as const)),
  maxTextLength: Config.Int("VIGIL_MAX_TEXT_LENGTH").pipe(Config.withDefault(100_000)),
  maxBodyBytes: Config.Int("VIGIL_MAX_BODY_BYTES").pipe(Config.withDefault(1_048_576)),
  rateLimitRps: Config.Finite("VIGIL_RATE_LIMIT_RPS").pipe(Config.withDefault(100)),
  rateLimitBurst: Config.Finite("VIGIL_RATE_LIMIT_BURST").pipe(Config.withDefault(200))
})

const validate = (s: ApiSettings): Effect.Effect<ApiSettings, ApiConfigError> => {
  const problems = [
    s.port < 0 || s.port > 65535 ? `PORT must be 0..65535 (got ${s.port})` : undefined,
    s.maxTextLength < 1 ? `VIGIL_MAX_TEXT_LENGTH must be at least 1 (got ${s.maxTextLength})` : undefined,
    s.maxBodyBytes < 1024 ? `VIGIL_MAX_BODY_BYTES must be at least 1024 (got ${s.maxBodyBytes})` : undefined,
    !(s.rateLimitRps > 0) ? `VIGIL_RATE_LIMIT_RPS must be positive (got ${s.rateLimitRps})` : undefined,
    !(s.rateLimitBurst >= 1) ? `VIGIL_RATE_LIMIT_BURST must be at least 1 (got ${s.rateLimitBurst})` : undefined,
    s.apiKeys.length === 0 && !s.allowNoAuth
      ? "VIGIL_API_KEYS is empty: set it to one or more comma-separated keys, or set VIGIL_ALLOW_NO_AUTH=true " +
        "to serve without authentication (development only)"
      : undefined
  ].filter((p) => p !== undefined)
  return problems.length === 0 ? Effect.succeed(s) : Effect.fail(new ApiConfigError({ message: problems.join("; ") }))
}

/** The api's settings, read and checked once at start-up: a bad value stops the process with a clear message. */
export class ApiConfig extends Context.Service<ApiConfig, ApiSettings>()("vigil/api/ApiConfig") {
  static readonly layer = (settings: ApiSettings) => Layer.effect(ApiConfig, Effect.map(validate(settings), ApiConfig.of))
  static readonly layerConfig = Layer.unwrap(Effect.map(apiSettingsConfig, ApiConfig.layer))
}
