import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"

export type EraseTarget = { visitor_id?: string; email_hash?: string }

export type EraseResult = {
  visitors: number
  sessions: number
  events: number
  payments_anonymized: number
}

/**
 * Erases a person: the visitors named (by id, by identified email, or as the visitor of a
 * payment made with that email), with their sessions and events, are deleted; their payments
 * stay, so revenue still adds up, but lose everything that points to the person (visitor and
 * session ids, customer id, email and its hash, metadata). Each payment's credits keep their
 * amounts and the channel and source they were credited to, without the visitor or session.
 * One statement, so an erasure is all or nothing.
 */
export async function erasePerson(manager: EntityManager, target: EraseTarget): Promise<EraseResult> {
  const [row] = await manager.execute(
    `with target_visitors as (
       select id from attribution_visitor where id = ?::text
       union select id from attribution_visitor where email_hash = ?::text
       union select visitor_id from attribution_payment where customer_email_hash = ?::text and visitor_id is not null
     ),
     target_payments as (
       select id from attribution_payment
        where visitor_id in (select id from target_visitors) or customer_email_hash = ?::text
     ),
     anonymized as (
       update attribution_payment
          set visitor_id = null, session_id = null, customer_id = null, customer_email = null,
              customer_email_hash = null, metadata = null, updated_at = now()
        where id in (select id from target_payments)
        returning id
     ),
     credits as (
       update attribution_credit set visitor_id = null, session_id = null, updated_at = now()
        where payment_id in (select id from target_payments)
     ),
     events as (delete from attribution_event where visitor_id in (select id from target_visitors) returning 1),
     sessions as (delete from attribution_session where visitor_id in (select id from target_visitors) returning 1),
     visitors as (delete from attribution_visitor where id in (select id from target_visitors) returning 1)
     select (select count(*) from visitors)::int as visitors, (select count(*) from sessions)::int as sessions,
            (select count(*) from events)::int as events, (select count(*) from anonymized)::int as payments_anonymized`,
    [target.visitor_id ?? null, target.email_hash ?? null, target.email_hash ?? null, target.email_hash ?? null]
  )
  return row as EraseResult
}

/**
 * Deletes raw storefront events older than `days`, a batch at a time so a large purge never
 * holds long locks. Sessions (the traffic source of each visit) and the payments' stored
 * credits are kept: reports and attribution do not read raw events. Answers how many went.
 */
export async function purgeEventsOlderThan(manager: EntityManager, days: number, batchSize = 10_000): Promise<number> {
  let total = 0
  for (;;) {
    const rows = await manager.execute(
      `delete from attribution_event where id in (
         select id from attribution_event
          where occurred_at < now() - make_interval(days => ?) and deleted_at is null
          limit ?)
       returning 1`,
      [days, batchSize]
    )
    total += rows.length
    if (rows.length < batchSize) return total
  }
}
