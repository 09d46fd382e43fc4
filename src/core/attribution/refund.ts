/**
 * Netting refunds against a payment's credits.
 */
import { splitMinor } from "../money"
import { AttributionError, type Credit } from "./types"

function abs(value: bigint): bigint {
  return value < 0n ? -value : value
}

/**
 * Splits `refundedMinor` over `credits` in proportion to their amounts, exactly: the parts add
 * up to `refundedMinor` (largest remainder, ties to the earlier credit, as `splitMinor`).
 * Returns one part per credit, in the same order.
 *
 * - A full refund (`refundedMinor` = the credits' total) gives back each credit's amount.
 * - For 0 ≤ `refundedMinor` ≤ total, every part is between 0 and its credit's amount, so a net
 *   credit never goes negative. To net several partial refunds, prorate their running total
 *   (not each refund on its own, whose rounding could add up past a small credit) and store
 *   the difference from the previous allocation.
 * - When every credit's amount is 0 (a zero payment), the split follows the credits' `weight`,
 *   or is equal if those are all 0 too.
 * - A negative refund splits like its absolute value, negated.
 *
 * Throws `NO_CREDITS` for a non-zero refund over no credits, `INVALID_INPUT` for a non-bigint.
 */
export function prorateRefund(credits: readonly Credit[], refundedMinor: bigint): bigint[] {
  if (typeof refundedMinor !== "bigint") {
    throw new AttributionError("INVALID_INPUT", `refundedMinor must be a bigint, got ${typeof refundedMinor}`)
  }
  if (!Array.isArray(credits) || credits.length === 0) {
    if (refundedMinor === 0n) return []
    throw new AttributionError("NO_CREDITS", "prorateRefund: a refund needs at least one credit to fall on")
  }
  const byAmount = credits.map((c) => abs(c.amountMinor))
  if (byAmount.some((a) => a > 0n)) return splitMinor(refundedMinor, byAmount)
  const byWeight = credits.map((c) => (Number.isFinite(c.weight) && c.weight > 0 ? c.weight : 0))
  if (byWeight.some((w) => w > 0)) return splitMinor(refundedMinor, byWeight)
  return splitMinor(refundedMinor, credits.map(() => 1))
}
