/**
 * Lemon Squeezy webhook bodies → payment and refund facts. The input is a JSON:API body whose
 * `X-Signature` the route has already verified, JSON-parsed:
 * `{ meta: { event_name, custom_data?, test_mode? }, data: { type, id, attributes } }`.
 *
 * Amounts are integer "cents of the order currency" (Lemon Squeezy's words), converted with the
 * currency's ISO 4217 exponent. Row keys are namespaced by object type (`order:<id>`,
 * `subscription-invoice:<id>`) because orders and subscription invoices are numbered separately.
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
  mergeMetadata,
  minorUnits,
  rec,
  type JsonRecord,
} from "./shared"
import type { IgnoredFact, PaymentFact, ProviderFact, RefundFact, SubscriptionFact } from "./types"

type Context = {
  event: string
  /** The JSON:API `data.id`, trimmed. */
  id: string
  type: unknown
  attributes: JsonRecord
  customData: unknown
  isTest: boolean
}

export const orderKey = (id: string): string => `order:${id}`
export const subscriptionInvoiceKey = (id: string): string => `subscription-invoice:${id}`

/**
 * Parses a verified Lemon Squeezy webhook body into a `PaymentFact`, a `RefundFact` or an
 * `IgnoredFact`. Never throws.
 */
export const parseLemonSqueezyEvent = neverThrows("LemonSqueezy", parse)

function parse(body: unknown): ProviderFact {
  if (!isRecord(body)) return ignored(`not a LemonSqueezy event: ${describe(body)}`)
  const meta = rec(body, "meta")
  const event = typeof meta.event_name === "string" ? meta.event_name.trim() : ""
  if (!event) return ignored(`LemonSqueezy event without meta.event_name: ${describe(meta.event_name)}`)

  const handler = HANDLERS.get(event)
  if (!handler) return ignored(`unhandled event type ${event}`)

  const data = body.data
  if (!isRecord(data)) return ignored(`${event}: data is ${describe(data)}, not an object`)
  const attributes = data.attributes
  if (!isRecord(attributes)) return ignored(`${event}: data.attributes is ${describe(attributes)}, not an object`)
  const id = idString(data.id)
  if (!id) return ignored(`${event}: data.id is ${describe(data.id)}`)

  return handler({
    event,
    id,
    type: data.type,
    attributes,
    customData: meta.custom_data,
    isTest: meta.test_mode === true || attributes.test_mode === true,
  })
}

// A Map, not an object literal: an event name such as "constructor" must not find a handler.
// subscription_payment_recovered is left out on purpose: Lemon Squeezy sends
// subscription_payment_success alongside it for the same invoice.
const HANDLERS = new Map<string, (ctx: Context) => ProviderFact>([
  ["order_created", orderCreated],
  ["order_refunded", orderRefunded],
  ["subscription_payment_success", subscriptionPaymentSuccess],
  ["subscription_payment_refunded", subscriptionPaymentRefunded],
  ["subscription_created", subscriptionCreated],
])

function expectType(ctx: Context, expected: string): string | null {
  return ctx.type === expected ? null : `${ctx.event}: data.type is ${describe(ctx.type)}, not "${expected}"`
}

/** The subscription an order started, when the payload names it. */
function orderSubscriptionId(attributes: JsonRecord): string | null {
  return idString(rec(attributes, "first_subscription_item").subscription_id)
}

type PaymentInput = {
  key: string
  references: string[]
  subscriptionId: string | null
  isRenewal: boolean
}

function payment(ctx: Context, input: PaymentInput): ProviderFact {
  const a = ctx.attributes
  const currency = currencyCode(a.currency)
  if (!currency) return ignored(`${ctx.event}: currency is ${describe(a.currency)}`)
  const minor = minorUnits(a.total)
  if (minor === null) return ignored(`${ctx.event}: total is ${describe(a.total)}`)
  if (minor === 0n) return ignored(`${ctx.event}: nothing paid (total 0)`)
  const occurredAt = fromIsoDateTime(a.created_at)
  if (!occurredAt) return ignored(`${ctx.event}: created_at is ${describe(a.created_at)}`)

  const ids = idsFromSources([ctx.customData])
  const fact: PaymentFact = {
    kind: "payment",
    provider: "lemonsqueezy",
    providerPaymentId: input.key,
    references: input.references,
    amount: minorToMajorString(minor, currency),
    currency,
    email: firstEmail(a.user_email),
    visitorId: ids.visitorId,
    sessionId: ids.sessionId,
    metadata: mergeMetadata([ctx.customData]),
    subscriptionId: input.subscriptionId,
    isRenewal: input.isRenewal,
    isTest: ctx.isTest,
    occurredAt,
    customerId: idString(a.customer_id),
  }
  return fact
}

