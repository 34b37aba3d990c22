import { NodeRuntime } from "@effect/platform-node"
import { Layer } from "effect"
import { ApiLive } from "../src/api/ApiServer.ts"
import { withLocalNatsFallback } from "../src/LocalFallback.ts"
import { workerProcess } from "../src/Workers.ts"

// Stateless: run as many copies as the load needs, behind any HTTP load balancer.
NodeRuntime.runMain(Layer.launch(withLocalNatsFallback(workerProcess("vigil-api", ApiLive))))
