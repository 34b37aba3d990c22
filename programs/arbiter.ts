import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { ArbiterWorker, workerProcess } from "../src/Workers.ts"

// Run more copies of this program to scale: they share the durable consumer vigil-arbiter.
NodeRuntime.runMain(Layer.launch(workerProcess("vigil-arbiter", ArbiterWorker)))
