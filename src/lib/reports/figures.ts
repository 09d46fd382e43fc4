import { majorToMinor, minorToMajorString } from "../../core/money"

/** The figures every report shows (docs/reports-api.md, "Figures"). */
export type RevenueFigures = {
  revenue: number
  refunded: number
  net_revenue: number
  payments: number
  visitors: number
  conversion_rate: number
  revenue_per_visitor: number
  average_order_value: number
}

export type RevenueRow = RevenueFigures & { key: string }

/** Sums as Postgres answers them: amounts as numeric text, counts as integers. */
export type Sums = { revenue: string; refunded: string; payments: number; converted: number }

export const NO_SUMS: Sums = { revenue: "0", refunded: "0", payments: 0, converted: 0 }

/** Exact major units as a JSON number (amounts stay far below 2^53 minor units). */
export function amount(major: string, currency: string): number {
  return Number(minorToMajorString(majorToMinor(major, currency), currency))
}

/** Division of exact minor units, rounded half up, shown in major units. */
export function perUnit(totalMajor: string, count: number, currency: string): number {
  if (!count) return 0
  const minor = majorToMinor(totalMajor, currency)
  const n = BigInt(count)
  const rounded = (minor * 2n + n) / (2n * n)
  return Number(minorToMajorString(rounded, currency))
}

/** A fraction rounded to four decimals (0.0123 = 1.23%). */
export function ratio(numerator: number, denominator: number): number {
  return denominator ? Math.round((numerator / denominator) * 10000) / 10000 : 0
}

export function figures(s: Sums, visitors: number, currency: string): RevenueFigures {
  const revenueMinor = majorToMinor(s.revenue, currency)
  const refundedMinor = majorToMinor(s.refunded, currency)
  return {
    revenue: Number(minorToMajorString(revenueMinor, currency)),
    refunded: Number(minorToMajorString(refundedMinor, currency)),
    net_revenue: Number(minorToMajorString(revenueMinor - refundedMinor, currency)),
    payments: s.payments,
    visitors,
    conversion_rate: ratio(s.converted, visitors),
    revenue_per_visitor: perUnit(s.revenue, visitors, currency),
    average_order_value: perUnit(s.revenue, s.payments, currency),
  }
}
