import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import { Command } from "effect/cli"
import { configCommand } from "../src/cli/ConfigCommands.ts"
import { dlqCommand } from "../src/cli/DlqCommands.ts"
import { patternsCommand } from "../src/cli/PatternCommands.ts"
import { piiCommand } from "../src/cli/PiiCommands.ts"
import { referenceCommand } from "../src/cli/ReferenceCommands.ts"
import { replayCommand } from "../src/cli/ReplayCommands.ts"
import { statusCommand } from "../src/cli/StatusCommands.ts"
import { scanCommands } from "../src/cli/ScanCommands.ts"
import { loggingCommands } from "../src/LoggingCommands.ts"

// `pnpm vigil <command>`: each area of Vigil brings its subcommands from a file of its own.
Command.make("vigil").pipe(
  Command.withDescription("Vigil, an LLM prompt guard: operations from the command line"),
  Command.withSubcommands([
    ...loggingCommands,
    ...scanCommands,
    configCommand,
    dlqCommand,
    patternsCommand,
    piiCommand,
    referenceCommand,
    replayCommand,
    statusCommand
  ]),
  Command.run({ version: "0.1.0" }),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)
