/**
 * Stripe events → payment and refund facts. The input is an event whose signature the route
 * has already verified, JSON-parsed. Shapes of every API version since 2020-08-27 are read,
 * including basil (2025-03-31) and later, where invoices lost `subscription`, `payment_intent`
 * and `charge` and gained `parent.subscription_details` and `payments`.
 *
 * Amounts are integer minor units converted with Stripe's exponents (`stripeCurrencyExponent`),
 * which differ from ISO 4217 for ISK, MGA, UGX, ...
 */
import { isValidClientId } from "../identity"
import { minorToMajorString, stripeCurrencyExponent } from "../money"
import {
  currencyCode,
  describe,
  neverThrows,
  firstEmail,
  fromUnixSeconds,
  idsFromSources,
  idString,
  ignored,
  isRecord,
  list,
  mergeMetadata,
  minorUnits,
  rec,
  refId,
  uniqueIds,
  type JsonRecord,
} from "./shared"
import type { PaymentFact, ProviderFact, RefundFact } from "./types"

type Context = {
  type: string
  isTest: boolean
  /** The event's own `created` (when Stripe generated the event). */
  eventCreated: Date | null
}

/**
 * Parses a verified Stripe event into a `PaymentFact`, a `RefundFact` or an `IgnoredFact`.
 * Never throws.
 */
export const parseStripeEvent = neverThrows("Stripe", parse)

function parse(event: unknown): ProviderFact {
  if (!isRecord(event)) return ignored(`not a Stripe event: ${describe(event)}`)
  const type = typeof event.type === "string" ? event.type.trim() : ""
  if (!type) return ignored(`Stripe event without a type: ${describe(event.type)}`)

  const handler = HANDLERS.get(type)
  if (!handler) return ignored(`unhandled event type ${type}`)

  const object = rec(event, "data").object
  if (!isRecord(object)) return ignored(`${type}: data.object is ${describe(object)}, not an object`)

  // Test mode: the event's livemode, else the object's (both are always present in real events).
  const livemode = typeof event.livemode === "boolean" ? event.livemode : object.livemode
  const ctx: Context = { type, isTest: livemode === false, eventCreated: fromUnixSeconds(event.created) }
  return handler(object, ctx)
}

// A Map, not an object literal: an event type such as "constructor" must not find a handler.
const HANDLERS = new Map<string, (object: JsonRecord, ctx: Context) => ProviderFact>([
  ["checkout.session.completed", checkoutSession],
  ["checkout.session.async_payment_succeeded", checkoutSession],
  ["payment_intent.succeeded", paymentIntent],
  ["charge.succeeded", charge],
  ["charge.refunded", chargeRefunded],
  ["invoice.paid", invoice],
  ["invoice.payment_succeeded", invoice],
])

type PaymentInput = {
  /** Candidates for the row key in order of preference (payment intent, invoice, charge, ...). */
  keys: (string | null)[]
  /** Other ids of the same payment. */
  others: (string | null)[]
  amount: unknown
  currency: unknown
  email: string | null
  /** Metadata objects in order of precedence. */
  metadata: unknown[]
  /** A visitor id from outside metadata (`client_reference_id`), used when metadata has none. */
  fallbackVisitorId?: string | null
  subscriptionId: string | null
  isRenewal: boolean
  customerId: string | null
  created: unknown
}

function payment(ctx: Context, input: PaymentInput): ProviderFact {
  const currency = currencyCode(input.currency)
  if (!currency) return ignored(`${ctx.type}: currency is ${describe(input.currency)}`)
  const minor = minorUnits(input.amount)
  if (minor === null) return ignored(`${ctx.type}: amount is ${describe(input.amount)}`)
  if (minor === 0n) return ignored(`${ctx.type}: nothing paid (amount 0)`)
  const key = input.keys.find((id): id is string => id !== null)
  if (!key) return ignored(`${ctx.type}: no payment id`)
  const occurredAt = fromUnixSeconds(input.created) ?? ctx.eventCreated
  if (!occurredAt) return ignored(`${ctx.type}: no created time`)

  const ids = idsFromSources(input.metadata)
  const fact: PaymentFact = {
    kind: "payment",
    provider: "stripe",
    providerPaymentId: key,
    references: uniqueIds([...input.keys, ...input.others], key),
    amount: minorToMajorString(minor, currency, stripeCurrencyExponent(currency)),
    currency,
    email: input.email,
    visitorId: ids.visitorId ?? input.fallbackVisitorId ?? null,
    sessionId: ids.sessionId,
    metadata: mergeMetadata(input.metadata),
    subscriptionId: input.subscriptionId,
    isRenewal: input.isRenewal,
    isTest: ctx.isTest,
    occurredAt,
    customerId: input.customerId,
  }
  return fact
}

