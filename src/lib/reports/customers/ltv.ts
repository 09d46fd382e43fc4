import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { repeatRate } from "../../../core/customers/cohorts"
import { amount, perUnit, ratio } from "../figures"
import { acquiredCustomers, type AcquiredScope } from "./acquired"
import { rawWithoutJit } from "./no-jit"

type LtvSums = { key: string | null; customers: number; net: string; payments: number; repeat: number }

export type LtvRow = {
  key: string
  customers: number
  net_revenue: number
  /** Net revenue ÷ customers, exact to the currency's smallest unit (half up). */
  ltv: number
  payments: number
  payments_per_customer: number
  repeat_customers: number
  repeat_rate: number
}

function ltvRow(s: LtvSums, currency: string): Omit<LtvRow, "key"> {
  return {
    customers: s.customers,
    net_revenue: amount(s.net, currency),
    ltv: perUnit(s.net, s.customers, currency),
    payments: s.payments,
    payments_per_customer: ratio(s.payments, s.customers),
    repeat_customers: s.repeat,
    repeat_rate: repeatRate(s.repeat, s.customers),
  }
}

/**
 * Lifetime value by acquisition channel: the customers acquired in the range (their first
 * payment, see acquired.ts), grouped by the first-touch channel of that payment, with their net
 * revenue to date. Every ratio divides the group's sums.
 */
export async function ltvReport(knex: Knex, s: AcquiredScope): Promise<{ rows: LtvRow[]; totals: Omit<LtvRow, "key"> }> {
  const cte = acquiredCustomers(s)
  const { rows } = await rawWithoutJit(
    knex,
    `${cte.sql}
     select case when grouping(channel) = 0 then channel end as key, count(*)::int as customers,
            coalesce(sum(net), 0)::text as net, coalesce(sum(payments), 0)::int as payments,
            (count(*) filter (where payments >= 2))::int as repeat
       from customers group by grouping sets ((channel), ())`,
    cte.params
  )
  const sums = rows as LtvSums[]
  const total = sums.find((r) => r.key === null) ?? { key: null, customers: 0, net: "0", payments: 0, repeat: 0 }
  return {
    rows: sums
      .filter((r): r is LtvSums & { key: string } => r.key !== null)
      .map((r) => ({ key: r.key, ...ltvRow(r, s.currency) }))
      .sort((a, b) => b.net_revenue - a.net_revenue || b.customers - a.customers || a.key.localeCompare(b.key)),
    totals: ltvRow(total, s.currency),
  }
}
