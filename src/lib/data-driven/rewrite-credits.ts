import { computeModelCredits } from "../../core/attribution/models"
import { prorateRefund } from "../../core/attribution/refund"
import type { DataDrivenWeights, Touch } from "../../core/attribution/types"
import { CODE_TOUCH_PREFIX } from "../../core/codes"
import { majorToMinor, minorToMajorString } from "../../core/money"
import { newId } from "../../modules/attribution/ids"
import { refreshLineCredits } from "../../modules/attribution/line-credits"
import type { Sql } from "./sql"

type LinearRow = {
  id: string
  payment_id: string
  session_id: string | null
  session_started_at: Date | string | null
  promotion_code: string | null
  channel: string
  amount: string
  refunded: string
  currency_code: string
  occurred_at: Date | string
}

type NewCredit = { id: string; src: string; w: number; a: string; r: string }

const BATCH = 2_000

/**
 * The `data_driven` credits of one payment from its `linear` credits: `linear` credits every
 * touch the payment may credit (its sessions in the window and its mapped codes), so its rows
 * are the payment's path. Same path order and rounding as storeCredits (computeModelCredits).
 */
export function dataDrivenFromLinear(rows: readonly LinearRow[], weights: DataDrivenWeights | null): NewCredit[] {
  const first = rows[0]!
  const paymentAt = new Date(first.occurred_at)
  const byTouch = new Map<string, LinearRow>()
  const touches: Touch[] = rows.map((r) => {
    // A code's touch is keyed as storeCredits keys it, so ties sort the same way; a payment's
    // single unattributed credit becomes a touch of its own and keeps the whole amount.
    const key = r.session_id ?? (r.promotion_code ? `${CODE_TOUCH_PREFIX}${r.promotion_code}` : `~${r.id}`)
    byTouch.set(key, r)
    return { sessionId: key, startedAt: r.session_started_at ? new Date(r.session_started_at) : paymentAt, channel: r.channel as never }
  })
  const credits = computeModelCredits("data_driven", {
    touches,
    paymentAt,
    amountMinor: majorToMinor(first.amount, first.currency_code),
    // The rows are already the eligible path.
    windowDays: Infinity,
    dataDrivenWeights: weights,
  })
  const refunds = prorateRefund(credits, majorToMinor(first.refunded, first.currency_code))
  return credits.map((c, i) => ({
    id: newId("acred"),
    src: byTouch.get(c.sessionId!)!.id,
    w: c.weight,
    a: minorToMajorString(c.amountMinor, first.currency_code),
    r: minorToMajorString(refunds[i]!, first.currency_code),
  }))
}

/**
 * Replaces the `data_driven` credits of every payment made since `from` with the given weights
 * (null: linear). One read of the window's linear credits, then one statement per 2,000
 * payments that deletes the old rows and inserts the new ones, copying the touch's source
 * columns from its linear row. Run it in a transaction (it locks the window's payment rows). Answers the number of payments.
 */
export async function rewriteDataDrivenCredits(sql: Sql, from: Date, weights: DataDrivenWeights | null): Promise<number> {
  // Lock the window's payments first, in id order, as every credit writer locks its payment's
  // row before touching its credits (storeCredits): a payment being stored now finishes first
  // or waits for this transaction, so its credits are never read stale or deleted here after
  // it rewrote them, and the two can never wait for each other (no deadlock).
  await sql(
    `select id from attribution_payment where occurred_at >= ? and deleted_at is null order by id for update`,
    [from]
  )
  const rows: LinearRow[] = await sql(
    `select c.id, c.payment_id, c.session_id, c.session_started_at, c.promotion_code, c.channel,
            p.amount::text as amount, p.refunded_amount::text as refunded, p.currency_code, p.occurred_at
       from attribution_credit c
       join attribution_payment p on p.id = c.payment_id and p.deleted_at is null
      where c.model = 'linear' and c.deleted_at is null and c.occurred_at >= ?
      order by c.payment_id, c.id`,
    [from]
  )
  const byPayment = new Map<string, LinearRow[]>()
  for (const r of rows) {
    const list = byPayment.get(r.payment_id)
    if (list) list.push(r)
    else byPayment.set(r.payment_id, [r])
  }
  const ids = [...byPayment.keys()]
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH)
    const credits = batch.flatMap((id) => dataDrivenFromLinear(byPayment.get(id)!, weights))
    await sql(
      `with gone as (
         delete from attribution_credit
          where model = 'data_driven' and deleted_at is null and payment_id in (select jsonb_array_elements_text(?::jsonb))
       )
       insert into attribution_credit (id, payment_id, model, session_id, visitor_id, weight, amount, raw_amount,
         refunded_amount, raw_refunded_amount, currency_code, is_test, occurred_at, session_started_at, channel, source,
         medium, campaign, term, content, landing_page, referrer_domain, promotion_code)
       select v.id, c.payment_id, 'data_driven', c.session_id, c.visitor_id, v.w, v.a::numeric,
              jsonb_build_object('value', v.a, 'precision', 20), v.r::numeric, jsonb_build_object('value', v.r, 'precision', 20),
              c.currency_code, c.is_test, c.occurred_at, c.session_started_at, c.channel, c.source, c.medium, c.campaign,
              c.term, c.content, c.landing_page, c.referrer_domain, c.promotion_code
         from jsonb_to_recordset(?::jsonb) as v(id text, src text, w float8, a text, r text)
         join attribution_credit c on c.id = v.src`,
      [JSON.stringify(batch), JSON.stringify(credits)]
    )
    await refreshLineCredits(sql, batch, "data_driven")
  }
  return ids.length
}
