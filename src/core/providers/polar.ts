/**
 * Polar webhook events → payment and refund facts. The input is the JSON body whose Standard
 * Webhooks signature the route has already verified, parsed: `{ type, timestamp, data }` with
 * snake_case fields (the "Raw" endpoint format).
 *
 * - `order.paid` is the payment, keyed by the order id. `order.created` is not: the order may
 *   still be pending. `order.updated` repeats what `order.paid` and `order.refunded` say.
 * - `order.refunded` (sent for partial refunds too) carries the order's cumulative refunded
 *   amount, so it is the refund; `refund.created` / `refund.updated` are ignored, else every
 *   refund would be counted from two events.
 * - Amounts are integer minor units in Stripe's convention (Polar charges through Stripe and
 *   lists Stripe's zero-decimal currencies), so they are read with `stripeCurrencyExponent`.
 * - Polar's sandbox is a separate deployment whose payloads carry no test flag, so `isTest`
 *   is always false: keep sandbox endpoints away from a production store (docs/polar.md).
 */
import { isValidClientId } from "../identity"
import { minorToMajorString, stripeCurrencyExponent } from "../money"
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
  mergeMetadata,
  minorUnits,
  rec,
  type JsonRecord,
} from "./shared"
import type { PaymentFact, ProviderFact, RefundFact } from "./types"

type Context = {
  type: string
  /** The event's own `timestamp` (when Polar generated it). */
  eventTime: Date | null
}

/**
 * The reference under which a Polar checkout's order is also stored. Prefixed because Polar's
 * ids are bare UUIDs that do not say what they name.
 */
export const polarCheckoutReference = (checkoutId: string): string => `checkout:${checkoutId}`

/** Parses a verified Polar event into a `PaymentFact`, a `RefundFact` or an `IgnoredFact`. Never throws. */
export const parsePolarEvent = neverThrows("Polar", parse)

/**
 * The payment an `order.refunded` event describes (the refunded order, which Polar sends
 * whole), for the route to store first when the refund arrives before `order.paid`. Null for
 * any other event or an order that is not a payment. Never throws.
 */
export function polarRefundedOrderPayment(event: unknown): PaymentFact | null {
  try {
    const envelope = readEnvelope(event)
    if (typeof envelope === "string" || envelope.ctx.type !== "order.refunded") return null
    const fact = orderPayment(envelope.order, envelope.ctx)
    return fact.kind === "payment" ? fact : null
  } catch {
    return null
  }
}

// A Map, not an object literal: an event type such as "constructor" must not find a handler.
const HANDLERS = new Map<string, (order: JsonRecord, ctx: Context) => ProviderFact>([
  ["order.paid", orderPayment],
  ["order.refunded", orderRefund],
])

/** Why some order events are not recorded, for the ignored reason. */
const NOT_RECORDED = new Map<string, string>([
  ["order.created", "the order may still be pending; order.paid records the payment"],
  ["order.updated", "order.paid and order.refunded record what an update changes"],
  ["refund.created", "order.refunded records the order's refunded total"],
  ["refund.updated", "order.refunded records the order's refunded total"],
])

function readEnvelope(event: unknown): { ctx: Context; order: JsonRecord } | string {
  if (!isRecord(event)) return `not a Polar event: ${describe(event)}`
  const type = typeof event.type === "string" ? event.type.trim() : ""
  if (!type) return `Polar event without a type: ${describe(event.type)}`
  const order = event.data
  if (!isRecord(order)) return `${type}: data is ${describe(order)}, not an object`
  return { ctx: { type, eventTime: fromIsoDateTime(event.timestamp) }, order }
}

function parse(event: unknown): ProviderFact {
  const envelope = readEnvelope(event)
  if (typeof envelope === "string") return ignored(envelope)
  const { ctx, order } = envelope
  const handler = HANDLERS.get(ctx.type)
  if (handler) return handler(order, ctx)
  const why = NOT_RECORDED.get(ctx.type)
  return ignored(why ? `${ctx.type}: ${why}` : `unhandled event type ${ctx.type}`)
}

/** Statuses of an order whose payment went through (later refunds do not undo that it was paid). */
const PAID_STATUSES = new Set(["paid", "refunded", "partially_refunded"])

/** Orders a checkout produced; later orders of its subscription must not share its reference. */
const CHECKOUT_BILLING_REASONS = new Set(["purchase", "subscription_create"])

/**
 * Visitor and session ids: the metadata keys every provider accepts; else `reference_id`, which
 * Polar checkout links fill from their `?reference_id=` parameter, when it is a well-formed
 * visitor id (as Stripe's client_reference_id). `customer.external_id` is never one: it names
 * the store's customer across purchases, and a Medusa customer id ("cus_01J…") has the very
 * shape of a visitor id.
 */
