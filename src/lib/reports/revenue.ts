import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { majorToMinor, minorToMajorString } from "../../core/money"
import type { Dimension, RevenueQuery } from "./revenue-query"

export type RevenueFigures = {
  revenue: number
  refunded: number
  net_revenue: number
  payments: number
  visitors: number
  conversion_rate: number
  revenue_per_visitor: number
  average_order_value: number
}
export type RevenueRow = RevenueFigures & { key: string }

type Sums = { revenue: string; refunded: string; payments: number; converted: number }

/** Division of exact minor units, rounded half up, shown in major units. */
function perUnit(totalMajor: string, count: number, currency: string): number {
  if (!count) return 0
  const minor = majorToMinor(totalMajor, currency)
  const n = BigInt(count)
  const rounded = (minor * 2n + n) / (2n * n)
  return Number(minorToMajorString(rounded, currency))
}

function figures(s: Sums, visitors: number, currency: string): RevenueFigures {
  const revenueMinor = majorToMinor(s.revenue, currency)
  const refundedMinor = majorToMinor(s.refunded, currency)
  return {
    revenue: Number(minorToMajorString(revenueMinor, currency)),
    refunded: Number(minorToMajorString(refundedMinor, currency)),
    net_revenue: Number(minorToMajorString(revenueMinor - refundedMinor, currency)),
    payments: s.payments,
    visitors,
    conversion_rate: visitors ? Math.round((s.converted / visitors) * 10000) / 10000 : 0,
    revenue_per_visitor: perUnit(s.revenue, visitors, currency),
    average_order_value: perUnit(s.revenue, s.payments, currency),
  }
}

const keyOf = (dimension: Dimension) => `coalesce(${dimension}, '(not set)')`

/**
 * Revenue by one dimension under one model, in one currency: a single aggregation over the
 * stored credits (each payment's credits add up to its amount, so totals count each payment
 * once). Visitors come from the sessions that started in the range. Canceled payments and,
 * unless asked for, test-mode payments are left out. Amounts are summed as Postgres numeric
 * and divided as integers of minor units: never as floats.
 */
export async function revenueReport(knex: Knex, q: RevenueQuery & { currency: string }) {
  const testFilter = q.include_test ? "" : "and not c.is_test"
  const creditWhere = `c.model = ? and c.currency_code = ? and c.occurred_at >= ? and c.occurred_at < ?
      and c.deleted_at is null ${testFilter}
      and exists (select 1 from attribution_payment p where p.id = c.payment_id and p.status <> 'canceled')`
  const params = [q.model, q.currency, q.from, q.to]

  const byKey = await knex.raw(
    `select ${keyOf(q.group_by)} as key, sum(c.amount)::text as revenue, sum(c.refunded_amount)::text as refunded,
            count(distinct c.payment_id)::int as payments, count(distinct c.visitor_id)::int as converted
       from attribution_credit c where ${creditWhere} group by 1`,
    params
  )
  const totals = await knex.raw(
    `select coalesce(sum(c.amount), 0)::text as revenue, coalesce(sum(c.refunded_amount), 0)::text as refunded,
            count(distinct c.payment_id)::int as payments, count(distinct c.visitor_id)::int as converted
       from attribution_credit c where ${creditWhere}`,
    params
  )
  const visitors = await knex.raw(
    `select ${keyOf(q.group_by)} as key, count(distinct visitor_id)::int as visitors
       from attribution_session where started_at >= ? and started_at < ? and deleted_at is null group by 1`,
    [q.from, q.to]
  )
  const [{ visitors: totalVisitors }] = (
    await knex.raw(
      `select count(distinct visitor_id)::int as visitors from attribution_session
        where started_at >= ? and started_at < ? and deleted_at is null`,
      [q.from, q.to]
    )
  ).rows

  const visitorsByKey = new Map<string, number>(visitors.rows.map((r: { key: string; visitors: number }) => [r.key, r.visitors]))
  const keys = new Set<string>([...visitorsByKey.keys(), ...byKey.rows.map((r: { key: string }) => r.key)])
  const sums = new Map<string, Sums>(byKey.rows.map((r: Sums & { key: string }) => [r.key, r]))
  const empty: Sums = { revenue: "0", refunded: "0", payments: 0, converted: 0 }
  const rows: RevenueRow[] = [...keys]
    .map((key) => ({ key, ...figures(sums.get(key) ?? empty, visitorsByKey.get(key) ?? 0, q.currency) }))
    .sort((a, b) => b.revenue - a.revenue || b.visitors - a.visitors || a.key.localeCompare(b.key))

  return { rows, totals: figures(totals.rows[0], totalVisitors, q.currency) }
}

/** Currencies with payments in the range, most payments first: the first is the default. */
export async function currenciesInRange(knex: Knex, q: RevenueQuery): Promise<string[]> {
  const { rows } = await knex.raw(
    `select currency_code from attribution_payment
      where occurred_at >= ? and occurred_at < ? and deleted_at is null and status <> 'canceled' ${q.include_test ? "" : "and not is_test"}
      group by 1 order by count(*) desc, 1`,
    [q.from, q.to]
  )
  return rows.map((r: { currency_code: string }) => r.currency_code)
}
