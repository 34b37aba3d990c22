import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { DetectionWorker, workerProcess } from "../src/Workers.ts"

// Run more copies of this program to scale: they share the durable consumer vigil-detection.
NodeRuntime.runMain(Layer.launch(workerProcess("vigil-detection", DetectionWorker)))
