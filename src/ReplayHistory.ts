import { Effect } from "effect"
import { type GuardConfig } from "../domain/Config.ts"
import { type Replayed, replay, type Rescore } from "../domain/Replay.ts"
import type { ReplayKey, RowSource } from "./ReplayRows.ts"

export interface ReplayOptions {
  readonly sinceMs: number
  readonly limit: number
  readonly candidate: GuardConfig
  readonly rescore?: Rescore | undefined
  readonly onProgress?: ((done: number, total: number) => Effect.Effect<void>) | undefined
  readonly pageSize?: number
}

/**
 * Reads the decision log page by page (keyset on time and id, so memory stays bounded on long runs) and
 * re-decides each row under the candidate. Reads only: nothing is published, nothing is written.
 */
export const replayHistory = (source: RowSource, options: ReplayOptions) =>
  Effect.gen(function*() {
    const total = Math.min(options.limit, yield* source.count(options.sinceMs))
    const results: Array<Replayed> = []
    const versions: Record<string, number> = {}
    let after: ReplayKey | undefined
    while (results.length < total) {
      const rows = yield* source.page(options.sinceMs, after, Math.min(options.pageSize ?? 2_000, total - results.length))
      if (rows.length === 0) break
      for (const row of rows) {
        results.push(replay(row, options.candidate, options.rescore))
        versions[row.config_version] = (versions[row.config_version] ?? 0) + 1
      }
      const last = rows[rows.length - 1]!
      after = { time: last.time_ms, id: last.request_id }
      if (options.onProgress !== undefined) yield* options.onProgress(results.length, total)
    }
    return { results, versions }
  })
