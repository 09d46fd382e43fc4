import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { ATTRIBUTION_MODELS, type AttributionModel } from "../../core/attribution/types"
import { amount } from "./figures"
import { creditedBy, paymentJson, PAYMENT_COLUMNS, type PaymentRow } from "./payment-json"

/** Whose journey: the payments of an order, one payment, or a customer (by id and email hash). */
export type JourneyTarget =
  | { order_id: string }
  | { payment_id: string }
  | { customer_id: string; email_hash: string | null }

/** Journeys show at most this many payments and sessions: the most recent ones. */
export const JOURNEY_LIMIT = 200

type CreditRow = {
  payment_id: string
  model: AttributionModel
  session_id: string | null
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
  amount: string
  refunded_amount: string
  weight: number
  currency_code: string
  session_started_at: Date | null
  /** Set on the credit of a mapped promotion code's touch (at the order's time, no session). */
  promotion_code: string | null
}

type SessionRow = {
  id: string
  visitor_id: string
  started_at: Date
  last_seen_at: Date
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
  term: string | null
  content: string | null
  landing_page: string | null
  referrer_domain: string | null
  pageviews: number
}

const SESSION_COLUMNS = `id, visitor_id, started_at, last_seen_at, channel, source, medium, campaign, term, content,
  landing_page, referrer_domain, pageviews`

function matchPayments(target: JourneyTarget): { sql: string; params: Knex.Value[] } {
  if ("order_id" in target) return { sql: "p.order_id = ?", params: [target.order_id] }
  if ("payment_id" in target) return { sql: "p.id = ?", params: [target.payment_id] }
  if (target.email_hash) {
    return { sql: "(p.customer_id = ? or p.customer_email_hash = ?)", params: [target.customer_id, target.email_hash] }
  }
  return { sql: "p.customer_id = ?", params: [target.customer_id] }
}

/** Visitors of a customer beyond its payments': those who identified with its email, or carry its id. */
async function customerVisitors(knex: Knex, target: JourneyTarget): Promise<string[]> {
  if (!("customer_id" in target)) return []
  const { rows } = await knex.raw(
    `select id from attribution_visitor where customer_id = ? and deleted_at is null
     ${target.email_hash ? "union select id from attribution_visitor where email_hash = ? and deleted_at is null" : ""}`,
    target.email_hash ? [target.customer_id, target.email_hash] : [target.customer_id]
  )
  return (rows as { id: string }[]).map((r) => r.id)
}

const iso = (d: Date) => new Date(d).toISOString()

/**
 * The path to purchase of an order, a payment or a customer: its payments with their credits
 * under every model, the sessions of the visitors who made them, the first touch and the
 * revenue so far per currency (docs/reports-api.md). An unknown target is empty lists.
 */
export async function journeyReport(knex: Knex, target: JourneyTarget, model: AttributionModel, includeTest: boolean) {
  const match = matchPayments(target)
  const [paymentsResult, totalsResult, extraVisitors] = await Promise.all([
    knex.raw(
      `select ${PAYMENT_COLUMNS} from attribution_payment p where ${match.sql} and p.deleted_at is null
        order by p.occurred_at desc, p.id desc limit ${JOURNEY_LIMIT}`,
      match.params
    ),
    knex.raw(
      `select p.currency_code as currency, sum(p.amount)::text as revenue, sum(p.refunded_amount)::text as refunded,
              (sum(p.amount) - sum(p.refunded_amount))::text as net, count(*)::int as payments
         from attribution_payment p
        where ${match.sql} and p.deleted_at is null and p.status <> 'canceled' ${includeTest ? "" : "and not p.is_test"}
        group by 1 order by count(*) desc, 1`,
      match.params
    ),
    customerVisitors(knex, target),
  ])
  const payments = (paymentsResult.rows as PaymentRow[]).reverse()
  const ids = payments.map((p) => p.id)
  const visitors = [...new Set([...payments.flatMap((p) => (p.visitor_id ? [p.visitor_id] : [])), ...extraVisitors])]

  const visitorList = JSON.stringify(visitors)
  const [credits, credited, sessions, firstTouch, sessionCount] = await Promise.all([
    ids.length
      ? knex.raw(
          `select payment_id, model, session_id, channel, source, medium, campaign, amount::text as amount,
                  refunded_amount::text as refunded_amount, weight, currency_code, session_started_at, promotion_code
             from attribution_credit
            where payment_id in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null`,
          [JSON.stringify(ids)]
        )
      : { rows: [] },
    creditedBy(knex, ids, model),
    knex.raw(
      `select ${SESSION_COLUMNS} from attribution_session
        where visitor_id in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null
        order by started_at desc, id desc limit ${JOURNEY_LIMIT}`,
      [visitorList]
    ),
    knex.raw(
      `select channel, source, medium, campaign, started_at from attribution_session
        where visitor_id in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null
        order by started_at asc, id asc limit 1`,
      [visitorList]
    ),
    knex.raw(
      `select count(*)::int as n from attribution_session
        where visitor_id in (select jsonb_array_elements_text(?::jsonb)) and deleted_at is null`,
      [visitorList]
    ),
  ])

  const modelRank = (m: string) => ATTRIBUTION_MODELS.indexOf(m as AttributionModel)
  const creditsOf = new Map<string, CreditRow[]>()
  for (const c of credits.rows as CreditRow[]) creditsOf.set(c.payment_id, [...(creditsOf.get(c.payment_id) ?? []), c])
  const first = (firstTouch.rows as SessionRow[])[0]

  return {
    model,
    payments: payments.map((p) => ({
      ...paymentJson(p, credited.get(p.id) ?? null),
      credits: (creditsOf.get(p.id) ?? [])
        .sort(
          (a, b) =>
            modelRank(a.model) - modelRank(b.model) ||
            new Date(a.session_started_at ?? 0).getTime() - new Date(b.session_started_at ?? 0).getTime()
        )
        .map((c) => ({
          model: c.model,
          session_id: c.session_id,
          channel: c.channel,
          source: c.source,
          medium: c.medium,
          campaign: c.campaign,
          amount: amount(c.amount, c.currency_code),
          refunded_amount: amount(c.refunded_amount, c.currency_code),
          weight: c.weight,
          promotion_code: c.promotion_code,
        })),
    })),
    sessions: (sessions.rows as SessionRow[]).reverse().map((s) => ({
      ...s,
      started_at: iso(s.started_at),
      last_seen_at: iso(s.last_seen_at),
    })),
    sessions_total: (sessionCount.rows[0] as { n: number }).n,
    first_touch: first
      ? { channel: first.channel, source: first.source, medium: first.medium, campaign: first.campaign, started_at: iso(first.started_at) }
      : null,
    revenue_to_date: (totalsResult.rows as { currency: string; revenue: string; refunded: string; net: string; payments: number }[]).map((r) => ({
      currency: r.currency,
      revenue: amount(r.revenue, r.currency),
      refunded: amount(r.refunded, r.currency),
      net_revenue: amount(r.net, r.currency),
      payments: r.payments,
    })),
  }
}
