import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { DevStack } from "../src/DevStack.ts"

// Everything in one process for development; production runs each worker kind as its own program.
NodeRuntime.runMain(Layer.launch(DevStack))
