import { assert, describe, it } from "@effect/vitest"
import type { KvEntry } from "@nats-io/kv"
import { ConfigProvider, Effect, Layer, Schema } from "effect"
import { defaultPiiConfig, PiiConfig } from "../../domain/PiiConfig.ts"
import { makePiiApplier, PiiSettings } from "../../src/PiiSettings.ts"

const entry = (revision: number, value: unknown, operation: "PUT" | "DEL" = "PUT") =>
  ({ revision, operation, string: () => (typeof value === "string" ? value : JSON.stringify(value)) }) as unknown as KvEntry

const encoded = (c: PiiConfig) => Schema.encodeSync(PiiConfig)(c)
const withEnv = (env: Record<string, string>) => Layer.provide(PiiSettings.layerConfig, ConfigProvider.layer(ConfigProvider.fromUnknown(env)))

describe("PiiSettings", () => {
  it.effect("VIGIL_PII_HASH_SALT replaces hashSalt in the default and in every config set later", () =>
    Effect.gen(function*() {
      const settings = yield* PiiSettings
      assert.strictEqual((yield* settings.current).hashSalt, "pepper")
      yield* settings.set(new PiiConfig({ ...defaultPiiConfig, version: "v2", hashSalt: "from-kv" }))
      const now = yield* settings.current
      assert.strictEqual(now.version, "v2")
      assert.strictEqual(now.hashSalt, "pepper")
    }).pipe(Effect.provide(withEnv({ VIGIL_PII_HASH_SALT: "pepper" }))))

  it.effect("without the variable the config's own salt is used", () =>
    Effect.gen(function*() {
      const settings = yield* PiiSettings
      yield* settings.set(new PiiConfig({ ...defaultPiiConfig, hashSalt: "from-kv" }))
      assert.strictEqual((yield* settings.current).hashSalt, "from-kv")
    }).pipe(Effect.provide(withEnv({}))))

  it.effect("the KV applier takes valid revisions, refuses bad or deleted ones, and skips old revisions", () =>
    Effect.gen(function*() {
      const settings = yield* PiiSettings
      const apply = makePiiApplier(settings)
      yield* apply(entry(3, encoded(new PiiConfig({ ...defaultPiiConfig, version: "a" }))))
      assert.strictEqual((yield* settings.current).version, "a@r3")
      yield* apply(entry(4, { ...encoded(defaultPiiConfig), defaultThreshold: 3 }))
      yield* apply(entry(5, "{not json"))
      yield* apply(entry(6, { ...encoded(defaultPiiConfig), surprise: true }))
      yield* apply(entry(7, null, "DEL"))
      assert.strictEqual((yield* settings.current).version, "a@r3")
      yield* apply(entry(2, encoded(new PiiConfig({ ...defaultPiiConfig, version: "old" }))))
      assert.strictEqual((yield* settings.current).version, "a@r3")
      yield* apply(entry(8, encoded(new PiiConfig({ ...defaultPiiConfig, version: "b" }))))
      assert.strictEqual((yield* settings.current).version, "b@r8")
    }).pipe(Effect.provide(PiiSettings.layer)))
})
