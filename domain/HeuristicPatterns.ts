/**
 * Branch A's built-in pattern set, kept as data in infra/patterns/default.json (the same shape a
 * `vigil-patterns` KV entry has). Patterns run on `normalize`d text: lower case, no diacritics
 * ("pomiń" → "pomin"), leetspeak undone, whitespace collapsed to single spaces (so no line anchors).
 *
 * Strong phrases address the model and its instructions; bare trigger words ("ignore", "prompt",
 * "override", "developer mode") never score alone, since code and security questions use them.
 *
 * The built-in set runs on V8's engine for speed; every entry must also compile as RE2 (tested), so it
 * uses nothing that needs backtracking. Libraries from users go through `parseUserLibrary` instead, where
 * these same sources (trusted once loaded) keep the fast engine and new or changed ones get RE2.
 */
import { Result, Schema } from "effect"
import library from "../infra/patterns/default.json" with { type: "json" }
import { compileLibrary, type HeuristicPattern, PatternLibrary, trustSources } from "./PatternLibrary.ts"

export type { HeuristicPattern } from "./PatternLibrary.ts"

export const defaultLibrary: PatternLibrary = Schema.decodeUnknownSync(PatternLibrary)(library)

const compiled = compileLibrary(defaultLibrary, "native")
if (Result.isFailure(compiled)) throw new Error(`infra/patterns/default.json: ${compiled.failure.map((e) => e.message).join("; ")}`)

export const patterns: ReadonlyArray<HeuristicPattern> = compiled.success
trustSources(patterns.map((p) => p.pattern.source))
