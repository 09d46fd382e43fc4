import type { Knex } from "@medusajs/framework/mikro-orm/knex"

export const RECENT_LIMIT = 10

const iso = (d: Date) => new Date(d).toISOString()

/**
 * The latest events, payments and webhook deliveries, for the settings page's "is it
 * connected?" check. Payments are ordered by when they were stored (`recorded_at`), not when
 * they were made: a backfill of last year's orders through the payment API is what arrived last.
 */
export async function recentArrivals(knex: Knex) {
  const [events, payments, deliveries] = await Promise.all([
    knex.raw(
      `select id, type, name, path, occurred_at from attribution_event
        where deleted_at is null order by occurred_at desc, id desc limit ${RECENT_LIMIT}`
    ),
    knex.raw(
      `select id, provider, amount::text as amount, currency_code, link_method, status, is_test, occurred_at, created_at
         from attribution_payment where deleted_at is null order by created_at desc, id desc limit ${RECENT_LIMIT}`
    ),
    knex.raw(
      `select provider, event_type, outcome, payment_id, received_at from attribution_webhook_delivery
        where deleted_at is null order by received_at desc, id desc limit ${RECENT_LIMIT}`
    ),
  ])
  return {
    events: (events.rows as { id: string; type: string; name: string | null; path: string | null; occurred_at: Date }[]).map((e) => ({
      ...e,
      occurred_at: iso(e.occurred_at),
    })),
    payments: (
      payments.rows as {
        id: string
        provider: string
        amount: string
        currency_code: string
        link_method: string
        status: string
        is_test: boolean
        occurred_at: Date
        created_at: Date
      }[]
    ).map(({ created_at, ...p }) => ({ ...p, amount: Number(p.amount), occurred_at: iso(p.occurred_at), recorded_at: iso(created_at) })),
    deliveries: (
      deliveries.rows as { provider: string; event_type: string; outcome: string; payment_id: string | null; received_at: Date }[]
    ).map((d) => ({ ...d, received_at: iso(d.received_at) })),
  }
}
