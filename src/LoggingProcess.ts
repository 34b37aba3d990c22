import { Layer } from "effect"
import { Clickhouse } from "./Clickhouse.ts"
import { LoggingHealth } from "./LoggingHealth.ts"
import { LoggingQueryResponder } from "./LoggingQueryResponder.ts"
import { LogStore } from "./LoggingStore.ts"
import { LoggingWorker } from "./LoggingWorker.ts"
import { ReplayQueryResponder } from "./ReplayQueryResponder.ts"

/**
 * The logging worker and its query responder on the ClickHouse that config names. It needs LoggingHealth,
 * so that a process running the api too can provide one LoggingHealth to both and report it.
 * Finalizers run in reverse: stop fetching and settle the batch in hand, then close ClickHouse.
 */
export const LoggingWorkers = Layer.mergeAll(LoggingWorker, LoggingQueryResponder, ReplayQueryResponder).pipe(
  Layer.provide(LogStore.layerConfig),
  Layer.provide(Clickhouse.layerConfig)
)

/** Self-contained: for `workerProcess("vigil-logging", LoggingLive)` and programs/all.ts. */
export const LoggingLive = LoggingWorkers.pipe(Layer.provide(LoggingHealth.layer))