/** The metadata of an expanded object (`payment_intent: {id, metadata}`), else undefined. */
function expandedMetadata(value: unknown): unknown {
  return isRecord(value) ? value.metadata : undefined
}

/**
 * `checkout.session.completed` / `checkout.session.async_payment_succeeded`.
 *
 * Key: the payment intent (payment mode), else the first invoice (subscription mode), else, for
 * old API versions whose subscription sessions carry no invoice, the session id itself.
 *
 * Adaptive Pricing: the session's own `amount_total` and `currency` are used, never
 * `currency_conversion` (legacy, before 2025-03-31: there the session fields are the presented
 * currency the customer paid in, and `currency_conversion` the merchant's source currency) nor
 * `presentment_details` (newer sessions). The top-level fields are the ones the payment intent
 * and charge of the same payment report too, so every event of one payment carries the same
 * money and converges on one row.
 */
function checkoutSession(session: JsonRecord, ctx: Context): ProviderFact {
  const sessionId = idString(session.id)
  if (!sessionId) return ignored(`${ctx.type}: session id is ${describe(session.id)}`)
  if (session.mode === "setup") return ignored(`${ctx.type}: setup mode collects no payment`)
  if (session.payment_status !== "paid") {
    return ignored(`${ctx.type}: payment_status is ${describe(session.payment_status)}, not "paid"`)
  }

  const clientReferenceId = typeof session.client_reference_id === "string" ? session.client_reference_id.trim() : null
  return payment(ctx, {
    keys: [refId(session.payment_intent), refId(session.invoice), sessionId],
    others: [refId(rec(session, "payment_intent").latest_charge), refId(rec(session, "invoice").payment_intent)],
    amount: session.amount_total,
    currency: session.currency,
    email: firstEmail(rec(session, "customer_details").email, session.customer_email),
    metadata: [
      session.metadata,
      expandedMetadata(session.payment_intent),
      expandedMetadata(session.subscription),
      expandedMetadata(session.invoice),
    ],
    fallbackVisitorId: isValidClientId(clientReferenceId) ? clientReferenceId : null,
    subscriptionId: refId(session.subscription),
    isRenewal: false,
    customerId: refId(session.customer),
    created: session.created,
  })
}

/** Charges embedded in a payment intent: `charges.data[]` (API ≤ 2022-08-01) or an expanded `latest_charge`. */
function embeddedCharges(intent: JsonRecord): JsonRecord[] {
  const charges = list(rec(intent, "charges"), "data").filter(isRecord)
  if (isRecord(intent.latest_charge)) charges.unshift(intent.latest_charge)
  return charges
}

/** `payment_intent.succeeded`. Key: the payment intent. Amount: `amount_received`, else `amount`. */
function paymentIntent(intent: JsonRecord, ctx: Context): ProviderFact {
  const id = idString(intent.id)
  if (!id) return ignored(`${ctx.type}: payment intent id is ${describe(intent.id)}`)
  const charges = embeddedCharges(intent)
  return payment(ctx, {
    keys: [id],
    others: [
      refId(intent.latest_charge),
      ...charges.map((c) => idString(c.id)),
      // Before basil a payment intent created by an invoice names it.
      refId(intent.invoice),
    ],
    amount: intent.amount_received ?? intent.amount,
    currency: intent.currency,
    email: firstEmail(intent.receipt_email, ...charges.map((c) => rec(c, "billing_details").email), ...charges.map((c) => c.receipt_email)),
    metadata: [intent.metadata, ...charges.map((c) => c.metadata), expandedMetadata(intent.invoice)],
    subscriptionId: null,
    isRenewal: false,
    customerId: refId(intent.customer),
    created: intent.created,
  })
}

/**
 * `charge.succeeded`. Key: its payment intent, else its invoice (before basil), else the charge.
 * Amount: `amount_captured`, else `amount`; an uncaptured authorisation is not a payment yet.
 */
function charge(ch: JsonRecord, ctx: Context): ProviderFact {
  const id = idString(ch.id)
  if (!id) return ignored(`${ctx.type}: charge id is ${describe(ch.id)}`)
  if (ch.captured === false) return ignored(`${ctx.type}: charge not captured`)
  return payment(ctx, {
    keys: [refId(ch.payment_intent), refId(ch.invoice), id],
    others: [],
    amount: ch.amount_captured ?? ch.amount,
    currency: ch.currency,
    email: firstEmail(rec(ch, "billing_details").email, ch.receipt_email),
    metadata: [ch.metadata, expandedMetadata(ch.payment_intent), expandedMetadata(ch.invoice)],
    subscriptionId: null,
    isRenewal: false,
    customerId: refId(ch.customer),
    created: ch.created,
  })
}

