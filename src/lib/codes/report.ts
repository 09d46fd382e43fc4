import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { majorToMinor, minorToMajorString } from "../../core/money"
import { creditWhere } from "../reports/credit-filter"
import { perUnit } from "../reports/figures"
import { keyOf } from "../reports/revenue"
import type { CodesQuery } from "./schema"

type Sums = { revenue: string; refunded: string; payments: number }
type CodeSums = Sums & { code: string; orders: number }
type SplitSums = Sums & { code: string; key: string }

export type CodeFigures = { revenue: number; refunded: number; net_revenue: number; payments: number }

const money = (major: string, currency: string) => Number(minorToMajorString(majorToMinor(major, currency), currency))

function codeFigures(s: Sums, currency: string): CodeFigures {
  const revenue = majorToMinor(s.revenue, currency)
  const refunded = majorToMinor(s.refunded, currency)
  return {
    revenue: money(s.revenue, currency),
    refunded: money(s.refunded, currency),
    net_revenue: Number(minorToMajorString(revenue - refunded, currency)),
    payments: s.payments,
  }
}

/**
 * The payments a codes report counts: in the range, in the currency, not canceled, not test
 * mode unless asked for (the same rules as `creditWhere`), that used at least one code.
 */
function paymentWhere(q: CodesQuery & { currency: string }): { sql: string; params: Knex.Value[] } {
  return {
    sql: `p.promotion_codes is not null and p.currency_code = ? and p.occurred_at >= ? and p.occurred_at < ?
      and p.deleted_at is null and p.status <> 'canceled' ${q.include_test ? "" : "and not p.is_test"}`,
    params: [q.currency, q.from, q.to],
  }
}

/**
 * Revenue by promotion code in one currency: each code's payments (a payment that used two codes
 * counts under each, so rows may add up to more than the totals, which count every payment
 * once), and with `split_by`, each code's payments' credits under the model by that dimension
 * (they add up to the code's revenue). Amounts summed as Postgres numeric, never as floats.
 */
export async function codesReport(knex: Knex, q: CodesQuery & { currency: string }) {
  const pw = paymentWhere(q)
  const cw = creditWhere(q)
  const [byCode, totals, split, mappings] = await Promise.all([
    knex.raw(
      `select u.code, sum(p.amount)::text as revenue, sum(p.refunded_amount)::text as refunded,
              count(*)::int as payments, count(distinct p.order_id)::int as orders
         from attribution_payment p cross join lateral unnest(p.promotion_codes) as u(code)
        where ${pw.sql}
        group by u.code`,
      pw.params
    ),
    knex.raw(
      `select coalesce(sum(p.amount), 0)::text as revenue, coalesce(sum(p.refunded_amount), 0)::text as refunded,
              count(*)::int as payments, count(distinct p.order_id)::int as orders
         from attribution_payment p where ${pw.sql}`,
      pw.params
    ),
    q.split_by
      ? knex.raw(
          `select u.code, ${keyOf(q.split_by, "c.")} as key, sum(c.amount)::text as revenue,
                  sum(c.refunded_amount)::text as refunded, count(distinct c.payment_id)::int as payments
             from attribution_credit c
             join attribution_payment p on p.id = c.payment_id and p.promotion_codes is not null and p.deleted_at is null
             cross join lateral unnest(p.promotion_codes) as u(code)
            where ${cw.sql}
            group by 1, 2`,
          cw.params
        )
      : { rows: [] },
    knex.raw(`select code, channel, source, medium, campaign from attribution_code_mapping where deleted_at is null`),
  ])

  const mappingOf = new Map(
    (mappings.rows as { code: string; channel: string; source: string | null; medium: string | null; campaign: string | null }[]).map(
      ({ code, ...m }) => [code, m]
    )
  )
  const splitOf = new Map<string, SplitSums[]>()
  for (const s of split.rows as SplitSums[]) splitOf.set(s.code, [...(splitOf.get(s.code) ?? []), s])

  const rows = (byCode.rows as CodeSums[])
    .map((r) => {
      const f = codeFigures(r, q.currency)
      return {
        code: r.code,
        mapping: mappingOf.get(r.code) ?? null,
        ...f,
        orders: r.orders,
        average_order_value: perUnit(r.revenue, r.payments, q.currency),
        ...(q.split_by
          ? {
              split: (splitOf.get(r.code) ?? [])
                .map((s) => ({ key: s.key, ...codeFigures(s, q.currency) }))
                .sort((a, b) => b.revenue - a.revenue || a.key.localeCompare(b.key)),
            }
          : {}),
      }
    })
    .sort((a, b) => b.revenue - a.revenue || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))

  const t = totals.rows[0] as Sums & { orders: number }
  return {
    rows,
    totals: { ...codeFigures(t, q.currency), orders: t.orders, average_order_value: perUnit(t.revenue, t.payments, q.currency) },
  }
}
