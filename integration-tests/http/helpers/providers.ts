import { createHmac } from "crypto"
import Stripe from "stripe"
import piFixture from "../../fixtures/stripe/payment_intent.succeeded.ruby-mock.json"
import csFixture from "../../fixtures/stripe/checkout.session.completed.payment_mode.ruby-mock.json"
import chargeFixture from "../../fixtures/stripe/charge.succeeded.ruby-mock.json"
import refundedFixture from "../../fixtures/stripe/charge.refunded.ruby-mock.json"
import lsOrderFixture from "../../fixtures/lemonsqueezy/order_created.docs-example.json"

export const STRIPE_SECRET = "whsec_http_test"
export const LS_SECRET = "ls_http_test_secret"

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))
let seq = 0
const nowSeconds = () => Math.floor(Date.now() / 1000)
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`

type Ids = { pi: string; cs?: string; ch?: string }
type Common = { amount: number; currency: string; metadata?: Record<string, string>; livemode?: boolean; created?: number }

function event(type: string, object: Record<string, unknown>, livemode: boolean, created: number) {
  return { id: `evt_${next()}`, object: "event", api_version: "2020-08-27", type, livemode, created, data: { object } }
}

/** Real Stripe payloads (stripe-ruby-mock fixtures) with this payment's ids and amounts. */
export const stripeEvents = {
  paymentIntent(ids: Ids, c: Common) {
    const o: any = clone(piFixture.data.object)
    Object.assign(o, { id: ids.pi, amount: c.amount, amount_received: c.amount, currency: c.currency, metadata: c.metadata ?? {}, livemode: !!c.livemode, created: c.created ?? nowSeconds() })
    o.charges = { object: "list", data: [] }
    o.latest_charge = ids.ch ?? null
    return event("payment_intent.succeeded", o, !!c.livemode, c.created ?? nowSeconds())
  },
  checkoutSession(ids: Ids, c: Common & { email?: string; clientReferenceId?: string; paymentStatus?: string }) {
    const o: any = clone(csFixture.data.object)
    Object.assign(o, {
      id: ids.cs,
      payment_intent: ids.pi,
      amount_total: c.amount,
      amount_subtotal: c.amount,
      currency: c.currency,
      metadata: c.metadata ?? {},
      livemode: !!c.livemode,
      client_reference_id: c.clientReferenceId ?? null,
      payment_status: c.paymentStatus ?? "paid",
      created: c.created ?? nowSeconds(),
    })
    o.customer_details = { ...o.customer_details, email: c.email ?? null }
    return event("checkout.session.completed", o, !!c.livemode, c.created ?? nowSeconds())
  },
  charge(ids: Ids, c: Common & { email?: string }) {
    const o: any = clone(chargeFixture.data.object)
    Object.assign(o, { id: ids.ch, payment_intent: ids.pi, amount: c.amount, amount_captured: c.amount, currency: c.currency, metadata: c.metadata ?? {}, livemode: !!c.livemode, created: c.created ?? nowSeconds() })
    o.billing_details = { ...o.billing_details, email: c.email ?? null }
    return event("charge.succeeded", o, !!c.livemode, c.created ?? nowSeconds())
  },
  chargeRefunded(ids: Ids, c: Common & { refunded: number }) {
    const o: any = clone(refundedFixture.data.object)
    Object.assign(o, { id: ids.ch, payment_intent: ids.pi, amount: c.amount, amount_captured: c.amount, amount_refunded: c.refunded, refunded: c.refunded >= c.amount, currency: c.currency, metadata: c.metadata ?? {}, livemode: !!c.livemode, created: c.created ?? nowSeconds() })
    delete o.refunds
    return event("charge.refunded", o, !!c.livemode, c.created ?? nowSeconds())
  },
}

export function stripeSignature(payload: string, secret = STRIPE_SECRET, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })
}

/** Lemon Squeezy's documented order_created example with this order's id, amounts and custom data. */
export function lsOrder(
  eventName: string,
  o: { id: string; total: number; currency: string; email?: string; customData?: Record<string, string>; status?: string; refunded?: number; testMode?: boolean }
) {
  const body: any = clone(lsOrderFixture)
  body.meta = { event_name: eventName, custom_data: o.customData ?? {}, test_mode: !!o.testMode }
  body.data.id = o.id
  Object.assign(body.data.attributes, {
    total: o.total,
    subtotal: o.total,
    tax: 0,
    currency: o.currency,
    user_email: o.email ?? body.data.attributes.user_email,
    status: o.status ?? "paid",
    refunded: (o.refunded ?? 0) >= o.total,
    refunded_amount: o.refunded ?? 0,
    test_mode: !!o.testMode,
    created_at: new Date().toISOString(),
  })
  return body
}

export function lsSignature(payload: string, secret = LS_SECRET): string {
  return createHmac("sha256", secret).update(payload).digest("hex")
}

/** A Lemon Squeezy subscription invoice event (`data.type: subscription-invoices`). */
export function lsSubscriptionInvoice(
  eventName: string,
  o: { id: string; subscriptionId: number; total: number; currency: string; billingReason: "initial" | "renewal"; refunded?: number; customData?: Record<string, string> }
) {
  return {
    meta: { event_name: eventName, custom_data: o.customData ?? {}, test_mode: false },
    data: {
      type: "subscription-invoices",
      id: o.id,
      attributes: {
        store_id: 1,
        subscription_id: o.subscriptionId,
        customer_id: 1,
        user_email: "johndoe@example.com",
        billing_reason: o.billingReason,
        currency: o.currency,
        status: (o.refunded ?? 0) >= o.total ? "refunded" : "paid",
        subtotal: o.total,
        tax: 0,
        total: o.total,
        refunded: (o.refunded ?? 0) >= o.total,
        refunded_amount: o.refunded ?? 0,
        test_mode: false,
        created_at: new Date().toISOString(),
      },
    },
  }
}

/** A Lemon Squeezy subscription event (`data.type: subscriptions`), as `subscription_created` sends it. */
export function lsSubscription(eventName: string, o: { id: string; orderId: number; customData?: Record<string, string> }) {
  return {
    meta: { event_name: eventName, custom_data: o.customData ?? {}, test_mode: false },
    data: {
      type: "subscriptions",
      id: o.id,
      attributes: {
        store_id: 1,
        customer_id: 1,
        order_id: o.orderId,
        order_item_id: 1,
        product_id: 1,
        variant_id: 1,
        user_email: "johndoe@example.com",
        status: "active",
        first_subscription_item: { id: 1, subscription_id: Number(o.id), price_id: 1, quantity: 1 },
        test_mode: false,
        created_at: new Date().toISOString(),
      },
    },
  }
}

/** A Stripe `invoice.paid` event, in the shape before API 2025-03-31 (basil) or after it. */
export function stripeInvoicePaid(
  o: { id: string; subscription: string; amount: number; currency: string; billingReason: string; metadata?: Record<string, string>; shape: "legacy" | "basil"; pi?: string }
) {
  const base: Record<string, unknown> = {
    id: o.id,
    object: "invoice",
    amount_paid: o.amount,
    total: o.amount,
    currency: o.currency,
    customer: "cus_000000000000",
    customer_email: "subscriber@example.com",
    billing_reason: o.billingReason,
    livemode: false,
    metadata: {},
    created: nowSeconds(),
  }
  const invoice =
    o.shape === "legacy"
      ? { ...base, subscription: o.subscription, payment_intent: o.pi ?? null, charge: null, subscription_details: { metadata: o.metadata ?? {} } }
      : { ...base, parent: { type: "subscription_details", subscription_details: { subscription: o.subscription, metadata: o.metadata ?? {} } } }
  return event("invoice.paid", invoice, false, nowSeconds())
}
