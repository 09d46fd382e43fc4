import { majorToMinor, minorToMajorString } from "../../core/money"
import { creditWhere } from "./credit-filter"
import { distinctCount, keyOf, type ReportDb } from "./revenue"
import { bucketBounds, byBucket, countVisitors } from "./visitor-counts"
import type { TimeseriesQuery } from "./timeseries-query"

export type KeyPoint = { revenue: number; net_revenue: number; payments: number }
export type Point = KeyPoint & { period: string; visitors: number; by: Record<string, KeyPoint> }

/** `period` is the bucket's position, from 1 (`width_bucket`). */
type Row = { period: number; key: string | null; revenue: string; refunded: string; payments: number }

/**
 * Revenue per bucket, and per key within each bucket, under one model in one currency.
 * The buckets' start instants come from the wall calendar of the time zone (buckets.ts: a day
 * is 23 or 25 hours across a daylight-saving change) and Postgres places each payment with
 * `width_bucket`; one scan of the credits answers both the keys and the bucket totals
 * (grouping sets). Every bucket of the range is answered, with zeros where nothing happened;
 * `by` holds only the keys with credit in that bucket.
 */
export async function timeseriesReport(db: ReportDb, q: TimeseriesQuery & { currency: string }) {
  const where = creditWhere(q)
  const bounds = bucketBounds(q.buckets.map((b) => b.start))
  const [credits, visitors] = await Promise.all([
    db.knex.raw(
      `select period, case when grouping(key) = 0 then key end as key,
              sum(amount)::text as revenue, sum(refunded_amount)::text as refunded,
              ${distinctCount("payment_id")}::int as payments
         from (select width_bucket(c.occurred_at, ?::timestamptz[]) as period, ${keyOf(q.group_by, "c.")} as key,
                      c.amount, c.refunded_amount, c.payment_id
                 from attribution_credit c where ${where.sql}) t
        group by grouping sets ((period, key), (period))`,
      [bounds, ...where.params]
    ),
    countVisitors(db.knex, db.visitors, byBucket, q, { bounds }),
  ])

  const money = (major: string) => majorToMinor(major, q.currency)
  const show = (minor: bigint) => Number(minorToMajorString(minor, q.currency))
  const keyPoint = (r: Row): KeyPoint => ({
    revenue: show(money(r.revenue)),
    net_revenue: show(money(r.revenue) - money(r.refunded)),
    payments: r.payments,
  })

  const points: Point[] = q.buckets.map((b) => ({ period: b.period, revenue: 0, net_revenue: 0, payments: 0, visitors: 0, by: {} }))
  const keyTotals = new Map<string, bigint>()
  for (const r of credits.rows as Row[]) {
    const point = points[r.period - 1]
    if (!point) continue
    if (r.key === null) {
      Object.assign(point, keyPoint(r))
    } else {
      point.by[r.key] = keyPoint(r)
      keyTotals.set(r.key, (keyTotals.get(r.key) ?? 0n) + money(r.revenue))
    }
  }
  for (const [position, count] of visitors.byKey) {
    const point = points[(position as number) - 1]
    if (point) point.visitors = count
  }
  const keys = [...keyTotals.entries()]
    .sort(([ka, a], [kb, b]) => (a === b ? ka.localeCompare(kb) : a > b ? -1 : 1))
    .map(([key]) => key)
  return { keys, points }
}
