import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { creditWhere, type CreditScope } from "./credit-filter"
import { NO_SUMS, figures, type RevenueFigures, type RevenueRow, type Sums } from "./figures"
import type { Dimension, RevenueQuery } from "./revenue-query"
import { byDimension, countVisitors, wholeRange } from "./visitor-counts"
import type { RollupView } from "./rollups"
import { loadSpend, NEW_CUSTOMER_JOIN } from "./spend"
import { attachSpend, type NewCustomers } from "./spend-figures"

export type { RevenueFigures, RevenueRow } from "./figures"

/** The database, and what this request may take from the rollups (see rollups.ts). */
export type ReportDb = { knex: Knex; visitors: RollupView; eventsBefore: Date | null }

export const keyOf = (dimension: Dimension, alias = "") => `coalesce(${alias}${dimension}, '(not set)')`

/**
 * Ids are compared byte-wise (`collate "C"`) where they are only counted or grouped: equality is
 * the same under any deterministic collation, and sorting under a language collation, which
 * `count(distinct)` does, costs several times as much.
 */
export const distinctCount = (column: string) => `count(distinct ${column} collate "C")`

const SUMS = `coalesce(sum(c.amount), 0)::text as revenue, coalesce(sum(c.refunded_amount), 0)::text as refunded,
            ${distinctCount("c.payment_id")}::int as payments, ${distinctCount("c.visitor_id")}::int as converted`
const SUMS_OF_T = SUMS.replace(/c\./g, "t.")
/** New customers in the same scan (issue 10's CAC): see `NEW_CUSTOMER_JOIN` in spend.ts. */
const NEW_CUSTOMER_SUMS = `coalesce(sum(t.weight) filter (where t.first), 0)::float8 as new_weighted,
            (${distinctCount("t.payment_id")} filter (where t.first))::int as new_payments`

type CreditRow = Sums & { key: string | null; new_weighted?: number; new_payments?: number }

/**
 * Revenue by one dimension under one model, in one currency: a single aggregation over the
 * stored credits (each payment's credits add up to its amount, so totals count each payment
 * once). Visitors come from the sessions that started in the range. Canceled payments and,
 * unless asked for, test-mode payments are left out. Amounts are summed as Postgres numeric
 * and divided as integers of minor units: never as floats. Once the store has ad spend, the
 * same scan of the credits counts the new customers that CAC divides by.
 */
export async function revenueReport(db: ReportDb, q: RevenueQuery & { currency: string }) {
  const where = creditWhere(q)
  const creditSums = (withNewCustomers: boolean) =>
    db.knex.raw(
      `select case when grouping(key) = 0 then key end as key, ${SUMS_OF_T}${withNewCustomers ? `, ${NEW_CUSTOMER_SUMS}` : ""}
         from (select ${keyOf(q.group_by, "c.")} collate "C" as key, c.amount, c.refunded_amount, c.payment_id, c.visitor_id
                      ${withNewCustomers ? `, c.weight, ${NEW_CUSTOMER_JOIN.column} as first` : ""}
                 from attribution_credit c ${withNewCustomers ? NEW_CUSTOMER_JOIN.join : ""} where ${where.sql}) t
        group by grouping sets ((key), ())`,
      where.params
    )
  // The spend (issue 10; null while the store has none) decides whether the credits' scan
  // counts new customers; the visitors are counted beside both.
  const [[spend, credits], visitors] = await Promise.all([
    loadSpend(db.knex, q).then(async (spend) => [spend, await creditSums(spend !== null)] as const),
    countVisitors(db.knex, db.visitors, byDimension(q.group_by), q, { overall: true }),
  ])
  const creditRows = credits.rows as CreditRow[]
  const sums = new Map<string | null, Sums>(creditRows.map((r) => [r.key, r]))
  const totals = figures(sums.get(null) ?? NO_SUMS, visitors.overall, q.currency)

  const keys = new Set<string>([...visitors.byKey.keys(), ...sums.keys()].filter((k): k is string => typeof k === "string"))
  const rows: RevenueRow[] = [...keys]
    .map((key) => ({ key, ...figures(sums.get(key) ?? NO_SUMS, visitors.byKey.get(key) ?? 0, q.currency) }))
    .sort((a, b) => b.revenue - a.revenue || b.visitors - a.visitors || a.key.localeCompare(b.key))

  if (!spend) return { rows, totals }
  // Spend, ROAS, CAC and cost per visitor (spend-figures.ts), once the store has spend.
  return attachSpend({ rows, totals }, q.group_by, q.currency, spend, newCustomersOf(creditRows))
}

/** New customers by row key (credit weights summed) and in all (first payments counted). */
function newCustomersOf(rows: CreditRow[]): NewCustomers {
  const result: NewCustomers = { byKey: new Map(), total: 0 }
  for (const r of rows) {
    if (r.key === null) result.total = r.new_payments ?? 0
    else if (r.new_payments) result.byKey.set(r.key, r.new_weighted ?? 0)
  }
  return result
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
