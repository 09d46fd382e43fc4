import type { SpendInput } from "./row"
import type { SpendFormat } from "./types"
import { readMicros, type Read } from "./values"

/**
 * The three layouts an upload may have, told apart by their header (docs/ad-spend.md):
 *
 * - Google Ads (a campaign report with the Day segment, downloaded as CSV or TSV): `Day`,
 *   `Campaign`, `Cost` (major units) or `Cost (micros)`, and `Currency code`. Source `google`,
 *   medium `cpc`, as its auto-tagged and `utm_source=google&utm_medium=cpc` clicks get.
 * - Meta Ads Manager (a campaign export with the Day breakdown): `Campaign name`, `Day`,
 *   `Amount spent (USD)`, the currency in the column's name. Source `facebook`, medium
 *   `paid_social`.
 * - The template: `date`, `amount`, `currency` and any of `campaign`, `source`, `medium`, `channel`.
 *
 * Column names match without regard to case, spacing or order; other columns are ignored.
 */

/** What one line of a file gives: a row to validate, or a totals line to pass over. */
export type LineReading = { skip: string } | { input: SpendInput; amountOf?: (currency: string) => Read<bigint> }

export type FormatReader = {
  format: SpendFormat
  /** The currency named in the header (`Amount spent (EUR)`), if any. */
  headerCurrency: string | null
  /** Does the file say its currency (a column or the header)? Else the upload must. */
  hasCurrency: boolean
  read(fields: string[], fallbackCurrency: string | null): LineReading
}

/** `Amount  Spent (usd)` → `amount spent (usd)`. */
export const headerName = (name: string) => name.replace(/^\uFEFF/, "").trim().replace(/\s+/g, " ").toLowerCase()

const TOTAL = /^total\b/i
const WITH_CURRENCY = (base: string) => new RegExp(`^${base}(?: \\(([a-z]{3})\\))?$`)

/** The index of the first column whose name is one of `names` (or matches), or -1. */
function column(header: string[], ...names: (string | RegExp)[]): number {
  return header.findIndex((h) => names.some((n) => (typeof n === "string" ? h === n : n.test(h))))
}

const cell = (fields: string[], i: number) => (i >= 0 ? (fields[i] ?? "").trim() : "")

function google(header: string[]): FormatReader | null {
  const day = column(header, "day", "date")
  const campaign = column(header, "campaign", "campaign name")
  const micros = column(header, "cost (micros)", "cost micros", "cost_micros")
  const cost = column(header, WITH_CURRENCY("cost"))
  if (day < 0 || campaign < 0 || (micros < 0 && cost < 0)) return null
  const currencyColumn = column(header, "currency code", "currency")
  const headerCurrency = cost >= 0 ? (WITH_CURRENCY("cost").exec(header[cost]!)?.[1]?.toUpperCase() ?? null) : null
  return {
    format: "google_ads",
    headerCurrency,
    hasCurrency: currencyColumn >= 0 || !!headerCurrency,
    read(fields, fallback) {
      // "Total: Account", "Total: Campaigns", "Total: Search" lines close Google Ads reports.
      if (TOTAL.test(cell(fields, 0)) || TOTAL.test(cell(fields, day)) || TOTAL.test(cell(fields, campaign))) return { skip: "total" }
      const input: SpendInput = {
        date: cell(fields, day),
        campaign: cell(fields, campaign),
        source: "google",
        medium: "cpc",
        amount: micros >= 0 ? cell(fields, micros) : cell(fields, cost),
        currency: cell(fields, currencyColumn) || headerCurrency || fallback || "",
      }
      return micros >= 0 ? { input, amountOf: (c) => readMicros(input.amount, c) } : { input }
    },
  }
}

function meta(header: string[]): FormatReader | null {
  const campaign = column(header, "campaign name")
  const day = column(header, "day")
  const spent = column(header, WITH_CURRENCY("amount spent"))
  if (campaign < 0 || spent < 0 || day < 0) return null
  const headerCurrency = WITH_CURRENCY("amount spent").exec(header[spent]!)?.[1]?.toUpperCase() ?? null
  const currencyColumn = column(header, "currency")
  return {
    format: "meta_ads",
    headerCurrency,
    hasCurrency: currencyColumn >= 0 || !!headerCurrency,
    read(fields, fallback) {
      // With "include summary row", Meta's first line sums every campaign and names none.
      if (!cell(fields, campaign) || TOTAL.test(cell(fields, 0))) return { skip: "total" }
      return {
        input: {
          date: cell(fields, day),
          campaign: cell(fields, campaign),
          source: "facebook",
          medium: "paid_social",
          amount: cell(fields, spent),
          currency: headerCurrency || cell(fields, currencyColumn) || fallback || "",
        },
      }
    },
  }
}

function template(header: string[]): FormatReader | null {
  const date = column(header, "date", "day")
  const amount = column(header, "amount")
  const currency = column(header, "currency", "currency_code")
  const [campaign, source, medium, channel] = ["campaign", "source", "medium", "channel"].map((n) => column(header, n))
  if (date < 0 || amount < 0 || (campaign! < 0 && source! < 0 && channel! < 0)) return null
  return {
    format: "template",
    headerCurrency: null,
    hasCurrency: currency >= 0,
    read(fields, fallback) {
      if (TOTAL.test(cell(fields, 0))) return { skip: "total" }
      return {
        input: {
          date: cell(fields, date),
          campaign: cell(fields, campaign!),
          source: cell(fields, source!),
          medium: cell(fields, medium!),
          channel: cell(fields, channel!),
          amount: cell(fields, amount),
          currency: cell(fields, currency) || fallback || "",
        },
      }
    },
  }
}

/** The reader for a header line, or null when it is none of the three. */
export function detectFormat(fields: string[]): FormatReader | null {
  const header = fields.map(headerName)
  return meta(header) ?? google(header) ?? template(header)
}

export const EXPECTED_HEADERS =
  "expected a Google Ads campaign report (Day, Campaign, Cost or Cost (micros), Currency code), " +
  "a Meta Ads Manager export (Campaign name, Day, Amount spent (USD)) " +
  "or the template (date, campaign, source, medium, channel, amount, currency)"
