import type { PiiConfig } from "../PiiConfig.ts"
import { type Candidate, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./Types.ts"

/**
 * Context words, allow and deny lists. Patterns are compiled once per config object (configs are
 * immutable values: a new version from the KV bucket is a new object, so the cache never goes stale).
 */

interface Compiled {
  readonly context: ReadonlyMap<string, RegExp>
  readonly penalty: ReadonlyMap<string, RegExp>
  readonly allow: ReadonlySet<string>
  readonly deny: ReadonlyArray<readonly [string, RegExp]>
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const cache = new WeakMap<PiiConfig, Compiled>()

const compile = (config: PiiConfig): Compiled => {
  const hit = cache.get(config)
  if (hit !== undefined) return hit
  const anyOf = (words: ReadonlyArray<string>, flags: string) =>
    new RegExp(`${NOT_AFTER_WORD}(?:` + words.map(escape).join("|") + ")", flags)
  const compiled: Compiled = {
    context: new Map(Object.entries(config.context.words).filter(([, w]) => w.length > 0).map(([type, w]) => [type, anyOf(w, "i")])),
    penalty: new Map(Object.entries(config.context.penalizedBy).flatMap(([type, others]) => {
      const w = others.flatMap((o) => config.context.words[o] ?? [])
      return w.length > 0 ? [[type, anyOf(w, "i")] as const] : []
    })),
    allow: new Set(config.allow.map((a) => a.trim().toLowerCase())),
    deny: Object.entries(config.deny)
      .filter(([, w]) => w.length > 0)
      .map(([type, w]) => [type, new RegExp(anyOf(w, "").source + NOT_BEFORE_WORD, "gi")] as const)
  }
  cache.set(config, compiled)
  return compiled
}

/** Index of the first element ≥ x in an ascending array (its length when none is). */
const firstAtLeast = (xs: ReadonlyArray<number>, x: number): number => {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (xs[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}
const lastAtMost = (xs: ReadonlyArray<number>, x: number): number => firstAtLeast(xs, x + 1) - 1

/**
 * A context word within the window before or after a finding raises its score by `boost` (at most to 1);
 * without one, a word that names a competing type (`penalizedBy`) lowers it by as much. Windows stop at
 * neighbouring findings, and the gap before a following finding is that finding's: naming words precede
 * what they name ("REGON 120000004, call me on +48 …": "call me on" belongs to the phone number).
 */
export const applyContext = (text: string, candidates: ReadonlyArray<Candidate>, config: PiiConfig): Array<Candidate> => {
  const { context, penalty } = compile(config)
  const { before, after, boost } = config.context
  const starts = candidates.map((c) => c.start).sort((a, b) => a - b)
  const ends = candidates.map((c) => c.end).sort((a, b) => a - b)
  return candidates.map((c) => {
    const own = context.get(c.type)
    const other = penalty.get(c.type)
    if ((own === undefined && other === undefined) || c.score >= 1) return c
    const prevEnd = ends[lastAtMost(ends, c.start)] ?? 0
    const nextStart = starts[firstAtLeast(starts, c.end)] ?? text.length
    const left = text.slice(Math.max(c.start - before, prevEnd), c.start)
    const right = nextStart - c.end <= before ? "" : text.slice(c.end, Math.min(c.end + after, nextStart))
    const window = left + " " + right
    const mine = own?.test(window) ?? false
    const theirs = other?.test(window) ?? false
    // Words for this type and for a rival type ("call REGON 120000004"): the window says nothing either way.
    if (mine && theirs) return c
    if (mine) return { ...c, score: Math.min(1, c.score + boost) }
    return theirs ? { ...c, score: Math.max(0, c.score - boost) } : c
  })
}

/** Whether one of `type`'s context words stands within the window before `index`. */
export const wordBefore = (text: string, index: number, type: string, config: PiiConfig): boolean =>
  compile(config).context.get(type)?.test(text.slice(Math.max(0, index - config.context.before), index)) ?? false

export const allowed = (value: string, config: PiiConfig): boolean => compile(config).allow.has(value.trim().toLowerCase())

/** Every deny-list term in the text, as a certain finding of its type. */
export const denied = (text: string, config: PiiConfig): Array<Candidate> =>
  compile(config).deny.flatMap(([type, re]) =>
    Array.from(text.matchAll(re), (m) => ({ type, start: m.index, end: m.index + m[0].length, score: 1 })))
