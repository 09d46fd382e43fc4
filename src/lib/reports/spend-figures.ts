import { normalizeCampaign } from "../../core/spend/match"
import { majorToMinor, minorToMajorString } from "../../core/money"
import { NO_SUMS, figures, type RevenueFigures, type RevenueRow } from "./figures"
import type { Dimension } from "./revenue-query"

/**
 * What a revenue report row and its totals carry once ad spend exists (CONTRACT "Admin report
 * shapes"). Money in major units of the report's currency; `null` where no spend in that
 * currency matches the row (or, for ratios, where the divisor is 0).
 */
export type SpendFigures = {
  spend: number | null
  /** Net revenue ÷ spend, four decimals. */
  roas: number | null
  /** Spend ÷ new customers. */
  cac: number | null
  /** Spend ÷ visitors. */
  cost_per_visitor: number | null
  /** First payments of customers credited to the row (fractional under multi-touch models). */
  new_customers: number
}

/** Spend of the report's range: in its currency, by matching key and in all; other currencies apart. */
export type SpendSums = {
  /** Minor units of the report's currency, or null when it has no spend in the range. */
  total: bigint | null
  /** By the row key it matches (see `spendKeyOf`): minor units and a label for rows without revenue. */
  byKey: Map<string, { minor: bigint; label: string }>
  others: { currency: string; amount: number }[]
}

/** New customers credited: by row key (credit weights summed) and in all (payments counted). */
export type NewCustomers = { byKey: Map<string, number>; total: number }

/** The dimensions spend can be matched on, and the spend column each reads. */
export const SPEND_COLUMN: Partial<Record<Dimension, "campaign" | "source" | "medium" | "channel">> = {
  campaign: "campaign",
  source: "source",
  medium: "medium",
  channel: "channel",
}

/** How a row's key meets spend: campaigns case-insensitively (match.ts), the others as stored. */
export const spendKeyOf = (dimension: Dimension, key: string) => (dimension === "campaign" ? normalizeCampaign(key) : key)

/** `n ÷ d` rounded half away from zero, for d > 0. */
function divRound(n: bigint, d: bigint): bigint {
  const q = (2n * (n < 0n ? -n : n) + d) / (2n * d)
  return n < 0n ? -q : q
}

const SCALE = 10_000n

/**
 * One row's spend figures from its sums, never from other ratios: ROAS to four decimals, CAC
 * and cost per visitor to the currency's smallest unit (half up). New customers may be
 * fractional (credit weights); they are read to four decimals, as shown.
 */
export function spendFigures(f: RevenueFigures, spendMinor: bigint | null, newCustomers: number, currency: string): SpendFigures {
  const nc = Math.round(newCustomers * 10_000) / 10_000
  if (spendMinor === null) return { spend: null, roas: null, cac: null, cost_per_visitor: null, new_customers: nc }
  const major = (minor: bigint) => Number(minorToMajorString(minor, currency))
  const net = majorToMinor(f.net_revenue, currency)
  const ncScaled = BigInt(Math.round(newCustomers * 10_000))
  return {
    spend: major(spendMinor),
    roas: spendMinor > 0n ? Number(divRound(net * SCALE, spendMinor)) / 10_000 : null,
    cac: ncScaled > 0n ? major(divRound(spendMinor * SCALE, ncScaled)) : null,
    cost_per_visitor: f.visitors > 0 ? major(divRound(spendMinor, BigInt(f.visitors))) : null,
    new_customers: nc,
  }
}

/**
 * Adds spend to a revenue report. Each spend key goes to one row: the row with that exact key,
 * else the first (highest revenue) whose key matches case-insensitively, so no spend is counted
 * twice. Keys with spend and no row (a campaign that spent and brought no one) get a row of
 * their own, after the others. Dimensions spend has no column for (term, content, landing
 * page, referrer) show spend only in the totals. The totals' spend is all the spend of the
 * range in the report's currency, matched or not.
 */
export function attachSpend<R extends RevenueRow>(
  report: { rows: R[]; totals: RevenueFigures },
  dimension: Dimension,
  currency: string,
  spend: SpendSums,
  customers: NewCustomers
) {
  const matches = SPEND_COLUMN[dimension] !== undefined
  const left = new Map(matches ? spend.byKey : [])
  const take = (key: string): bigint | null => {
    const found = left.get(key)
    if (!found) return null
    left.delete(key)
    return found.minor
  }
  // Exact keys first, then case variants, in the report's order.
  const assigned = new Map<R, bigint>()
  for (const row of report.rows) {
    const minor = left.get(spendKeyOf(dimension, row.key))?.label === row.key ? take(spendKeyOf(dimension, row.key)) : null
    if (minor !== null) assigned.set(row, minor)
  }
  for (const row of report.rows) {
    if (assigned.has(row)) continue
    const minor = take(spendKeyOf(dimension, row.key))
    if (minor !== null) assigned.set(row, minor)
  }
  const rows = report.rows.map((row) => ({
    ...row,
    ...spendFigures(row, assigned.get(row) ?? null, customers.byKey.get(row.key) ?? 0, currency),
  }))
  const unmatched = [...left.values()]
    .sort((a, b) => (a.minor === b.minor ? a.label.localeCompare(b.label) : a.minor > b.minor ? -1 : 1))
    .map(({ minor, label }) => {
      const empty = figures(NO_SUMS, 0, currency)
      return { key: label, ...empty, ...spendFigures(empty, minor, 0, currency) }
    })
  return {
    rows: [...rows, ...unmatched],
    totals: { ...report.totals, ...spendFigures(report.totals, spend.total, customers.total, currency) },
    spend_other_currencies: spend.others,
  }
}
