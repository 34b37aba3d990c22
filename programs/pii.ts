import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { PiiWorker, workerProcess } from "../src/Workers.ts"

// Run more copies of this program to scale: they share the durable consumer vigil-pii.
NodeRuntime.runMain(Layer.launch(workerProcess("vigil-pii", PiiWorker)))
