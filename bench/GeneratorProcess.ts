import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"
import type { StepOutcome, Target } from "./LoadClient.ts"
import type { OpenLoopPlan } from "./OpenLoop.ts"

type Reply = { type: "ready" } | { type: "result"; result: StepOutcome } | { type: "error"; message: string }

/** The forked load generator (bench/generator.ts), one request/answer at a time over IPC. */
export const startGenerator = async (
  target: Target,
  bodies: Record<string, ReadonlyArray<string>>,
  kinds: ReadonlyArray<string> = []
) => {
  const child = fork(fileURLToPath(new URL("./generator.ts", import.meta.url)), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] })
  if (child.pid === undefined) throw new Error("could not start the load generator")
  let waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined
  child.on("message", (m: Reply) => waiting?.resolve(m))
  child.on("exit", (code) => waiting?.reject(new Error(`load generator exited with ${code}`)))
  const ask = (message: unknown) =>
    new Promise<Reply>((resolve, reject) => {
      waiting = { resolve, reject }
      child.send(message as never)
    }).finally(() => (waiting = undefined))

  const ready = await ask({ type: "init", target, bodies, kinds })
  if (ready.type !== "ready") throw new Error(`load generator did not start: ${JSON.stringify(ready)}`)
  return {
    pid: child.pid,
    step: async (plan: OpenLoopPlan, bodySet: string): Promise<StepOutcome> => {
      const reply = await ask({ type: "step", plan, bodySet })
      if (reply.type !== "result") throw new Error(`load generator: ${JSON.stringify(reply)}`)
      return reply.result
    },
    stop: () => {
      child.disconnect()
      return new Promise<void>((r) => (child.exitCode !== null ? r() : child.once("exit", () => r())))
    }
  }
}
export type Generator = Awaited<ReturnType<typeof startGenerator>>
