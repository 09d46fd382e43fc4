import type { FigureField } from "./types"

/**
 * Shared number formatters. The exact options are part of what the admin pages promise
 * (a browser test compares the shown text with the API's numbers formatted this way), so
 * change them only together with that test.
 */

const moneyFormatters = new Map<string, Intl.NumberFormat>()

const moneyFormatter = (currency: string): Intl.NumberFormat | null => {
  const code = currency.toUpperCase()
  let formatter = moneyFormatters.get(code)
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(undefined, { style: "currency", currency: code })
    } catch {
      return null // not a currency Intl knows; formatMoney falls back to "<number> <code>"
    }
    moneyFormatters.set(code, formatter)
  }
  return formatter
}

const countFormatter = new Intl.NumberFormat()
const rateFormatter = new Intl.NumberFormat(undefined, {
  style: "percent",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})
const changeFormatter = new Intl.NumberFormat(undefined, {
  style: "percent",
  maximumFractionDigits: 1,
  signDisplay: "exceptZero",
})

/** An amount in major units of `currency`: `$1,234.50`, `¥1,500`. */
export const formatMoney = (amount: number, currency: string): string => {
  const formatter = moneyFormatter(currency)
  return formatter ? formatter.format(amount) : `${countFormatter.format(amount)} ${currency.toUpperCase()}`
}

/** A count: `1,234`. */
export const formatCount = (value: number): string => countFormatter.format(value)

/** A conversion rate given as a fraction: 0.0123 → `1.23%`. */
export const formatRate = (value: number): string => rateFormatter.format(value)

/** A change given as a fraction, signed: 0.25 → `+25%`; null (no previous value) → `—`. */
export const formatChange = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? "—" : changeFormatter.format(value)

const MONEY_FIELDS: ReadonlySet<FigureField> = new Set<FigureField>([
  "revenue",
  "refunded",
  "net_revenue",
  "revenue_per_visitor",
  "average_order_value",
])

/** A Figures field formatted as the cards and the breakdown table show it. */
export const formatFigure = (field: FigureField, value: number, currency: string): string => {
  if (field === "conversion_rate") {
    return formatRate(value)
  }
  if (MONEY_FIELDS.has(field)) {
    return formatMoney(value, currency)
  }
  return formatCount(value)
}

/** A date-time in the browser's locale and zone, or `fallback` when there is none. */
export const formatDateTime = (value: string | null | undefined, fallback = "never"): string => {
  if (!value) {
    return fallback
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString()
}

/** Parses `YYYY-MM-DD` as a local calendar date (never as UTC midnight). */
export const parseDay = (day: string): Date => {
  const [y, m, d] = day.split("-").map(Number)
  return new Date(y, (m || 1) - 1, d || 1)
}

/** A bucket label for the chart's axis: `Nov 3`, `Nov 2026`. */
export const formatPeriod = (period: string, interval: "day" | "week" | "month"): string => {
  const date = parseDay(period)
  if (interval === "month") {
    return date.toLocaleDateString(undefined, { month: "short", year: "numeric" })
  }
  return date.toLocaleDateString(undefined, { month: "short", day: "numeric" })
}

const compactMoneyFormatters = new Map<string, Intl.NumberFormat>()

/** A short amount for chart axes: `$1.2K`. */
export const formatMoneyCompact = (amount: number, currency: string): string => {
  const code = currency.toUpperCase()
  let formatter = compactMoneyFormatters.get(code)
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(undefined, { style: "currency", currency: code, notation: "compact" })
    } catch {
      return formatCount(amount)
    }
    compactMoneyFormatters.set(code, formatter)
  }
  return formatter.format(amount)
}
