/**
 * Shapes of the customer report routes (docs/reports-api.md, "Customers"). Amounts are numbers
 * in major units of the response's currency.
 */
import type { AttributionModel, GroupBy } from "./types"

export const COHORT_DAYS = [30, 90, 180, 365] as const
export type CohortDays = (typeof COHORT_DAYS)[number]

export type NewReturningFigures = {
  revenue: number
  net_revenue: number
  payments: number
  new_revenue: number
  new_net_revenue: number
  new_payments: number
  returning_revenue: number
  returning_net_revenue: number
  returning_payments: number
  unknown_revenue: number
  unknown_net_revenue: number
  unknown_payments: number
  new_customers: number
  returning_customers: number
}

export type NewReturningResponse = {
  currency: string
  currencies: string[]
  model: AttributionModel
  group_by: GroupBy
  from: string
  to: string
  include_test: boolean
  rows: (NewReturningFigures & { key: string })[]
  totals: NewReturningFigures
}

export type LtvFigures = {
  customers: number
  net_revenue: number
  ltv: number
  payments: number
  payments_per_customer: number
  repeat_customers: number
  repeat_rate: number
}

export type LtvResponse = {
  currency: string
  currencies: string[]
  from: string
  to: string
  include_test: boolean
  rows: (LtvFigures & { key: string })[]
  totals: LtvFigures
}

export type CohortRow = {
  /** `YYYY-MM` */
  key: string
  customers: number
  repeat_customers: number
  repeat_rate: number
  net_revenue: number
  ltv: number
} & Record<`ltv_${CohortDays}` | `net_revenue_${CohortDays}`, number | null>

export type CohortsResponse = {
  currency: string
  currencies: string[]
  from: string
  to: string
  timezone: string
  include_test: boolean
  channel: string | null
  days: CohortDays[]
  rows: CohortRow[]
}

export type CustomerResponse = {
  customer_id: string
  currency: string | null
  currencies: string[]
  acquisition: {
    channel: string
    source: string | null
    medium: string | null
    campaign: string | null
    first_payment_id: string
    first_payment_at: string
    currency: string
  } | null
  lifetime: { revenue: number; refunded: number; net_revenue: number; payments: number; repeat: boolean } | null
  channel_average: { channel: string; customers: number; ltv: number; repeat_rate: number } | null
  payments: {
    id: string
    order_id: string | null
    occurred_at: string
    amount: number
    refunded_amount: number
    currency_code: string
    status: string
    is_test: boolean
    customer_status: "new" | "returning" | null
  }[]
}

export type CustomersQuery = {
  from?: string
  to?: string
  currency?: string
  include_test?: boolean
  timezone?: string
}
