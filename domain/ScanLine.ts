import { Result } from "effect"
import type { BranchResult, DecisionMade, PiiEntity } from "./Events.ts"

/**
 * One line of `vigil scan` / `vigil eval` input and output (JSONL). Offsets in the output are UTF-16 code
 * units into the original text, i.e. JavaScript string indices, so `text.slice(start, end)` is the entity.
 */
export type Label = "malicious" | "benign"

export interface ScanInput {
  /** The line's own id, else its 1-based line number, so output lines can be matched to input lines. */
  readonly id: string | number
  readonly text: string
  readonly label: Label | undefined
  readonly category: string | undefined
}

export interface ScanError {
  readonly line: number
  readonly id?: string | number
  readonly error: string
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

export const parseLine = (line: string, lineNo: number, requireLabel = false): Result.Result<ScanInput, ScanError> => {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch (e) {
    return Result.fail({ line: lineNo, error: `not JSON: ${(e as Error).message}` })
  }
  if (!isRecord(json)) return Result.fail({ line: lineNo, error: "expected a JSON object with a \"text\" string" })
  const rawId = json["id"]
  const id = typeof rawId === "string" || typeof rawId === "number" ? rawId : lineNo
  const fail = (error: string) => Result.fail({ line: lineNo, id, error })
  if (rawId !== undefined && rawId !== id) return fail("\"id\" must be a string or a number")
  if (typeof json["text"] !== "string") return fail("expected a JSON object with a \"text\" string")
  const label = json["label"]
  if (label !== undefined && label !== "malicious" && label !== "benign") return fail("\"label\" must be \"malicious\" or \"benign\"")
  if (requireLabel && label === undefined) return fail("missing \"label\" (\"malicious\" or \"benign\")")
  const category = typeof json["category"] === "string" ? json["category"] : undefined
  return Result.succeed({ id, text: json["text"], label, category })
}

export interface ScanOutput {
  readonly id: string | number
  readonly decision: DecisionMade["decision"]
  readonly threat_score: number
  readonly categories: ReadonlyArray<string>
  readonly branches: Record<string, { readonly score: number; readonly status: string }>
  readonly pii: {
    readonly entities: ReadonlyArray<{ type: string; start: number; end: number; score: number; text: string }>
    readonly sanitized_text: string
  }
}

export const scanOutput = (
  input: ScanInput,
  branches: ReadonlyArray<BranchResult>,
  pii: { readonly entities: ReadonlyArray<PiiEntity>; readonly sanitizedText: string },
  decision: DecisionMade
): ScanOutput => ({
  id: input.id,
  decision: decision.decision,
  threat_score: decision.threatScore,
  categories: decision.categories,
  branches: Object.fromEntries(branches.map((b) => [b.name, { score: b.score, status: b.status }])),
  pii: {
    entities: pii.entities.map((e) => ({ type: e.type, start: e.start, end: e.end, score: e.score, text: input.text.slice(e.start, e.end) })),
    sanitized_text: pii.sanitizedText
  }
})
