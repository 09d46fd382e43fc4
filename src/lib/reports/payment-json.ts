import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { AttributionModel } from "../../core/attribution/types"

/** The columns of `attribution_payment p` the admin sees (never the email or its hash). */
export const PAYMENT_COLUMNS = `p.id, p.provider, p.provider_payment_id, p.order_id, p.customer_id,
  p.amount::text as amount, p.refunded_amount::text as refunded_amount, p.currency_code, p.status, p.is_test,
  p.link_method, p.linked_at, p.occurred_at, p.visitor_id, p.session_id`

export type PaymentRow = {
  id: string
  provider: string
  provider_payment_id: string
  order_id: string | null
  customer_id: string | null
  amount: string
  refunded_amount: string
  currency_code: string
  status: string
  is_test: boolean
  link_method: string
  linked_at: Date | null
  occurred_at: Date
  visitor_id: string | null
  session_id: string | null
}

export type Credited = { channel: string; source: string | null; medium: string | null; campaign: string | null }

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

/** A payment as the report routes show it; amounts are exact decimals read as JSON numbers. */
export function paymentJson(p: PaymentRow, credited: Credited | null) {
  return {
    id: p.id,
    provider: p.provider,
    provider_payment_id: p.provider_payment_id,
    order_id: p.order_id,
    customer_id: p.customer_id,
    amount: Number(p.amount),
    refunded_amount: Number(p.refunded_amount),
    currency_code: p.currency_code,
    status: p.status,
    is_test: p.is_test,
    link_method: p.link_method,
    linked_at: iso(p.linked_at),
    occurred_at: iso(p.occurred_at),
    visitor_id: p.visitor_id,
    session_id: p.session_id,
    credited,
  }
}

/**
 * For each payment, the channel and source that got the largest credit under `model`: credits
 * of the same channel, source, medium and campaign are added first (under linear, three
 * sessions from Google cpc outweigh two direct ones); a tie goes to the most recent session.
 */
export async function creditedBy(knex: Knex, paymentIds: string[], model: AttributionModel): Promise<Map<string, Credited>> {
  if (!paymentIds.length) return new Map()
  const { rows } = await knex.raw(
    `select distinct on (payment_id) payment_id, channel, source, medium, campaign
       from (select payment_id, channel, source, medium, campaign, sum(amount) as amount, max(session_started_at) as latest
               from attribution_credit
              -- A JSON array: the query builder would spread a JS array into a list of parameters.
              where payment_id in (select jsonb_array_elements_text(?::jsonb)) and model = ? and deleted_at is null
              group by 1, 2, 3, 4, 5) t
      order by payment_id, amount desc, latest desc nulls last, channel`,
    [JSON.stringify(paymentIds), model]
  )
  return new Map(
    (rows as (Credited & { payment_id: string })[]).map((r) => [
      r.payment_id,
      { channel: r.channel, source: r.source, medium: r.medium, campaign: r.campaign },
    ])
  )
}
