import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { COHORT_DAYS, cohortMonth, isMature, monthsBetween, repeatRate } from "../../../core/customers/cohorts"
import { amount, perUnit } from "../figures"
import { acquiredCustomers, type AcquiredScope } from "./acquired"
import { rawWithoutJit } from "./no-jit"

type Horizon = (typeof COHORT_DAYS)[number]

type CohortSums = {
  month: string
  customers: number
  repeat: number
  net: string
  last_first_at: Date
} & Record<`net_${Horizon}`, string>

/** A cohort: cumulative net revenue per customer N days after each one's first payment. */
export type CohortRow = {
  key: string
  customers: number
  repeat_customers: number
  repeat_rate: number
  net_revenue: number
  ltv: number
} & Record<`net_revenue_${Horizon}` | `ltv_${Horizon}`, number | null>

/** No cohort is older than this many months in one answer (the newest are kept). */
export const MAX_COHORTS = 120

/**
 * Customers acquired in the range, grouped by the month of their first payment in `timezone`.
 * A month with no customer still has its row. A value at N days is null until every customer of
 * the cohort has had N days (so a young cohort never looks low); `net_revenue`/`ltv` are to date.
 */
export async function cohortsReport(knex: Knex, s: AcquiredScope & { timezone: string }, now = new Date()) {
  const cte = acquiredCustomers(s)
  const horizons = COHORT_DAYS.map((d) => `coalesce(sum(net_${d}), 0)::text as net_${d}`).join(", ")
  const { rows } = await rawWithoutJit(
    knex,
    `${cte.sql}
     select to_char(first_at at time zone ?, 'YYYY-MM') as month, count(*)::int as customers,
            (count(*) filter (where payments >= 2))::int as repeat, coalesce(sum(net), 0)::text as net,
            ${horizons}, max(first_at) as last_first_at
       from customers group by 1`,
    [...cte.params, s.timezone]
  )
  const byMonth = new Map((rows as CohortSums[]).map((r) => [r.month, r]))
  const months = monthsBetween(cohortMonth(s.from, s.timezone), cohortMonth(new Date(s.to.getTime() - 1), s.timezone), MAX_COHORTS)
  return months.reverse().map((month) => cohortRow(month, byMonth.get(month), s.currency, now))
}

function cohortRow(month: string, c: CohortSums | undefined, currency: string, now: Date): CohortRow {
  const customers = c?.customers ?? 0
  const row = {
    key: month,
    customers,
    repeat_customers: c?.repeat ?? 0,
    repeat_rate: repeatRate(c?.repeat ?? 0, customers),
    net_revenue: c ? amount(c.net, currency) : 0,
    ltv: c ? perUnit(c.net, customers, currency) : 0,
  } as CohortRow
  for (const d of COHORT_DAYS) {
    const known = c !== undefined && isMature(new Date(c.last_first_at), d, now)
    row[`net_revenue_${d}`] = known ? amount(c[`net_${d}`], currency) : null
    row[`ltv_${d}`] = known ? perUnit(c[`net_${d}`], customers, currency) : null
  }
  return row
}
