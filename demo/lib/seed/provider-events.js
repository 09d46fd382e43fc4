// Stripe and Lemon Squeezy webhook deliveries for the demo's outside payments, built from the
// same real payloads the HTTP tests use (integration-tests/fixtures) and signed the way each
// provider signs, with the demo's secrets. Ids and bodies depend only on the plan, so a second
// run delivers byte-identical events and the plugin recognises every one as a duplicate.
const { createHash, createHmac } = require("crypto")
const Stripe = require("stripe")
const piFixture = require("../../../integration-tests/fixtures/stripe/payment_intent.succeeded.ruby-mock.json")
const csFixture = require("../../../integration-tests/fixtures/stripe/checkout.session.completed.payment_mode.ruby-mock.json")
const refundedFixture = require("../../../integration-tests/fixtures/stripe/charge.refunded.ruby-mock.json")
const lsOrderFixture = require("../../../integration-tests/fixtures/lemonsqueezy/order_created.docs-example.json")

const clone = (v) => JSON.parse(JSON.stringify(v))

/**
 * The provider's customer id of a buyer, one per email. The fixtures carry one customer for
 * everybody, and the plugin keys customers by that id: every Stripe (or Lemon Squeezy) buyer
 * would be one returning customer in the customer reports.
 */
const customerNumber = (email) => parseInt(createHash("sha256").update(email).digest("hex").slice(0, 8), 16)
const seconds = (ms) => Math.floor(ms / 1000)

/** The snippet's cart metadata keys, as a storefront passes them to Stripe or Lemon Squeezy. */
function attributionMetadata(p) {
  return p.visitorId ? { attribution_visitor_id: p.visitorId, attribution_session_id: p.sessionId } : {}
}

function stripeIds(p) {
  return { pi: `pi_demo_${p.key}`, cs: `cs_demo_${p.key}`, ch: `ch_demo_${p.key}` }
}

function stripeEvent(id, type, object, p, created) {
  return { id, object: "event", api_version: "2024-09-30.acacia", type, livemode: !p.test, created, data: { object } }
}

/**
 * A Stripe payment as Stripe reports it: `checkout.session.completed` and then
 * `payment_intent.succeeded` for the same payment (one row in the plugin), and
 * `charge.refunded` when part or all of it was refunded.
 */
function stripeEvents(p) {
  const ids = stripeIds(p)
  const created = seconds(p.at)
  const metadata = p.stripeStyle === "checkout" ? attributionMetadata(p) : {}

  const session = clone(csFixture.data.object)
  Object.assign(session, {
    id: ids.cs,
    payment_intent: ids.pi,
    amount_total: p.amountMinor,
    amount_subtotal: p.amountMinor,
    currency: p.currency,
    metadata,
    livemode: !p.test,
    // Payment Links: the visitor id as client_reference_id, nothing in metadata.
    client_reference_id: p.stripeStyle === "payment-link" ? p.visitorId : null,
    payment_status: "paid",
    created,
  })
  session.customer_details = { ...session.customer_details, email: p.email }
  session.customer = `cus_demo${customerNumber(p.email).toString(36).padStart(7, "0")}`

  const intent = clone(piFixture.data.object)
  Object.assign(intent, {
    id: ids.pi,
    amount: p.amountMinor,
    amount_received: p.amountMinor,
    currency: p.currency,
    // Stripe does not copy checkout metadata to the payment intent: the storefront passes it
    // again in payment_intent_data.metadata.
    metadata,
    livemode: !p.test,
    latest_charge: ids.ch,
    created,
  })
  intent.charges = { object: "list", data: [] }

  const events = [
    stripeEvent(`evt_demo_${p.key}_cs`, "checkout.session.completed", session, p, created),
    stripeEvent(`evt_demo_${p.key}_pi`, "payment_intent.succeeded", intent, p, created + 1),
  ]
  if (p.refund) {
    const refunded = refundMinor(p)
    const charge = clone(refundedFixture.data.object)
    Object.assign(charge, {
      id: ids.ch,
      payment_intent: ids.pi,
      amount: p.amountMinor,
      amount_captured: p.amountMinor,
      amount_refunded: refunded,
      refunded: refunded >= p.amountMinor,
      currency: p.currency,
      metadata,
      livemode: !p.test,
      created,
    })
    delete charge.refunds
    events.push(stripeEvent(`evt_demo_${p.key}_refund`, "charge.refunded", charge, p, seconds(refundAt(p))))
  }
  return events
}

