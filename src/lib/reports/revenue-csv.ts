import { majorToMinor, minorToMajorString } from "../../core/money"
import { UTF8_BOM, csvLine, neutralizeFormula } from "./csv"
import type { RevenueFigures, RevenueRow } from "./figures"
import { localDate } from "./time-zone"

export const CSV_COLUMNS = [
  "key",
  "revenue",
  "refunded",
  "net_revenue",
  "payments",
  "visitors",
  "conversion_rate",
  "revenue_per_visitor",
  "average_order_value",
] as const

/** An amount with exactly the currency's decimals ("10.50", "1500", "12.345"), as accountants expect. */
function money(value: number, currency: string): string {
  // `value` came from an exact decimal at the currency's precision; its shortest string form is that decimal.
  return minorToMajorString(majorToMinor(value, currency), currency)
}

function line(key: string, f: RevenueFigures, currency: string): string {
  return csvLine([
    neutralizeFormula(key),
    money(f.revenue, currency),
    money(f.refunded, currency),
    money(f.net_revenue, currency),
    String(f.payments),
    String(f.visitors),
    String(f.conversion_rate),
    money(f.revenue_per_visitor, currency),
    money(f.average_order_value, currency),
  ])
}

/** The revenue report as a CSV file: header, one line per row, and a `(total)` line. */
export function revenueCsv(report: { rows: RevenueRow[]; totals: RevenueFigures }, currency: string): string {
  return (
    UTF8_BOM +
    csvLine([...CSV_COLUMNS]) +
    report.rows.map((r) => line(r.key, r, currency)).join("") +
    line("(total)", report.totals, currency)
  )
}

/**
 * `attribution-<group_by>-<model>-<currency>-<from date>-<to date>.csv`, dates on the wall
 * calendar of the report's time zone. `to` is excluded from the range, so the name gives the
 * last day the file covers: November is `...-2026-11-01-2026-11-30.csv`.
 */
export function exportFileName(q: { group_by: string; model: string; from: Date; to: Date; timezone: string }, currency: string): string {
  const last = new Date(q.to.getTime() - 1)
  return `attribution-${q.group_by}-${q.model}-${currency}-${localDate(q.from, q.timezone)}-${localDate(last, q.timezone)}.csv`
}
