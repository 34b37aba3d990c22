import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { withLocalNatsFallback } from "../src/LocalFallback.ts"
import { ArbiterWorker, workerProcess } from "../src/Workers.ts"

// Run more copies of this program to scale: they share the durable consumer vigil-arbiter.
NodeRuntime.runMain(Layer.launch(withLocalNatsFallback(workerProcess("vigil-arbiter", ArbiterWorker))))