/**
 * `invoice.paid` / `invoice.payment_succeeded`, both shapes:
 * - before basil: `subscription`, `payment_intent`, `charge`, `subscription_details.metadata`;
 * - basil and later: `parent.subscription_details.{subscription,metadata}`, and the payments
 *   in `payments.data[].payment` when Stripe includes them.
 *
 * Key: the payment intent when the invoice names exactly one, else the invoice. Amount:
 * `amount_paid` (a 100%-discounted or trial invoice pays 0 and is ignored).
 */
function invoice(inv: JsonRecord, ctx: Context): ProviderFact {
  const id = idString(inv.id)
  if (!id) return ignored(`${ctx.type}: invoice id is ${describe(inv.id)}`)

  const parentDetails = rec(rec(inv, "parent"), "subscription_details")
  const legacyDetails = rec(inv, "subscription_details")
  const lines = list(rec(inv, "lines"), "data").filter(isRecord)
  const lineSubscription = lines
    .map((line) => refId(rec(rec(line, "parent"), "subscription_item_details").subscription) ?? refId(line.subscription))
    .find((s) => s !== null)

  const paid = list(rec(inv, "payments"), "data")
    .filter(isRecord)
    .filter((p) => p.status === undefined || p.status === "paid")
    .map((p) => rec(p, "payment"))
  const intents = uniqueIds([refId(inv.payment_intent), ...paid.map((p) => refId(p.payment_intent))])
  const charges = uniqueIds([refId(inv.charge), ...paid.map((p) => refId(p.charge))])

  return payment(ctx, {
    keys: [intents.length === 1 ? intents[0]! : null, id],
    others: [...intents, ...charges],
    amount: inv.amount_paid,
    currency: inv.currency,
    email: firstEmail(inv.customer_email),
    metadata: [
      inv.metadata,
      parentDetails.metadata,
      legacyDetails.metadata,
      // Before basil, a subscription line's metadata is the subscription's.
      ...lines.map((line) => line.metadata),
    ],
    subscriptionId: refId(parentDetails.subscription) ?? refId(inv.subscription) ?? lineSubscription ?? null,
    isRenewal: inv.billing_reason === "subscription_cycle",
    customerId: refId(inv.customer),
    created: inv.created,
  })
}

/**
 * `charge.refunded`. The refunded payment may be stored under the payment intent, the charge or
 * (before basil) the invoice. The refunds are the succeeded entries of `refunds.data[]` when
 * Stripe sent the complete list (it stopped embedding it by default in API 2022-11-15);
 * otherwise the charge's cumulative `amount_refunded`.
 *
 * occurredAt is the event's time (when the refund was made), not the charge's `created`.
 */
function chargeRefunded(ch: JsonRecord, ctx: Context): ProviderFact {
  const id = idString(ch.id)
  if (!id) return ignored(`${ctx.type}: charge id is ${describe(ch.id)}`)
  const currency = currencyCode(ch.currency)
  if (!currency) return ignored(`${ctx.type}: currency is ${describe(ch.currency)}`)
  const occurredAt = ctx.eventCreated ?? fromUnixSeconds(ch.created)
  if (!occurredAt) return ignored(`${ctx.type}: no created time`)
  const exponent = stripeCurrencyExponent(currency)

  const base: RefundFact = {
    kind: "refund",
    provider: "stripe",
    paymentIds: uniqueIds([refId(ch.payment_intent), id, refId(ch.invoice)]),
    currency,
    isTest: ctx.isTest,
    occurredAt,
  }

  const refunds = listedRefunds(ch, currency, exponent)
  if (refunds) return { ...base, refunds }

  const cumulative = minorUnits(ch.amount_refunded)
  if (cumulative === null) return ignored(`${ctx.type}: amount_refunded is ${describe(ch.amount_refunded)}`)
  if (cumulative === 0n) return ignored(`${ctx.type}: nothing refunded (amount_refunded 0)`)
  return { ...base, cumulativeRefunded: minorToMajorString(cumulative, currency, exponent) }
}

/**
 * The succeeded refunds of `charge.refunds.data[]`, or null when the list is absent, truncated
 * (`has_more`), has no succeeded refund, or has a succeeded entry without a usable id or amount
 * (then the cumulative amount is the safer source).
 */
function listedRefunds(ch: JsonRecord, currency: string, exponent: number): { refundId: string; amount: string }[] | null {
  const container = ch.refunds
  if (!isRecord(container) || !Array.isArray(container.data) || container.has_more === true) return null
  const refunds: { refundId: string; amount: string }[] = []
  for (const entry of container.data) {
    if (!isRecord(entry) || entry.status !== "succeeded") continue
    const refundId = idString(entry.id)
    const minor = minorUnits(entry.amount)
    if (!refundId || minor === null) return null
    if (minor === 0n) continue
    refunds.push({ refundId, amount: minorToMajorString(minor, currency, exponent) })
  }
  return refunds.length > 0 ? refunds : null
}
