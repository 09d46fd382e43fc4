/**
 * Shapes of the plugin's admin routes (docs/reports-api.md). Amounts are numbers in major
 * units of the response's currency; dates are ISO 8601 strings.
 */

// The contract's models, from the framework-free core the backend uses too.
export { ATTRIBUTION_MODELS, type AttributionModel } from "../../core/attribution/types"
import type { AttributionModel } from "../../core/attribution/types"

export const GROUP_BY_DIMENSIONS = [
  "channel",
  "source",
  "medium",
  "campaign",
  "term",
  "content",
  "landing_page",
  "referrer_domain",
] as const
export type GroupBy = (typeof GROUP_BY_DIMENSIONS)[number]

export const INTERVALS = ["day", "week", "month"] as const
export type Interval = (typeof INTERVALS)[number]

export const WEBHOOK_PROVIDERS = ["stripe", "lemonsqueezy", "paddle", "polar"] as const
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number]

export type LinkMethod = "metadata" | "email" | "timestamp" | "unlinked"
export type PaymentStatus = "paid" | "partially_refunded" | "refunded" | "canceled"

// ---- /status ---------------------------------------------------------------------------

export type ProviderStatus = { webhook_secret_configured: boolean }

export type AttributionStatus = {
  visitors: number
  sessions: number
  events: number
  payments: number
  last_event_at: string | null
  last_payment_at: string | null
  providers: Partial<Record<WebhookProvider, ProviderStatus>> & Record<string, ProviderStatus>
}

export type StatusResponse = { status: AttributionStatus }

// ---- Figures (revenue, summary) --------------------------------------------------------

export type Figures = {
  revenue: number
  refunded: number
  net_revenue: number
  payments: number
  visitors: number
  /** A fraction: 0.0123 = 1.23%. */
  conversion_rate: number
  revenue_per_visitor: number
  average_order_value: number
}
export type FigureField = keyof Figures

/** Present once ad spend exists (CONTRACT "Admin report shapes"); `null` where none matches. */
export type SpendFigures = {
  spend?: number | null
  roas?: number | null
  cac?: number | null
}

/** Parameters every report accepts. */
export type CommonQuery = {
  from?: string
  to?: string
  model?: AttributionModel
  currency?: string
  include_test?: boolean
}

// ---- /revenue ---------------------------------------------------------------------------

export type RevenueRow = Figures & SpendFigures & { key: string }

export type RevenueQuery = CommonQuery & { group_by?: GroupBy }

export type RevenueResponse = {
  currency: string
  currencies: string[]
  model: AttributionModel
  group_by: GroupBy
  from: string
  to: string
  include_test: boolean
  rows: RevenueRow[]
  totals: Figures & SpendFigures
}

// ---- /summary ---------------------------------------------------------------------------

export type SummaryResponse = {
  currency: string
  timezone?: string
  currencies: string[]
  model: AttributionModel
  include_test: boolean
  from: string
  to: string
  previous_from: string
  previous_to: string
  current: Figures
  previous: Figures
  /** (current − previous) ÷ previous, as a fraction; null when the previous value is 0. */
  change: Record<FigureField, number | null>
  /** Client-claimed purchases (trackPurchase), never in the figures. */
  claimed: { revenue: number; purchases: number }
  unlinked_payments: number
  events: number
}

// ---- /timeseries ------------------------------------------------------------------------

export type TimeseriesQuery = CommonQuery & {
  interval?: Interval
  timezone?: string
  group_by?: GroupBy
}

export type TimeseriesKeyFigures = { revenue: number; net_revenue: number; payments: number }

export type TimeseriesPoint = {
  /** The bucket's first day in the requested time zone, YYYY-MM-DD. */
  period: string
  revenue: number
  net_revenue: number
  payments: number
  visitors: number
  by: Record<string, TimeseriesKeyFigures>
}

export type TimeseriesResponse = {
  currency: string
  currencies?: string[]
  from?: string
  to?: string
  include_test?: boolean
  model: AttributionModel
  interval: Interval
  timezone: string
  group_by: GroupBy
  /** Keys present in `by`, highest revenue first. */
  keys: string[]
  points: TimeseriesPoint[]
}

// ---- /journey and /payments -------------------------------------------------------------

export type Touch = {
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
}

export type PaymentCredit = Touch & {
  model: AttributionModel
  session_id: string | null
  amount: number
  refunded_amount: number
  weight: number
}

export type AttributionPayment = {
  id: string
  provider: string
  provider_payment_id: string
  order_id: string | null
  customer_id: string | null
  amount: number
  refunded_amount: number
  currency_code: string
  status: PaymentStatus
  is_test: boolean
  link_method: LinkMethod
  linked_at: string | null
  occurred_at: string
  visitor_id: string | null
  session_id: string | null
}

export type JourneyPayment = AttributionPayment & {
  /** The channel and source with the largest credit under the requested model. */
  credited: Touch | null
  credits: PaymentCredit[]
}

export type JourneySession = {
  id: string
  visitor_id: string
  started_at: string
  last_seen_at: string
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
  term: string | null
  content: string | null
  landing_page: string | null
  referrer_domain: string | null
  pageviews: number
}

export type RevenueToDate = {
  currency: string
  revenue: number
  refunded: number
  net_revenue: number
  payments: number
}

export type JourneyQuery = {
  order_id?: string
  customer_id?: string
  payment_id?: string
  model?: AttributionModel
}

export type JourneyResponse = {
  model: AttributionModel
  payments: JourneyPayment[]
  /** Sessions of the payments' visitors, oldest first (at most 200). */
  sessions: JourneySession[]
  /** How many sessions those visitors have in all (more than `sessions` holds when over 200). */
  sessions_total?: number
  first_touch: (Touch & { started_at: string }) | null
  revenue_to_date: RevenueToDate[]
}

export type PaymentsQuery = {
  from?: string
  to?: string
  include_test?: boolean
  linked?: boolean
  provider?: string
  status?: PaymentStatus
  currency?: string
  limit?: number
  offset?: number
}

export type PaymentsResponse = {
  /** Each may also carry `credited` under the query's `model`. */
  payments: (AttributionPayment & { credited?: Touch | null })[]
  count: number
  limit: number
  offset: number
}

// ---- /recent ----------------------------------------------------------------------------

export type RecentEvent = {
  id: string
  type: "pageview" | "event" | "identify" | "purchase" | string
  name: string | null
  path: string | null
  occurred_at: string
}

export type RecentPayment = {
  id: string
  provider: string
  amount: number
  currency_code: string
  link_method: LinkMethod
  occurred_at: string
  status?: PaymentStatus
  is_test?: boolean
  /** When the plugin stored it (payments are listed by this). */
  recorded_at?: string
}

export type RecentDelivery = {
  provider: string
  event_type: string | null
  /** `processed` or `ignored` (a verified delivery with nothing to store). */
  outcome: string
  payment_id?: string | null
  received_at: string
}

export type RecentResponse = {
  events: RecentEvent[]
  payments: RecentPayment[]
  deliveries: RecentDelivery[]
}

/** The body of a 4xx answer (`{"type":"invalid_data","message":"<parameter>: ..."}`). */
export type ApiErrorBody = { type?: string; message: string }
