import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { LoggingLive } from "../src/LoggingProcess.ts"
import { workerProcess } from "../src/Workers.ts"

// One copy per embedded data directory (VIGIL_CLICKHOUSE_DIR); with CLICKHOUSE_URL, run as many as you like:
// they share the durable consumer vigil-logging.
NodeRuntime.runMain(Layer.launch(workerProcess("vigil-logging", LoggingLive)))
