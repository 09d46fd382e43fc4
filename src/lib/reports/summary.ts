import type { AttributionModel } from "../../core/attribution/types"
import { figuresChange, previousPeriod } from "./change"
import { countEvents } from "./events-count"
import { amount } from "./figures"
import { periodTotals, type ReportDb } from "./revenue"

export type SummaryScope = { model: AttributionModel; currency: string; from: Date; to: Date; include_test: boolean }

/**
 * What the storefront reported itself, beside verified revenue: client-claimed purchases (one
 * per order: a thank-you page reloaded sends its purchase again), payments nobody could link
 * to a visit, and how many storefront events arrived at all.
 */
async function sideFigures(db: ReportDb, q: SummaryScope) {
  const [{ rows }, events] = await Promise.all([
    db.knex.raw(
      `select
         (select coalesce(sum(amount), 0)::text from (
            select distinct on (order_id) amount from attribution_event
             where type = 'purchase' and currency_code = ? and occurred_at >= ? and occurred_at < ? and deleted_at is null
             order by order_id, occurred_at) claims) as claimed_revenue,
         (select count(distinct order_id)::int from attribution_event
           where type = 'purchase' and currency_code = ? and occurred_at >= ? and occurred_at < ? and deleted_at is null) as claimed_purchases,
         (select count(*)::int from attribution_payment
           where visitor_id is null and currency_code = ? and occurred_at >= ? and occurred_at < ? and deleted_at is null
             and status <> 'canceled' ${q.include_test ? "" : "and not is_test"}) as unlinked_payments`,
      [q.currency, q.from, q.to, q.currency, q.from, q.to, q.currency, q.from, q.to]
      ),
    countEvents(db.knex, q, db.eventsBefore),
  ])
  const row = rows[0] as { claimed_revenue: string; claimed_purchases: number; unlinked_payments: number }
  return {
    claimed: { revenue: amount(row.claimed_revenue, q.currency), purchases: row.claimed_purchases },
    unlinked_payments: row.unlinked_payments,
    events,
  }
}

/** This period's figures against the previous period of the same length (docs/reports-api.md). */
export async function summaryReport(db: ReportDb, q: SummaryScope) {
  const previousRange = previousPeriod(q)
  const [current, previous, side] = await Promise.all([
    periodTotals(db, q),
    periodTotals(db, { ...q, ...previousRange }),
    sideFigures(db, q),
  ])
  return {
    previous_from: previousRange.from.toISOString(),
    previous_to: previousRange.to.toISOString(),
    current,
    previous,
    change: figuresChange(current, previous),
    ...side,
  }
}
