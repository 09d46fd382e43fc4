import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { IngestEvent } from "./types"

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v))

function placeholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill("?").join(", ")})`
  return new Array(rows).fill(row).join(", ")
}

/**
 * Writes a batch of events with three multi-row statements: visitors, sessions, events.
 *
 * A session's source columns come from its earliest event. A session row is created by the
 * first batch that mentions it; if a later batch holds an even earlier event of that session
 * (a retried request arriving late), that event's source replaces the stored one. A later
 * page of the same session (an internal navigation or a self-referral) never does. A session
 * id that already belongs to another visitor is left alone.
 */
export async function writeEventBatch(manager: EntityManager, events: IngestEvent[]): Promise<void> {
  if (!events.length) {
    return
  }

  // Visitors: first and last seen, and the latest identified email hash.
  const visitors = new Map<string, { first: Date; last: Date; email_hash: string | null }>()
  for (const e of events) {
    const v = visitors.get(e.visitor_id)
    if (!v) {
      visitors.set(e.visitor_id, { first: e.occurred_at, last: e.occurred_at, email_hash: e.email_hash })
    } else {
      if (e.occurred_at < v.first) v.first = e.occurred_at
      if (e.occurred_at >= v.last) v.last = e.occurred_at
      if (e.email_hash) v.email_hash = e.email_hash
    }
  }
  const visitorParams: unknown[] = []
  for (const [id, v] of visitors) {
    visitorParams.push(id, v.first, v.last, v.email_hash)
  }
  await manager.execute(
    `insert into attribution_visitor (id, first_seen_at, last_seen_at, email_hash)
     values ${placeholders(visitors.size, 4)}
     on conflict (id) do update set
       first_seen_at = least(attribution_visitor.first_seen_at, excluded.first_seen_at),
       last_seen_at = greatest(attribution_visitor.last_seen_at, excluded.last_seen_at),
       email_hash = coalesce(excluded.email_hash, attribution_visitor.email_hash),
       updated_at = now()`,
    visitorParams
  )

  // Sessions: the earliest event of each session in this batch carries its source.
  const sessions = new Map<string, { first: IngestEvent; last: Date; pageviews: number; events: number }>()
  for (const e of events) {
    const s = sessions.get(e.session_id)
    const pageview = e.type === "pageview" ? 1 : 0
    if (!s) {
      sessions.set(e.session_id, { first: e, last: e.occurred_at, pageviews: pageview, events: 1 })
    } else {
      if (e.occurred_at < s.first.occurred_at) s.first = e
      if (e.occurred_at > s.last) s.last = e.occurred_at
      s.pageviews += pageview
      s.events += 1
    }
  }
  const sessionParams: unknown[] = []
  for (const [id, s] of sessions) {
    const src = s.first.session
    sessionParams.push(
      id,
      s.first.visitor_id,
      s.first.occurred_at,
      s.last,
      src.source,
      src.medium,
      src.campaign,
      src.term,
      src.content,
      json(src.click_ids),
      src.referrer,
      src.referrer_domain,
      src.landing_page,
      src.channel,
      src.device_type,
      src.browser,
      src.os,
      s.pageviews,
      s.events
    )
  }
  const earlier = `excluded.started_at < attribution_session.started_at`
  const sourceColumns = [
    "source",
    "medium",
    "campaign",
    "term",
    "content",
    "click_ids",
    "referrer",
    "referrer_domain",
    "landing_page",
    "channel",
  ]
  await manager.execute(
    `insert into attribution_session (id, visitor_id, started_at, last_seen_at, source, medium, campaign, term, content,
       click_ids, referrer, referrer_domain, landing_page, channel, device_type, browser, os, pageviews, events)
     values ${placeholders(sessions.size, 19)}
     on conflict (id) do update set
       ${sourceColumns.map((c) => `${c} = case when ${earlier} then excluded.${c} else attribution_session.${c} end`).join(",\n       ")},
       started_at = least(attribution_session.started_at, excluded.started_at),
       last_seen_at = greatest(attribution_session.last_seen_at, excluded.last_seen_at),
       pageviews = attribution_session.pageviews + excluded.pageviews,
       events = attribution_session.events + excluded.events,
       updated_at = now()
     where attribution_session.visitor_id = excluded.visitor_id`,
    sessionParams
  )

  const eventParams: unknown[] = []
  for (const e of events) {
    eventParams.push(
      e.id,
      e.visitor_id,
      e.session_id,
      e.type,
      e.name,
      e.url,
      e.path,
      e.title,
      json(e.props),
      e.order_id,
      e.amount,
      e.amount === null ? null : JSON.stringify({ value: e.amount, precision: 20 }),
      e.currency_code,
      e.occurred_at
    )
  }
  await manager.execute(
    `insert into attribution_event (id, visitor_id, session_id, type, name, url, path, title, props, order_id,
       amount, raw_amount, currency_code, occurred_at)
     values ${placeholders(events.length, 14)}
     on conflict (id) do nothing`,
    eventParams
  )
}
