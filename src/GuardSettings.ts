import { Context, Effect, Layer, Ref } from "effect"
import { defaultConfig, type GuardConfig } from "../domain/Config.ts"

/** The configuration in force. A Ref so that a KV watcher can swap it without restarting workers. */
export class GuardSettings extends Context.Service<GuardSettings, {
  readonly current: Effect.Effect<GuardConfig>
  readonly set: (config: GuardConfig) => Effect.Effect<void>
}>()("vigil/GuardSettings") {
  static readonly make = (initial: GuardConfig) =>
    Effect.map(Ref.make(initial), (ref) => GuardSettings.of({ current: Ref.get(ref), set: (c) => Ref.set(ref, c) }))

  static readonly layerStatic = (config: GuardConfig) => Layer.effect(GuardSettings, GuardSettings.make(config))
  static readonly layer = GuardSettings.layerStatic(defaultConfig)
}
