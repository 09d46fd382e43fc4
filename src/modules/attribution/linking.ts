import type { SqlRunner } from "./sql"
import type { LinkMethod } from "./models"

export type PaymentRow = {
  id: string
  amount: string
  refunded_amount: string
  currency_code: string
  occurred_at: Date
  visitor_id: string | null
  session_id: string | null
  link_method: LinkMethod
  customer_email_hash: string | null
  subscription_id: string | null
  is_test: boolean
  status: string
  /** Upper-case promotion codes the order used (null: none). */
  promotion_codes?: string[] | null
  /** Whether order lines are stored for it (unknown: treated as yes). See `storeCredits`. */
  has_lines?: boolean
}

/** The `has_lines` column of a payment row whose id is `idColumn`, for a select list. */
export const HAS_LINES = (idColumn: string) =>
  `exists (select 1 from attribution_line_item l where l.payment_id = ${idColumn} and l.deleted_at is null) as has_lines`

export async function loadPayment(manager: SqlRunner, paymentId: string): Promise<PaymentRow | null> {
  const [row] = await manager.execute(
    `select id, amount::text as amount, refunded_amount::text as refunded_amount, currency_code, occurred_at, visitor_id, session_id, link_method,
            customer_email_hash, subscription_id, is_test, status, promotion_codes, ${HAS_LINES("attribution_payment.id")}
       from attribution_payment where id = ? and deleted_at is null`,
    [paymentId]
  )
  return (row as PaymentRow) ?? null
}

/** The payment one of its ids (a reference) belongs to. */
export async function paymentIdByReference(manager: SqlRunner, provider: string, externalId: string): Promise<string | null> {
  const [row] = await manager.execute(
    `select payment_id from attribution_payment_reference where provider = ? and external_id = ? and deleted_at is null`,
    [provider, externalId]
  )
  return row?.payment_id ?? null
}

/**
 * Finds the visitor of a payment that arrived without ids, in the order CONTRACT.md gives:
 * a renewal inherits its subscription's first payment; then the customer's email matched to
 * a visitor who identified with it; then a single visitor active within the window before the
 * payment (several: no guess). Answers null when none applies.
 */
export async function findVisitor(
  manager: SqlRunner,
  payment: PaymentRow,
  timestampWindowMinutes: number
): Promise<{ visitorId: string; sessionId: string | null; method: LinkMethod } | null> {
  if (payment.subscription_id) {
    const [first] = await manager.execute(
      `select visitor_id, session_id, link_method from attribution_payment
        where subscription_id = ? and visitor_id is not null and id <> ? and deleted_at is null
        order by occurred_at asc limit 1`,
      [payment.subscription_id, payment.id]
    )
    if (first) {
      return { visitorId: first.visitor_id, sessionId: first.session_id, method: first.link_method }
    }
  }
  if (payment.customer_email_hash) {
    const [visitor] = await manager.execute(
      `select id from attribution_visitor where email_hash = ? and deleted_at is null
        order by last_seen_at desc limit 1`,
      [payment.customer_email_hash]
    )
    if (visitor) {
      return { visitorId: visitor.id, sessionId: null, method: "email" }
    }
  }
  const candidates = await manager.execute(
    `select distinct visitor_id from attribution_session
      where last_seen_at between ?::timestamptz - make_interval(mins => ?) and ?::timestamptz
        -- The lower bound lets the started_at index narrow the scan; no visit lasts a day.
        and started_at between ?::timestamptz - interval '1 day' and ?::timestamptz
        and deleted_at is null
      limit 2`,
    [payment.occurred_at, timestampWindowMinutes, payment.occurred_at, payment.occurred_at, payment.occurred_at]
  )
  if (candidates.length === 1) {
    return { visitorId: candidates[0].visitor_id, sessionId: null, method: "timestamp" }
  }
  return null
}
