/**
 * Paddle Billing notifications → payment and refund facts. The input is a notification whose
 * `Paddle-Signature` the route has already verified, JSON-parsed:
 * `{ event_id, event_type, occurred_at, notification_id, data }`.
 *
 * Amounts are strings in the lowest denomination of the currency (`"65215"` = 652.15 USD),
 * converted with the currency's ISO 4217 exponent. The row key of a payment is the transaction
 * id (`txn_…`); a refund is keyed by its adjustment id (`adj_…`).
 */
import { minorToMajorString } from "../money"
import {
  currencyCode,
  describe,
  neverThrows,
  firstEmail,
  fromIsoDateTime,
  idsFromSources,
  idString,
  ignored,
  isRecord,
  list,
  mergeMetadata,
  minorUnits,
  rec,
  type JsonRecord,
} from "./shared"
import type { PaymentFact, ProviderFact, RefundFact } from "./types"

type Context = {
  event: string
  data: JsonRecord
  /** The envelope's `occurred_at`: when Paddle says the event happened. */
  occurredAt: Date | null
}

/**
 * Parses a verified Paddle Billing notification into a `PaymentFact`, a `RefundFact` or an
 * `IgnoredFact`. Never throws.
 */
export const parsePaddleEvent = neverThrows("Paddle", parse)

function parse(event: unknown): ProviderFact {
  if (!isRecord(event)) return ignored(`not a Paddle event: ${describe(event)}`)
  const type = typeof event.event_type === "string" ? event.event_type.trim() : ""
  if (!type) return ignored(`Paddle event without an event_type: ${describe(event.event_type)}`)

  const handler = HANDLERS.get(type)
  if (!handler) return ignored(`unhandled event type ${type}`)

  const data = event.data
  if (!isRecord(data)) return ignored(`${type}: data is ${describe(data)}, not an object`)
  return handler({ event: type, data, occurredAt: paddleTime(event.occurred_at) })
}

// A Map, not an object literal: an event type such as "constructor" must not find a handler.
// A transaction fires transaction.paid, then transaction.completed once Paddle has processed
// it: both describe the same money under the same txn_ key, so either one stores the payment
// and the other merges into it. Taking both means a delayed completed event delays nothing.
const HANDLERS = new Map<string, (ctx: Context) => ProviderFact>([
  ["transaction.completed", transaction],
  ["transaction.paid", transaction],
  ["adjustment.created", adjustment],
  ["adjustment.updated", adjustment],
])

/** Paddle writes "0001-01-01T00:00:00Z" for a time not yet set (e.g. a new adjustment's updated_at). */
const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1)

function paddleTime(value: unknown): Date | null {
  const date = fromIsoDateTime(value)
  return date && date.getTime() >= EARLIEST_PLAUSIBLE ? date : null
}

const PAID_STATUSES = new Set(["paid", "completed"])

/**
 * What the customer paid, in minor units: `grand_total` (after discount, tax and credits,
 * before payments). `total` is before credits, so a transaction partly paid from the
 * customer's Paddle balance would be overstated by it; payloads from before `grand_total`
 * existed (June 2023) give `total − credit`, which is the same number.
 */
function paidMinor(totals: JsonRecord): bigint | null {
  if (totals.grand_total !== undefined) return minorUnits(totals.grand_total)
  const total = minorUnits(totals.total)
  const credit = totals.credit === undefined ? 0n : minorUnits(totals.credit)
  return total === null || credit === null || credit > total ? null : total - credit
}

/** When the money was taken: the last captured payment attempt, else the event's time. */
function paidAt(ctx: Context): Date | null {
  let latest: Date | null = null
  for (const attempt of list(ctx.data, "payments")) {
    if (!isRecord(attempt) || attempt.status !== "captured") continue
    const captured = paddleTime(attempt.captured_at)
    if (captured && (!latest || captured > latest)) latest = captured
  }
  return latest ?? ctx.occurredAt ?? paddleTime(ctx.data.billed_at) ?? paddleTime(ctx.data.updated_at)
}

/**
 * `transaction.completed` / `transaction.paid`. `custom_data` is what Paddle.js `customData`
 * (or the API) set on the transaction; Paddle copies it to the subscription the transaction
 * creates and from there to every renewal, so renewals carry the visitor id too.
 */
