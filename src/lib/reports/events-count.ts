import type { Knex } from "@medusajs/framework/mikro-orm/knex"

const HOUR_MS = 3_600_000

/**
 * Storefront events in [from, to): the whole hours the hourly counts cover are added up from
 * them (`eventsBefore`: every hour before it is counted there), the rest counted from the
 * events. A 90-day range is then two thousand numbers and nine days of events, not a million
 * rows.
 */
export async function countEvents(knex: Knex, range: { from: Date; to: Date }, eventsBefore: Date | null): Promise<number> {
  const live = (from: string, to: string) =>
    `(select count(*) from attribution_event where occurred_at >= :${from} and occurred_at < :${to} and deleted_at is null)`
  const firstHour = new Date(Math.ceil(range.from.getTime() / HOUR_MS) * HOUR_MS)
  const end = new Date(Math.min(Math.floor(range.to.getTime() / HOUR_MS) * HOUR_MS, eventsBefore?.getTime() ?? 0))
  const sql =
    end > firstHour
      ? `select (coalesce((select sum(events) from attribution_report_event_hour
                            where hour >= :firstHour and hour < :end and deleted_at is null), 0)
                 + ${live("from", "firstHour")} + ${live("end", "to")})::int as n`
      : `select ${live("from", "to")}::int as n`
  const { rows } = await knex.raw(sql, { from: range.from, to: range.to, firstHour, end })
  return (rows[0] as { n: number }).n
}