/**
 * A refund as the cumulative `refunded_amount` of the order or invoice. When that field is
 * absent but the object says it is fully refunded (`status: "refunded"` or `refunded: true`),
 * the cumulative refund is its `total`. A partial refund leaves `status: "paid"`, so the
 * status alone is never taken as "nothing refunded".
 */
function refund(ctx: Context, paymentIds: string[]): ProviderFact {
  const a = ctx.attributes
  const currency = currencyCode(a.currency)
  if (!currency) return ignored(`${ctx.event}: currency is ${describe(a.currency)}`)
  const fullyRefunded = a.status === "refunded" || a.refunded === true
  const raw = a.refunded_amount ?? (fullyRefunded ? a.total : undefined)
  const minor = minorUnits(raw)
  if (minor === null) return ignored(`${ctx.event}: refunded_amount is ${describe(a.refunded_amount)}`)
  if (minor === 0n) return ignored(`${ctx.event}: nothing refunded (refunded_amount 0)`)
  const occurredAt = fromIsoDateTime(a.refunded_at) ?? fromIsoDateTime(a.updated_at) ?? fromIsoDateTime(a.created_at)
  if (!occurredAt) return ignored(`${ctx.event}: no refunded_at, updated_at or created_at`)

  const fact: RefundFact = {
    kind: "refund",
    provider: "lemonsqueezy",
    paymentIds,
    currency,
    isTest: ctx.isTest,
    occurredAt,
    cumulativeRefunded: minorToMajorString(minor, currency),
  }
  return fact
}

/** `order_created`: only a paid order is a payment. */
function orderCreated(ctx: Context): ProviderFact {
  const wrongType = expectType(ctx, "orders")
  if (wrongType) return ignored(wrongType)
  if (ctx.attributes.status !== "paid") {
    return ignored(`${ctx.event}: order status is ${describe(ctx.attributes.status)}, not "paid"`)
  }
  const subscriptionId = orderSubscriptionId(ctx.attributes)
  return payment(ctx, {
    key: orderKey(ctx.id),
    references: [],
    subscriptionId,
    isRenewal: false,
  })
}

/** `order_refunded`: also sent for partial refunds, where the status stays "paid". */
function orderRefunded(ctx: Context): ProviderFact {
  const wrongType = expectType(ctx, "orders")
  if (wrongType) return ignored(wrongType)
  return refund(ctx, [orderKey(ctx.id)])
}

const UNPAID_INVOICE_STATUSES = new Set(["pending", "void", "failed"])

/**
 * The initial invoice of a subscription is the same money as the `order_created` Lemon
 * Squeezy always sends with it. Orders do not reliably name their subscription, so the two
 * cannot always be matched: the order alone records that payment (and its refund), and the
 * initial invoice is ignored, so it is never counted twice.
 */
function initialInvoice(ctx: Context): IgnoredFact | null {
  return ctx.attributes.billing_reason === "initial"
    ? ignored(`${ctx.event}: the first payment of a subscription is recorded from its order (order_created / order_refunded)`)
    : null
}

/** `subscription_payment_success`: a renewal (or update) invoice of a subscription was paid. */
function subscriptionPaymentSuccess(ctx: Context): ProviderFact {
  const wrongType = expectType(ctx, "subscription-invoices")
  if (wrongType) return ignored(wrongType)
  const initial = initialInvoice(ctx)
  if (initial) return initial
  const status = ctx.attributes.status
  if (typeof status === "string" && UNPAID_INVOICE_STATUSES.has(status)) {
    return ignored(`${ctx.event}: invoice status is ${describe(status)}`)
  }
  return payment(ctx, {
    key: subscriptionInvoiceKey(ctx.id),
    references: [],
    subscriptionId: idString(ctx.attributes.subscription_id),
    isRenewal: ctx.attributes.billing_reason === "renewal",
  })
}

/** `subscription_payment_refunded`: cumulative `refunded_amount` of the subscription invoice. */
function subscriptionPaymentRefunded(ctx: Context): ProviderFact {
  const wrongType = expectType(ctx, "subscription-invoices")
  if (wrongType) return ignored(wrongType)
  return initialInvoice(ctx) ?? refund(ctx, [subscriptionInvoiceKey(ctx.id)])
}

/**
 * `subscription_created`: names the order that started the subscription (`order_id`), which
 * the order's own event does not. The module stores the subscription on that order's payment,
 * so renewals (`subscription_payment_success`) inherit its visitor.
 */
function subscriptionCreated(ctx: Context): ProviderFact {
  const wrongType = expectType(ctx, "subscriptions")
  if (wrongType) return ignored(wrongType)
  const orderId = idString(ctx.attributes.order_id)
  if (!orderId) return ignored(`${ctx.event}: attributes.order_id is ${describe(ctx.attributes.order_id)}`)
  const fact: SubscriptionFact = { kind: "subscription", provider: "lemonsqueezy", subscriptionId: ctx.id, paymentIds: [orderKey(orderId)] }
  return fact
}
