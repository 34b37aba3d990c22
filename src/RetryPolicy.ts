import { nanos } from "@nats-io/nats-core"
import { Duration, Schedule } from "effect"
import type { ConsumerSpec, RetrySpec } from "./Topology.ts"

/**
 * One policy, three uses: the nak delay after a failed delivery, the consumer's max_deliver/backoff
 * (redelivery after an ack timeout, i.e. a crashed worker), and the in-process Schedule.
 */
export const delayAfter = (retry: RetrySpec, deliveryCount: number): number =>
  Math.min(retry.baseDelayMs * retry.factor ** Math.max(0, deliveryCount - 1), retry.maxDelayMs)

export const isLastDelivery = (retry: RetrySpec, deliveryCount: number): boolean => deliveryCount >= retry.maxDeliver

/**
 * The server replaces ack_wait with backoff[0] and uses backoff[n-1] after the n-th delivery times out,
 * so the first entry is the ack wait and later ones add the same delay a nak would have used.
 * It must be shorter than max_deliver.
 */
export const consumerBackoffMs = (spec: ConsumerSpec): ReadonlyArray<number> =>
  spec.retry.maxDeliver <= 1
    ? []
    : Array.from({ length: spec.retry.maxDeliver - 1 }, (_, i) => i === 0 ? spec.ackWaitMs : spec.ackWaitMs + delayAfter(spec.retry, i))

export const consumerSettings = (spec: ConsumerSpec) => ({
  ack_wait: nanos(spec.ackWaitMs),
  max_deliver: spec.retry.maxDeliver,
  ...(spec.retry.maxDeliver > 1 ? { backoff: consumerBackoffMs(spec).map(nanos) } : {})
})

export const schedule = (retry: RetrySpec) =>
  Schedule.min([
    Schedule.exponential(Duration.millis(retry.baseDelayMs), retry.factor),
    Schedule.spaced(Duration.millis(retry.maxDelayMs))
  ]).pipe(
    Schedule.upTo({ times: retry.maxDeliver - 1 })
  )
