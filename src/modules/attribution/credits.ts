import { managerSql } from "../../lib/data-driven/sql"
import { refreshLineCredits } from "./line-credits"
import { computeCredits, prorateRefund, type AttributionModel, type Credit, type DataDrivenWeights } from "../../core/attribution/models"
import { majorToMinor, minorToMajorString } from "../../core/money"
import type { PaymentRow } from "./linking"
import { newId } from "./ids"
import { rawBigNumber, type SqlRunner } from "./sql"
import { codeOfTouch } from "../../core/codes"
import { mappedCodeTouches } from "./code-touches"

export type SessionRow = {
  id: string
  /** A Date, or its JSON text when read through json_agg. */
  started_at: Date | string
  channel: string
  source: string | null
  medium: string | null
  campaign: string | null
  term: string | null
  content: string | null
  landing_page: string | null
  referrer_domain: string | null
}

const CREDIT_COLUMNS = [
  "id",
  "payment_id",
  "model",
  "session_id",
  "visitor_id",
  "weight",
  "amount",
  "raw_amount",
  "refunded_amount",
  "raw_refunded_amount",
  "currency_code",
  "is_test",
  "occurred_at",
  "session_started_at",
  "channel",
  "source",
  "medium",
  "campaign",
  "term",
  "content",
  "landing_page",
  "referrer_domain",
  "promotion_code",
]

/**
 * Replaces the stored credits of a payment: the visitor's sessions inside the attribution
 * window before the payment, and each one's share under every model, with the session's source
 * copied in so reports are one aggregation. Credits of a model add up exactly to the amount.
 * A payment with no visitor, or none of whose sessions fall in the window, gets one credit with
 * no session: channel `Unassigned` when unlinked, `Direct` when the visitor came back with no
 * tracked touch. `knownSessions` are those sessions when the caller has read them already.
 * A mapped promotion code the payment used is one more touch at the payment's time, its credit
 * stored with no session and `promotion_code` set (code-touches.ts).
 */
export async function storeCredits(
  manager: SqlRunner,
  payment: PaymentRow,
  windowDays: number,
  knownSessions?: SessionRow[],
  /** The data_driven model's channel weights in use (lib/data-driven); none: it credits like linear. */
  dataDrivenWeights?: DataDrivenWeights | null
): Promise<void> {
  const sessions: SessionRow[] = knownSessions ?? (payment.visitor_id
    ? await manager.execute(
        `select id, started_at, channel, source, medium, campaign, term, content, landing_page, referrer_domain
           from attribution_session
          where visitor_id = ? and deleted_at is null
            and started_at <= ?::timestamptz and started_at >= ?::timestamptz - make_interval(days => ?)
          order by started_at asc, id asc`,
        [payment.visitor_id, payment.occurred_at, payment.occurred_at, windowDays]
      )
    : [])
  // A mapped promotion code is one more touch, at order time (issue 10, discount codes).
  const codes = await mappedCodeTouches(manager, payment)
  const byId = new Map([...sessions, ...codes.rows].map((s) => [s.id, s]))
  const amountMinor = majorToMinor(payment.amount, payment.currency_code)
  const credits = computeCredits({
    touches: [
      ...sessions.map((s) => ({ sessionId: s.id, startedAt: new Date(s.started_at), channel: s.channel as never })),
      ...codes.touches,
    ],
    paymentAt: new Date(payment.occurred_at),
    amountMinor,
    windowDays,
    dataDrivenWeights,
  })
  const refunded = majorToMinor(payment.refunded_amount, payment.currency_code)

  const params: unknown[] = [payment.id]
  let rows = 0
  for (const [model, list] of Object.entries(credits) as [AttributionModel, Credit[]][]) {
    const refunds = prorateRefund(list, refunded)
    list.forEach((credit, i) => {
      const session = credit.sessionId ? byId.get(credit.sessionId) : undefined
      const code = codeOfTouch(credit.sessionId)
      const amount = minorToMajorString(credit.amountMinor, payment.currency_code)
      const refundedShare = minorToMajorString(refunds[i]!, payment.currency_code)
      params.push(
        newId("acred"),
        payment.id,
        model,
        code ? null : (session?.id ?? null),
        payment.visitor_id,
        credit.weight,
        amount,
        rawBigNumber(amount),
        refundedShare,
        rawBigNumber(refundedShare),
        payment.currency_code,
        payment.is_test,
        payment.occurred_at,
        session?.started_at ?? null,
        session?.channel ?? (payment.visitor_id ? "Direct" : "Unassigned"),
        session?.source ?? null,
        session?.medium ?? null,
        session?.campaign ?? null,
        session?.term ?? null,
        session?.content ?? null,
        session?.landing_page ?? null,
        session?.referrer_domain ?? null,
        code
      )
      rows++
    })
  }
  const row = `(${CREDIT_COLUMNS.map(() => "?").join(", ")})`
  // The old credits go in the same statement (no unique index on credits to collide with).
  // `deleted_at is null` lets Postgres use the partial index on payment_id. The payment's row is
  // locked before its credits are deleted (already held when the caller just upserted it): every
  // credit writer locks payment rows first, in id order where it locks several (the data-driven
  // recompute), so two writers never wait for each other's credits.
  const statement = `with locked as (select id from attribution_payment where id = ? for update),
     gone as (delete from attribution_credit where payment_id in (select id from locked) and deleted_at is null)
     insert into attribution_credit (${CREDIT_COLUMNS.join(", ")}) values ${new Array(rows).fill(row).join(", ")}`
  // Nothing reads its rows: on a pipelined transaction it goes with the next statement or the commit.
  if (manager.executeLater) {
    manager.executeLater(statement, params)
  } else {
    await manager.execute(statement, params)
  }
  await refreshLinesOf(manager, payment)
}

/** After a refund: each credit's refunded share, in proportion to its amount, exact. */
export async function prorateCreditRefunds(manager: SqlRunner, payment: PaymentRow): Promise<void> {
  const rows: { id: string; model: string; amount: string }[] = await manager.execute(
    `select id, model, amount::text as amount from attribution_credit where payment_id = ? and deleted_at is null order by model, id`,
    [payment.id]
  )
  const refunded = majorToMinor(payment.refunded_amount, payment.currency_code)
  const byModel = new Map<string, { id: string; amount: string }[]>()
  for (const r of rows) {
    byModel.set(r.model, [...(byModel.get(r.model) ?? []), r])
  }
  const updates: { id: string; r: string }[] = []
  for (const list of byModel.values()) {
    const shares = prorateRefund(
      list.map((r) => ({ sessionId: null, weight: 0, amountMinor: majorToMinor(r.amount, payment.currency_code) })),
      refunded
    )
    list.forEach((row, i) => updates.push({ id: row.id, r: minorToMajorString(shares[i]!, payment.currency_code) }))
  }
  if (!updates.length) {
    return
  }
  await manager.execute(
    `update attribution_credit c
        set refunded_amount = v.r::numeric, raw_refunded_amount = jsonb_build_object('value', v.r, 'precision', 20)
       from jsonb_to_recordset(?::jsonb) as v(id text, r text)
      where c.id = v.id`,
    [JSON.stringify(updates)]
  )
  await refreshLinesOf(manager, payment)
}

/** After a payment's credits changed: its line credits, unless it has no order lines (most webhook payments). */
async function refreshLinesOf(manager: SqlRunner, payment: PaymentRow): Promise<void> {
  if (payment.has_lines !== false) {
    await refreshLineCredits(managerSql(manager), [payment.id])
  }
}
