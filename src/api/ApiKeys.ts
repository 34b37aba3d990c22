import { createHash, timingSafeEqual } from "node:crypto"
import { Context, Effect, Layer, Redacted, Result } from "effect"
import { ApiConfig } from "./ApiConfig.ts"

const sha256 = (value: string) => createHash("sha256").update(value, "utf8").digest()

/** A short stable name for a key, safe to log and to store with a request: never the key itself. */
export const keyId = (key: string): string => sha256(key).toString("hex").slice(0, 8)

/** The id every request carries when the api runs without keys (VIGIL_ALLOW_NO_AUTH=true). */
export const anonymousKeyId = "anonymous"

export interface Unauthorized {
  readonly reason: string
}

const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i

/**
 * The presented key: `Authorization: Bearer <key>`, else `X-API-Key: <key>`. Another Authorization scheme
 * (a proxy's Basic auth, say) does not hide an X-API-Key.
 */
const presentedKey = (headers: Readonly<Record<string, string | undefined>>): Result.Result<string, Unauthorized> => {
  const authorization = headers["authorization"]?.trim()
  const fromBearer = authorization !== undefined ? bearer.exec(authorization)?.[1] : undefined
  if (fromBearer !== undefined) return Result.succeed(fromBearer)
  const apiKey = headers["x-api-key"]?.trim()
  if (apiKey !== undefined && apiKey !== "") return Result.succeed(apiKey)
  if (authorization !== undefined && authorization !== "") {
    return Result.fail({ reason: "the Authorization header must be 'Bearer <key>' (or send 'X-API-Key: <key>')" })
  }
  return Result.fail({ reason: "missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'" })
}

/**
 * Checks a request's key against VIGIL_API_KEYS. Digests are compared, so every comparison is over 32
 * bytes whatever the key's length, and every configured key is compared, so the time does not say which
 * key (or how much of one) matched.
 */
export class ApiKeys extends Context.Service<ApiKeys, {
  readonly authRequired: boolean
  /** The key id on success. */
  readonly authenticate: (headers: Readonly<Record<string, string | undefined>>) => Result.Result<string, Unauthorized>
}>()("vigil/api/ApiKeys") {
  static readonly make = (keys: ReadonlyArray<Redacted.Redacted<string>>) => {
    const known = keys.map((k) => ({ digest: sha256(Redacted.value(k)), id: keyId(Redacted.value(k)) }))
    if (known.length === 0) {
      return ApiKeys.of({ authRequired: false, authenticate: () => Result.succeed(anonymousKeyId) })
    }
    return ApiKeys.of({
      authRequired: true,
      authenticate: (headers) =>
        Result.flatMap(presentedKey(headers), (key) => {
          const digest = sha256(key)
          let matched: string | undefined
          for (const k of known) {
            if (timingSafeEqual(digest, k.digest) && matched === undefined) matched = k.id
          }
          return matched !== undefined ? Result.succeed(matched) : Result.fail({ reason: "invalid API key" })
        })
    })
  }

  static readonly layer = Layer.effect(
    ApiKeys,
    Effect.gen(function*() {
      const config = yield* ApiConfig
      const keys = ApiKeys.make(config.apiKeys)
      if (!keys.authRequired) {
        yield* Effect.logWarning("VIGIL_API_KEYS is empty and VIGIL_ALLOW_NO_AUTH=true: the api accepts requests without a key")
      } else {
        yield* Effect.logInfo(`api accepts ${config.apiKeys.length} key(s): ${config.apiKeys.map((k) => keyId(Redacted.value(k))).join(", ")}`)
      }
      return keys
    })
  )
}
