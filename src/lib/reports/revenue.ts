import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { creditWhere, type CreditScope } from "./credit-filter"
import { NO_SUMS, figures, type RevenueFigures, type RevenueRow, type Sums } from "./figures"
import type { Dimension, RevenueQuery } from "./revenue-query"
import { byDimension, countVisitors, wholeRange } from "./visitor-counts"
import type { RollupView } from "./rollups"
import { loadSpend, newCustomers } from "./spend"
import { attachSpend } from "./spend-figures"

export type { RevenueFigures, RevenueRow } from "./figures"

/** The database, and what this request may take from the rollups (see rollups.ts). */
export type ReportDb = { knex: Knex; visitors: RollupView; eventsBefore: Date | null }

export const keyOf = (dimension: Dimension, alias = "") => `coalesce(${alias}${dimension}, '(not set)')`

const SUMS = `coalesce(sum(c.amount), 0)::text as revenue, coalesce(sum(c.refunded_amount), 0)::text as refunded,
            count(distinct c.payment_id)::int as payments, count(distinct c.visitor_id)::int as converted`
const SUMS_OF_T = SUMS.replace(/c\./g, "t.")

/**
 * Revenue by one dimension under one model, in one currency: a single aggregation over the
 * stored credits (each payment's credits add up to its amount, so totals count each payment
 * once). Visitors come from the sessions that started in the range. Canceled payments and,
 * unless asked for, test-mode payments are left out. Amounts are summed as Postgres numeric
 * and divided as integers of minor units: never as floats.
 */
export async function revenueReport(db: ReportDb, q: RevenueQuery & { currency: string }) {
  const where = creditWhere(q)
  // One scan of the credits for the rows and the totals; one for the visitors of both.
  const [credits, visitors, spend] = await Promise.all([
    db.knex.raw(
      `select case when grouping(key) = 0 then key end as key, ${SUMS_OF_T}
         from (select ${keyOf(q.group_by, "c.")} as key, c.amount, c.refunded_amount, c.payment_id, c.visitor_id
                 from attribution_credit c where ${where.sql}) t
        group by grouping sets ((key), ())`,
      where.params
    ),
    countVisitors(db.knex, db.visitors, byDimension(q.group_by), q, { overall: true }),
    loadSpend(db.knex, q), // ad spend (issue 10): null while the store has none
  ])
  const sums = new Map<string | null, Sums>((credits.rows as (Sums & { key: string | null })[]).map((r) => [r.key, r]))
  const totals = figures(sums.get(null) ?? NO_SUMS, visitors.overall, q.currency)

  const keys = new Set<string>([...visitors.byKey.keys(), ...sums.keys()].filter((k): k is string => typeof k === "string"))
  const rows: RevenueRow[] = [...keys]
    .map((key) => ({ key, ...figures(sums.get(key) ?? NO_SUMS, visitors.byKey.get(key) ?? 0, q.currency) }))
    .sort((a, b) => b.revenue - a.revenue || b.visitors - a.visitors || a.key.localeCompare(b.key))

  if (!spend) return { rows, totals }
  // Spend, ROAS, CAC and cost per visitor (spend-figures.ts), once the store has spend.
  return attachSpend({ rows, totals }, q.group_by, q.currency, spend, await newCustomers(db.knex, q))
}

/** The figures of a whole period (no grouping). */
export async function periodTotals(db: ReportDb, q: CreditScope): Promise<RevenueFigures> {
  const where = creditWhere(q)
  const [sums, visitors] = await Promise.all([
    db.knex.raw(`select ${SUMS} from attribution_credit c where ${where.sql}`, where.params),
    countVisitors(db.knex, db.visitors, wholeRange, q),
  ])
  return figures(sums.rows[0] as Sums, visitors.byKey.get("") ?? 0, q.currency)
}

/** Currencies with payments in the range, most payments first: the first is the default. */
export async function currenciesInRange(knex: Knex, q: { from: Date; to: Date; include_test: boolean }): Promise<string[]> {
  const { rows } = await knex.raw(
    `select currency_code from attribution_payment
      where occurred_at >= ? and occurred_at < ? and deleted_at is null and status <> 'canceled' ${q.include_test ? "" : "and not is_test"}
      group by 1 order by count(*) desc, 1`,
    [q.from, q.to]
  )
  return rows.map((r: { currency_code: string }) => r.currency_code)
}

/** The currency a report answers in: the one asked for, else the one with most payments. */
export async function reportCurrency(knex: Knex, q: { from: Date; to: Date; include_test: boolean; currency?: string }) {
  const currencies = await currenciesInRange(knex, q)
  return { currencies, currency: q.currency ?? currencies[0] ?? "USD" }
}