function transaction(ctx: Context): ProviderFact {
  const { event, data } = ctx
  const id = idString(data.id)
  if (!id) return ignored(`${event}: data.id is ${describe(data.id)}`)
  if (typeof data.status !== "string" || !PAID_STATUSES.has(data.status)) {
    return ignored(`${event}: transaction status is ${describe(data.status)}, not "paid" or "completed"`)
  }
  const totals = rec(rec(data, "details"), "totals")
  const currency = currencyCode(data.currency_code) ?? currencyCode(totals.currency_code)
  if (!currency) return ignored(`${event}: currency_code is ${describe(data.currency_code)}`)
  const minor = paidMinor(totals)
  if (minor === null) return ignored(`${event}: details.totals.grand_total is ${describe(totals.grand_total)}`)
  if (minor === 0n) return ignored(`${event}: nothing paid (grand_total 0)`)
  const occurredAt = paidAt(ctx)
  if (!occurredAt) return ignored(`${event}: no captured_at, occurred_at, billed_at or updated_at`)

  const customData = data.custom_data
  const ids = idsFromSources([customData])
  const fact: PaymentFact = {
    kind: "payment",
    provider: "paddle",
    providerPaymentId: id,
    references: [],
    amount: minorToMajorString(minor, currency),
    currency,
    // Notifications name the customer by id only; an API response with include=customer
    // (a backfill) embeds the customer and its email.
    email: firstEmail(rec(data, "customer").email),
    visitorId: ids.visitorId,
    sessionId: ids.sessionId,
    metadata: mergeMetadata([customData]),
    subscriptionId: idString(data.subscription_id),
    isRenewal: data.origin === "subscription_recurring",
    // Sandbox and live are separate Paddle accounts with their own destinations and secrets;
    // nothing in a notification tells them apart (see docs/paddle.md).
    isTest: false,
    occurredAt,
    customerId: idString(data.customer_id),
  }
  return fact
}

/** Adjustment actions that take money back from the store: a refund, or a chargeback (the card issuer reclaimed it). */
const MONEY_RETURNED = new Set(["refund", "chargeback"])

const NOT_COUNTED: ReadonlyMap<string, string> = new Map([
  ["credit", "a credit lowers what the customer owes or adds to their Paddle balance; no money is returned"],
  ["chargeback_warning", "an early warning of a dispute; no money has moved"],
  ["chargeback_reverse", "a won dispute; the chargeback already counted as a refund stays counted"],
  ["credit_reverse", "the reversal of a credit, which was never counted"],
])

/**
 * `adjustment.created` / `adjustment.updated`. Counted once `approved`: most live refunds are
 * created `pending_approval` and approved later (another `adjustment.updated`), some are
 * approved at once; chargebacks are created approved. Keyed by the adjustment id, so the
 * created and updated events of one approved adjustment record it once.
 */
function adjustment(ctx: Context): ProviderFact {
  const { event, data } = ctx
  const id = idString(data.id)
  if (!id) return ignored(`${event}: data.id is ${describe(data.id)}`)
  const action = typeof data.action === "string" ? data.action : ""
  if (!MONEY_RETURNED.has(action)) {
    const why = NOT_COUNTED.get(action) ?? "not a refund or chargeback"
    return ignored(`${event}: adjustment action ${describe(data.action)}: ${why}`)
  }
  if (data.status !== "approved") {
    return ignored(`${event}: ${action} adjustment status is ${describe(data.status)}, not "approved"`)
  }
  const transactionId = idString(data.transaction_id)
  if (!transactionId) return ignored(`${event}: transaction_id is ${describe(data.transaction_id)}`)
  const totals = rec(data, "totals")
  const currency = currencyCode(data.currency_code) ?? currencyCode(totals.currency_code)
  if (!currency) return ignored(`${event}: currency_code is ${describe(data.currency_code)}`)
  const minor = minorUnits(totals.total)
  if (minor === null) return ignored(`${event}: totals.total is ${describe(totals.total)}`)
  if (minor === 0n) return ignored(`${event}: nothing returned (totals.total 0)`)
  const occurredAt = ctx.occurredAt ?? paddleTime(data.updated_at) ?? paddleTime(data.created_at)
  if (!occurredAt) return ignored(`${event}: no occurred_at, updated_at or created_at`)

  const fact: RefundFact = {
    kind: "refund",
    provider: "paddle",
    paymentIds: [transactionId],
    currency,
    isTest: false,
    occurredAt,
    refunds: [{ refundId: id, amount: minorToMajorString(minor, currency) }],
  }
  return fact
}
