import { majorToMinor, minorToMajorString } from "../../core/money"
import { UTF8_BOM, csvLine, neutralizeFormula } from "./csv"
import type { RevenueFigures, RevenueRow } from "./figures"
import type { SpendFigures } from "./spend-figures"
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

/** Added once the store has ad spend (spend-figures.ts); an empty cell where the API says null. */
export const SPEND_CSV_COLUMNS = ["spend", "roas", "cac", "cost_per_visitor", "new_customers"] as const

type WithSpend<T> = T & Partial<SpendFigures>

/** An amount with exactly the currency's decimals ("10.50", "1500", "12.345"), as accountants expect. */
function money(value: number, currency: string): string {
  // `value` came from an exact decimal at the currency's precision; its shortest string form is that decimal.
  return minorToMajorString(majorToMinor(value, currency), currency)
}

function spendCells(f: Partial<SpendFigures>, currency: string): string[] {
  const cash = (v: number | null | undefined) => (v === null || v === undefined ? "" : money(v, currency))
  const plain = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v))
  return [cash(f.spend), plain(f.roas), cash(f.cac), cash(f.cost_per_visitor), plain(f.new_customers)]
}

function line(key: string, f: WithSpend<RevenueFigures>, currency: string, withSpend = false): string {
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
    ...(withSpend ? spendCells(f, currency) : []),
  ])
}

/** The revenue report as a CSV file: header, one line per row, and a `(total)` line. */
export function revenueCsv(report: { rows: WithSpend<RevenueRow>[]; totals: WithSpend<RevenueFigures> }, currency: string): string {
  const withSpend = "spend" in report.totals
  return (
    UTF8_BOM +
    csvLine([...CSV_COLUMNS, ...(withSpend ? SPEND_CSV_COLUMNS : [])]) +
    report.rows.map((r) => line(r.key, r, currency, withSpend)).join("") +
    line("(total)", report.totals, currency, withSpend)
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
