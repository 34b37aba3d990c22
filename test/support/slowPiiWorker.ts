/**
 * A pii worker copy whose recogniser takes `SLOW_PII_MS` per message: the production worker with its
 * stage replaced through the public PiiRecognizer service. Tests kill it with SIGKILL mid-batch.
 */
import { NodeRuntime } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { runPii } from "../../domain/Pii.ts"
import { PiiRecognizer } from "../../src/Stages.ts"
import { PiiWorker, workerProcess } from "../../src/Workers.ts"

const delay = Number(process.env["SLOW_PII_MS"] ?? "500")
const SlowRecognizer = Layer.succeed(PiiRecognizer, PiiRecognizer.of({
  run: (text) => Effect.sleep(delay).pipe(Effect.as(runPii(text)))
}))

NodeRuntime.runMain(Layer.launch(workerProcess("vigil-slow-pii", PiiWorker.pipe(Layer.provide(SlowRecognizer)))))
