import { splitMinor } from "../money"

/** One line of an order, as its share of a credit is weighed. */
export type LineWeight = {
  /** The line's total after discounts, in minor units (a negative one counts as 0). */
  amountMinor: bigint
  quantity: number
}

/**
 * The weights a payment's credit is shared by among its lines: the line amounts; when they are
 * all 0 (a fully discounted order whose shipping was paid) the quantities, so the paid shipping
 * still lands on what was bought; when those are 0 too, equal shares.
 */
export function lineWeights(lines: readonly LineWeight[]): bigint[] {
  const amounts = lines.map((l) => (l.amountMinor > 0n ? l.amountMinor : 0n))
  if (amounts.some((a) => a > 0n)) return amounts
  const quantities = lines.map((l) => BigInt(Math.max(0, Math.trunc(l.quantity))))
  if (quantities.some((q) => q > 0n)) return quantities
  return lines.map(() => 1n)
}

/**
 * Shares one credit (and its refunded part) among the lines of its payment, exact to the
 * smallest currency unit: largest remainder, ties to the earlier line (lines in line-id order,
 * as the report's SQL orders them). The refunded part is shared in proportion to the revenue
 * shares just computed, so no line is ever refunded more than it was credited.
 * `creditMinor` ≥ `refundedMinor` ≥ 0. src/lib/reports/products.ts does the same in SQL.
 */
export function splitCreditOverLines(
  creditMinor: bigint,
  refundedMinor: bigint,
  lines: readonly LineWeight[]
): { revenue: bigint[]; refunded: bigint[] } {
  if (!lines.length) return { revenue: [], refunded: [] }
  const revenue = splitMinor(creditMinor, lineWeights(lines))
  const refunded =
    refundedMinor > 0n && revenue.some((r) => r > 0n) ? splitMinor(refundedMinor, revenue) : lines.map(() => 0n)
  return { revenue, refunded }
}
