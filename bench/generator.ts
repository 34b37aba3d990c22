/**
 * The load generator, as a process of its own so that it does not share an event loop with anything it
 * measures (it still shares the two cores). The orchestrator forks it and talks over IPC:
 *   → { type: "init", target, bodies, kinds }   ← { type: "ready" }
 *   → { type: "step", plan, bodySet }    ← { type: "result", result }
 */
import { makeLoadClient, type Target } from "./LoadClient.ts"
import { type OpenLoopPlan, validatePlan } from "./OpenLoop.ts"

type Message =
  | {
    readonly type: "init"
    readonly target: Target
    readonly bodies: Record<string, ReadonlyArray<string>>
    /** The prompt kind of each body, by index (the same for every body set). */
    readonly kinds: ReadonlyArray<string>
  }
  | { readonly type: "step"; readonly plan: OpenLoopPlan; readonly bodySet: string }

if (process.send === undefined) {
  console.error("bench/generator.ts is started by bench/main.ts (pnpm bench), not by hand")
  process.exit(2)
}

let client: ReturnType<typeof makeLoadClient> | undefined
let bodies: Record<string, ReadonlyArray<Buffer>> = {}
let kinds: ReadonlyArray<string> = []

process.on("message", (message: Message) => {
  if (message.type === "init") {
    client?.close()
    client = makeLoadClient(message.target)
    kinds = message.kinds
    bodies = Object.fromEntries(Object.entries(message.bodies).map(([k, v]) => [k, v.map((b) => Buffer.from(b))]))
    process.send!({ type: "ready" })
  } else if (message.type === "step") {
    const set = bodies[message.bodySet]
    const problem = client === undefined || set === undefined
      ? `step before init or unknown body set ${message.bodySet}`
      : validatePlan(message.plan)
    if (problem !== undefined || client === undefined || set === undefined) {
      process.send!({ type: "error", message: problem })
      return
    }
    void client.runStep(message.plan, set, kinds).then((result) => process.send!({ type: "result", result }))
  }
})
process.on("disconnect", () => {
  client?.close()
  process.exit(0)
})
