import { Config, Effect, Layer, Logger } from "effect"
import { ConfigWatchLive } from "./ConfigWatch.ts"
import { DeadLetter } from "./DeadLetter.ts"
import { DetectionBranches, WarmBranches } from "./DetectionBranches.ts"
import { GuardSettings } from "./GuardSettings.ts"
import { MaxDeliveriesWorker } from "./MaxDeliveries.ts"
import { Nats } from "./NatsConnection.ts"
import { PiiConfigWatchLive, PiiSettings } from "./PiiSettings.ts"
import { pipelineWorker } from "./PipelineWorker.ts"
import { ProvisionLive } from "./Provision.ts"
import { Arbiter, arbiterStage, detectionStage, PiiRecognizer, piiStage } from "./Stages.ts"
import { Topology } from "./Topology.ts"

export const DetectionWorker = pipelineWorker("detection", detectionStage).pipe(Layer.provide(WarmBranches))
export const PiiWorker = pipelineWorker("pii", piiStage)
export const ArbiterWorker = pipelineWorker("arbiter", arbiterStage)
export { MaxDeliveriesWorker }

/** `VIGIL_LOG_FORMAT=json` for log shippers; pretty lines otherwise. */
export const LoggerLive = Layer.unwrap(
  Effect.map(
    Config.Literals(["pretty", "json"], "VIGIL_LOG_FORMAT").pipe(Config.withDefault("pretty" as const)),
    (format) => Logger.layer([format === "json" ? Logger.consoleJson : Logger.consolePretty()])
  )
)

/**
 * What every worker process shares: one NATS connection, the topology, provisioning (done before any
 * worker starts), the DLQ publisher, the config in force (seeded from KV and watched, after provisioning
 * made the bucket) and the replaceable stage services.
 */
export const baseLayer = (processName: string) => {
  const core = Layer.mergeAll(Topology.layer, Nats.layerConfig(processName))
  return Layer.mergeAll(
    DeadLetter.layer,
    GuardSettings.layer,
    DetectionBranches.layer,
    PiiRecognizer.layer.pipe(Layer.provideMerge(PiiSettings.layerConfig)),
    Arbiter.layer,
    ProvisionLive
  ).pipe(
    Layer.provideMerge(core),
    (services) => Layer.provideMerge(ConfigWatchLive, services),
    (services) => Layer.provideMerge(PiiConfigWatchLive, services)
  )
}

/**
 * A process: its workers (always with the MAX_DELIVERIES mover), user stage Layers built first so their
 * registrations are in place before the first message, all on one shared base.
 */
export const workerProcess = <A, E, R, E2 = never, R2 = never>(
  processName: string,
  workers: Layer.Layer<A, E, R>,
  customStages: Layer.Layer<never, E2, R2> = Layer.empty as Layer.Layer<never, E2, R2>
) =>
  Layer.mergeAll(workers, MaxDeliveriesWorker).pipe(
    Layer.provide(customStages),
    Layer.provide(baseLayer(processName)),
    Layer.provide(LoggerLive)
  )