function visitorIds(metadata: unknown[]): { visitorId: string | null; sessionId: string | null } {
  const ids = idsFromSources(metadata)
  const reference = metadata
    .map((source) => (isRecord(source) && typeof source.reference_id === "string" ? source.reference_id.trim() : null))
    .find(isValidClientId)
  return { visitorId: ids.visitorId ?? reference ?? null, sessionId: ids.sessionId }
}

/** `order.paid` (and the order of `order.refunded`, as its payment). Amount: `total_amount`, after discounts and with tax. */
function orderPayment(order: JsonRecord, ctx: Context): ProviderFact {
  const id = idString(order.id)
  if (!id) return ignored(`${ctx.type}: order id is ${describe(order.id)}`)
  const status = order.status === undefined ? (order.paid === true ? "paid" : undefined) : order.status
  if (typeof status !== "string" || !PAID_STATUSES.has(status)) {
    return ignored(`${ctx.type}: order status is ${describe(order.status)}, not paid`)
  }
  const currency = currencyCode(order.currency)
  if (!currency) return ignored(`${ctx.type}: currency is ${describe(order.currency)}`)
  const minor = minorUnits(order.total_amount)
  if (minor === null) return ignored(`${ctx.type}: total_amount is ${describe(order.total_amount)}`)
  if (minor === 0n) return ignored(`${ctx.type}: nothing paid (total_amount 0)`)
  const occurredAt = fromIsoDateTime(order.created_at) ?? ctx.eventTime
  if (!occurredAt) return ignored(`${ctx.type}: no created_at or timestamp`)

  const customer = rec(order, "customer")
  const checkoutId = CHECKOUT_BILLING_REASONS.has(String(order.billing_reason)) ? idString(order.checkout_id) : null
  // The order's metadata is the checkout's; a subscription's carries it to renewals.
  const metadata = [order.metadata, rec(order, "subscription").metadata]
  const fact: PaymentFact = {
    kind: "payment",
    provider: "polar",
    providerPaymentId: id,
    references: checkoutId ? [polarCheckoutReference(checkoutId)] : [],
    amount: minorToMajorString(minor, currency, stripeCurrencyExponent(currency)),
    currency,
    email: firstEmail(customer.email),
    ...visitorIds(metadata),
    metadata: mergeMetadata(metadata),
    subscriptionId: idString(order.subscription_id),
    isRenewal: order.billing_reason === "subscription_cycle",
    isTest: false,
    occurredAt,
    // The store's own customer id when it set one (a Medusa customer id finds the payment in
    // the customer report); else Polar's, which keeps one customer's payments together.
    customerId: idString(customer.external_id) ?? idString(order.customer_id) ?? idString(customer.id),
  }
  return fact
}

/**
 * `order.refunded`: the order's cumulative refund, `refunded_amount` (before tax) plus
 * `refunded_tax_amount`, so a full refund cancels the whole `total_amount`. The caller records
 * only the difference with what it has, so redeliveries and late older events add nothing.
 * occurredAt is the event's time (when the refund was made), not the order's.
 */
function orderRefund(order: JsonRecord, ctx: Context): ProviderFact {
  const id = idString(order.id)
  if (!id) return ignored(`${ctx.type}: order id is ${describe(order.id)}`)
  const currency = currencyCode(order.currency)
  if (!currency) return ignored(`${ctx.type}: currency is ${describe(order.currency)}`)
  const refunded = minorUnits(order.refunded_amount)
  if (refunded === null) return ignored(`${ctx.type}: refunded_amount is ${describe(order.refunded_amount)}`)
  const rawTax = order.refunded_tax_amount ?? 0
  const refundedTax = minorUnits(rawTax)
  if (refundedTax === null) return ignored(`${ctx.type}: refunded_tax_amount is ${describe(rawTax)}`)
  const cumulative = refunded + refundedTax
  if (cumulative === 0n) return ignored(`${ctx.type}: nothing refunded (refunded_amount 0)`)
  const occurredAt = ctx.eventTime ?? fromIsoDateTime(order.modified_at) ?? fromIsoDateTime(order.created_at)
  if (!occurredAt) return ignored(`${ctx.type}: no timestamp, modified_at or created_at`)

  const fact: RefundFact = {
    kind: "refund",
    provider: "polar",
    paymentIds: [id],
    currency,
    isTest: false,
    occurredAt,
    cumulativeRefunded: minorToMajorString(cumulative, currency, stripeCurrencyExponent(currency)),
  }
  return fact
}
