import { Cause, Exit, Result, Schema } from "effect"
import type { DecisionMade } from "../../domain/Events.ts"
import { Mode } from "../../domain/Request.ts"

/** Unicode code points: what a client counts as characters (an emoji is one, not two UTF-16 units). */
export const codePointLength = (s: string): number => {
  let pairs = 0
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++
        i++
      }
    }
  }
  return s.length - pairs
}

/**
 * The body of `POST /v1/guard/input`. Unknown fields are ignored (clients may send newer fields).
 * Empty text is refused: it is nearly always a client bug (wrong field, unread input), and answering
 * ALLOW would hide it. Whitespace-only text is a prompt like any other.
 */
export const guardBody = (maxTextLength: number) =>
  Schema.Struct({
    text: Schema.String.annotate({ message: "text must be a string" }).check(
      Schema.makeFilter((t: string) => t.length > 0 || "text must not be empty"),
      Schema.makeFilter((t: string) =>
        t.length <= maxTextLength || codePointLength(t) <= maxTextLength ||
        `text is ${codePointLength(t)} characters, over the limit of ${maxTextLength}`
      )
    ).pipe(Schema.annotateKey({ messageMissingKey: "text is required" })),
    mode: Schema.optionalKey(Mode.annotate({ message: "mode must be \"fast\" or \"full\"" })),
    return_decision_process: Schema.optionalKey(
      Schema.Boolean.annotate({ message: "return_decision_process must be a boolean" })
    )
  })
export type GuardBody = ReturnType<typeof guardBody>["Type"]

/** Parses and validates a request body; the failure is a reason fit to show the client. */
export const parseGuardBody = (schema: ReturnType<typeof guardBody>) => {
  const decode = Schema.decodeUnknownExit(schema, { errors: "all" })
  return (raw: string): Result.Result<GuardBody, string> => {
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch (e) {
      if (raw.trim() === "") return Result.fail("the body is empty: send a JSON object with a text field")
      // V8's message can quote the body, which may hold the prompt: keep only the position.
      const position = /position (\d+)/.exec(String((e as Error)?.message))?.[1]
      return Result.fail(`the body is not valid JSON${position !== undefined ? ` (at position ${position})` : ""}`)
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      return Result.fail("the body must be a JSON object with a text field")
    }
    const exit = decode(json)
    if (Exit.isSuccess(exit)) return Result.succeed(exit.value)
    const error = Cause.findErrorOption(exit.cause)
    const message = error._tag === "Some" ? error.value.message : "invalid body"
    // Custom messages name their field already; drop the formatter's "at [path]" lines.
    return Result.fail(message.split("\n").filter((line) => !line.startsWith("  at ")).join("; "))
  }
}

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Keys to snake_case, so the nested decision process reads like the rest of the response. */
export const snakeKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(snakeKeys)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeCase(k), snakeKeys(v)]))
    : value

const encodeProcess = (d: DecisionMade) => snakeKeys(d.process)

/** The 200 answer. `sanitized_text` only for SANITIZE; `decision_process` only when asked for. */
export const guardResponse = (requestId: string, decision: DecisionMade, withProcess: boolean) => ({
  request_id: requestId,
  decision: decision.decision,
  threat_score: decision.threatScore,
  categories: decision.categories,
  pii_detected: decision.piiDetected,
  pii_types: decision.piiTypes,
  ...(decision.decision === "SANITIZE" && decision.sanitizedText !== undefined
    ? { sanitized_text: decision.sanitizedText }
    : {}),
  ...(decision.pseudonyms !== undefined ? { pii_pseudonyms: decision.pseudonyms } : {}),
  ...(withProcess ? { decision_process: encodeProcess(decision) } : {})
})