/** `Stripe-Signature` for `payload`, signed now (Stripe refuses signatures older than five minutes). */
function stripeSignature(payload, secret) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret })
}

/** A Lemon Squeezy order number for the plan's key (orders are numbered, not named). */
function lsOrderId(p) {
  return String(80000 + Number(p.key.slice(1)))
}

/**
 * Lemon Squeezy deliveries: `order_created` (a subscription's first order names its
 * subscription), `subscription_payment_success` for a renewal, `order_refunded` for a refund.
 */
function lemonSqueezyEvents(p) {
  if (p.renewalOf) {
    return [subscriptionInvoice(p)]
  }
  const bodies = [lsOrder("order_created", p, 0)]
  if (p.refund) {
    bodies.push(lsOrder("order_refunded", p, refundMinor(p)))
  }
  return bodies
}

function lsOrder(eventName, p, refunded) {
  const body = clone(lsOrderFixture)
  body.meta = { event_name: eventName, custom_data: attributionMetadata(p), test_mode: false }
  body.data.id = lsOrderId(p)
  Object.assign(body.data.attributes, {
    order_number: Number(lsOrderId(p)),
    identifier: `demo-order-${p.key}`,
    user_name: p.email.split("@")[0],
    user_email: p.email,
    customer_id: customerNumber(p.email),
    currency: p.currency.toUpperCase(),
    subtotal: p.amountMinor,
    tax: 0,
    total: p.amountMinor,
    subtotal_usd: p.amountMinor,
    tax_usd: 0,
    total_usd: p.amountMinor,
    status: refunded >= p.amountMinor ? "refunded" : "paid",
    refunded: refunded >= p.amountMinor,
    refunded_amount: refunded,
    refunded_at: refunded ? new Date(refundAt(p)).toISOString() : null,
    test_mode: false,
    created_at: new Date(p.at).toISOString(),
    updated_at: new Date(refunded ? refundAt(p) : p.at).toISOString(),
  })
  if (p.subscriptionId) {
    body.data.attributes.first_subscription_item = { id: p.subscriptionId, subscription_id: p.subscriptionId, price_id: 1, quantity: 1 }
  }
  return body
}

function subscriptionInvoice(p) {
  return {
    meta: { event_name: "subscription_payment_success", custom_data: {}, test_mode: false },
    data: {
      type: "subscription-invoices",
      id: String(90000 + Number(p.key.slice(1))),
      attributes: {
        store_id: 1,
        subscription_id: p.renewalOf,
        customer_id: customerNumber(p.email),
        user_email: p.email,
        billing_reason: "renewal",
        currency: p.currency.toUpperCase(),
        status: "paid",
        subtotal: p.amountMinor,
        tax: 0,
        total: p.amountMinor,
        refunded: false,
        refunded_amount: 0,
        test_mode: false,
        created_at: new Date(p.at).toISOString(),
      },
    },
  }
}

/** `X-Signature`: HMAC-SHA256 of the raw body with the webhook's signing secret. */
function lemonSqueezySignature(payload, secret) {
  return createHmac("sha256", secret).update(payload).digest("hex")
}

/** Cents refunded: the plan's share of the amount, rounded down. */
function refundMinor(p) {
  return p.refund ? Math.floor(p.amountMinor * p.refund.share) : 0
}

function refundAt(p) {
  return p.refund.at
}

module.exports = { lemonSqueezyEvents, lemonSqueezySignature, refundMinor, stripeEvents, stripeSignature }
