import type { KvEntry } from "@nats-io/kv"
import { Effect, Stream } from "effect"
import { kvAttempt, openBucket } from "./KvConfig.ts"

/**
 * Applies a key's current value before returning (so workers start with it), then keeps watching in a
 * scoped fiber. A watch that ends or fails (NATS away) is reopened after a second; each applier checks
 * revisions, so the value the reopened watch replays is harmless.
 */
export const seedAndWatch = Effect.fnUntraced(function*(
  bucket: string,
  key: string,
  apply: (entry: KvEntry) => Effect.Effect<void>,
  onMissing: Effect.Effect<void> = Effect.void
) {
  const kv = yield* openBucket(bucket)
  const latest = yield* kvAttempt(bucket, () => kv.get(key))
  yield* latest !== null ? apply(latest) : onMissing
  const watchOnce = Effect.acquireRelease(
    kvAttempt(bucket, () => kv.watch({ key })),
    (it) => Effect.sync(() => it.stop())
  ).pipe(
    Effect.flatMap((it) => Stream.fromAsyncIterable(it, (e) => e).pipe(Stream.runForEach(apply))),
    Effect.scoped
  )
  yield* watchOnce.pipe(
    Effect.catchCause((cause) => Effect.logWarning(`watch on ${bucket}/${key} stopped, reopening`, cause)),
    Effect.andThen(Effect.sleep("1 second")),
    Effect.forever,
    Effect.forkScoped
  )
})
