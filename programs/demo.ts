import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { DemoRequests } from "../src/Demo.ts"
import { DevStack } from "../src/DevStack.ts"

NodeRuntime.runMain(Layer.launch(DemoRequests.pipe(Layer.provideMerge(DevStack))))
