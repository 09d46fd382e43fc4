/**
 * Which sessions of a visitor may get credit for a payment, in path order.
 */
import { CHANNELS } from "../channel"
import { AttributionError, DAY_MS, type Touch } from "./types"

function channelRank(channel: string): number {
  const i = (CHANNELS as readonly string[]).indexOf(channel)
  return i === -1 ? CHANNELS.length : i
}

/** Plain code-unit comparison: the same order on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime())
}

export function assertPaymentAt(paymentAt: unknown): asserts paymentAt is Date {
  if (!isValidDate(paymentAt)) {
    throw new AttributionError("INVALID_INPUT", `paymentAt must be a valid Date, got ${String(paymentAt)}`)
  }
}

export function assertWindowDays(windowDays: unknown): asserts windowDays is number {
  if (typeof windowDays !== "number" || Number.isNaN(windowDays) || windowDays < 0) {
    throw new AttributionError("INVALID_INPUT", `windowDays must be a number ≥ 0 (Infinity for no limit), got ${String(windowDays)}`)
  }
}

/**
 * The touches that may be credited for a payment at `paymentAt`, as a path:
 *
 * - kept: sessions that started at or before `paymentAt` and at most `windowDays` days before it
 *   (both bounds inclusive; `windowDays` may be fractional, `Infinity` means no limit);
 * - dropped silently: touches without a non-empty `sessionId` or with an invalid `startedAt`;
 * - sorted by `startedAt`, ties by `sessionId` (code-unit order), then by channel (contract order);
 * - one touch per `sessionId`: the first in that order (its earliest eligible start).
 *
 * The result does not depend on the order of `touches`. Throws `INVALID_INPUT` for an invalid
 * `paymentAt` or `windowDays`.
 */
export function eligibleTouches(touches: readonly Touch[], paymentAt: Date, windowDays: number): Touch[] {
  assertPaymentAt(paymentAt)
  assertWindowDays(windowDays)
  const pay = paymentAt.getTime()
  const oldest = pay - windowDays * DAY_MS // -Infinity when there is no limit
  const kept = touches.filter((t) => {
    if (!t || typeof t.sessionId !== "string" || t.sessionId === "" || !isValidDate(t.startedAt)) return false
    const at = t.startedAt.getTime()
    return at <= pay && at >= oldest
  })
  kept.sort(
    (a, b) =>
      a.startedAt.getTime() - b.startedAt.getTime() ||
      compareStrings(a.sessionId, b.sessionId) ||
      channelRank(a.channel) - channelRank(b.channel),
  )
  const seen = new Set<string>()
  return kept.filter((t) => {
    if (seen.has(t.sessionId)) return false
    seen.add(t.sessionId)
    return true
  })
}
