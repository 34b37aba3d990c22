import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { readFileSync } from "node:fs"
import { restore, runPii } from "../../domain/Pii.ts"
import { defaultPiiConfig, PiiConfig } from "../../domain/PiiConfig.ts"
import { loadPiiConfigFile } from "../PiiSettings.ts"
import { reported } from "./CliSupport.ts"

const readText = (file: string, what: string) =>
  Effect.try({ try: () => readFileSync(file === "-" ? 0 : file, "utf8"), catch: (e) => new Error(`${what} ${file}: ${(e as Error).message}`) })

const configFlag = Flag.String("config").pipe(
  Flag.withDescription("PII settings JSON (the shape of infra/pii/config.json and of vigil-config/pii); default: that file"),
  Flag.optional
)
const operatorFlag = Flag.Literals("operator", ["replace", "redact", "mask", "hash", "pseudonymize"]).pipe(
  Flag.withDescription("operator for every type, overriding the settings' operators (mask keeps the last 4 characters)"),
  Flag.optional
)

const detectCommand = Command.make(
  "detect",
  { config: configFlag, operator: operatorFlag, text: Argument.String("text").pipe(Argument.withDescription("the text, or - for standard input")) },
  ({ config, operator, text }) =>
    reported(Effect.gen(function*() {
      const loaded = Option.isSome(config) ? yield* loadPiiConfigFile(config.value, "--config") : defaultPiiConfig
      const settings = Option.isNone(operator) ? loaded : new PiiConfig({
        ...loaded,
        operators: { default: operator.value === "mask" ? { type: "mask", keep: 4 } : { type: operator.value }, byType: {} }
      })
      const input = text === "-" ? yield* readText("-", "stdin") : text
      const result = runPii(input, settings)
      yield* Console.log(JSON.stringify({
        language: result.language,
        entities: result.entities,
        sanitized_text: result.sanitizedText,
        ...(Object.keys(result.pseudonyms).length > 0 ? { pseudonyms: result.pseudonyms } : {})
      }, null, 2))
    }))
).pipe(Command.withDescription("find PII in a text and show the findings, the language and the rewritten text (offline, no NATS)"))

const restoreCommand = Command.make(
  "restore",
  {
    mapping: Flag.String("mapping").pipe(Flag.withDescription("JSON file with the pseudonyms of a guard answer ({\"[PERSON_1]\": \"…\"})")),
    text: Argument.String("text").pipe(Argument.withDescription("the text with tokens, or - for standard input"))
  },
  ({ mapping, text }) =>
    reported(Effect.gen(function*() {
      const raw = yield* readText(mapping, "--mapping")
      const parsed = yield* Effect.try({ try: () => JSON.parse(raw) as unknown, catch: () => new Error(`--mapping ${mapping}: not JSON`) })
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === "string")) {
        return yield* Effect.fail(new Error(`--mapping ${mapping}: expected an object of token → original value`))
      }
      const input = text === "-" ? yield* readText("-", "stdin") : text
      yield* Console.log(restore(input, parsed as Record<string, string>))
    }))
).pipe(Command.withDescription("put the original values back in place of pseudonym tokens"))

export const piiCommand = Command.make("pii").pipe(
  Command.withDescription("PII recognisers and operators, offline: detect, restore"),
  Command.withSubcommands([detectCommand, restoreCommand])
)
