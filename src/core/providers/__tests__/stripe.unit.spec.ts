import { parseStripeEvent } from "../stripe"
import type { PaymentFact, ProviderFact, RefundFact } from "../types"
import { fixture, hostile, SESSION, VISITOR, type Json } from "./helpers"

const at = (seconds: number) => new Date(seconds * 1000)

const checkout = () => fixture("stripe/checkout.session.completed.ruby-mock.json")
const checkoutPaymentMode = () => fixture("stripe/checkout.session.completed.payment_mode.ruby-mock.json")
const intent = () => fixture("stripe/payment_intent.succeeded.ruby-mock.json")
const chargeSucceeded = () => fixture("stripe/charge.succeeded.ruby-mock.json")
const chargeRefunded = () => fixture("stripe/charge.refunded.ruby-mock.json")
const invoicePaid = () => fixture("stripe/invoice.paid.ruby-mock.json")
const invoiceBasil = () => fixture("stripe/invoice.payment_succeeded.basil.handmade.json")

function asPayment(fact: ProviderFact): PaymentFact {
  if (fact.kind !== "payment") throw new Error(`expected a payment, got ${JSON.stringify(fact)}`)
  return fact
}

function asRefund(fact: ProviderFact): RefundFact {
  if (fact.kind !== "refund") throw new Error(`expected a refund, got ${JSON.stringify(fact)}`)
  return fact
}

/** The real fixture's checkout with an amount in another currency. */
function checkoutIn(currency: string, amountTotal: number): Json {
  const event = checkout()
  event.data.object.currency = currency
  event.data.object.amount_total = amountTotal
  return event
}

describe("parseStripeEvent: checkout.session.completed", () => {
  it("reads the real payment-mode event (stripe-ruby-mock, API 2020-08-27)", () => {
    expect(parseStripeEvent(checkout())).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "pi_000000000000000000000000",
      references: ["cs_test_0000000000000000000000000000000000000000000000000000000000"],
      amount: "30.00",
      currency: "USD",
      email: "stripe@example.com",
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: null,
      isRenewal: false,
      isTest: true,
      // The session has no `created` in this fixture: the event's time is used.
      occurredAt: at(1648319959),
      customerId: "cus_00000000000000",
    })
  })

  it("reads the Stripe-CLI style event without api_version", () => {
    expect(parseStripeEvent(checkoutPaymentMode())).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "pi_00000000000000",
      references: ["cs_00000000000000"],
      amount: "250.00",
      currency: "USD",
      email: "example@example.com",
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: null,
      isRenewal: false,
      isTest: true,
      occurredAt: at(1326853478),
      customerId: "cus_00000000000000",
    })
  })

  it("uses the session's created time when present, and livemode true is not a test", () => {
    const event = checkout()
    event.data.object.created = 1648319000
    event.livemode = true
    const fact = asPayment(parseStripeEvent(event))
    expect(fact.occurredAt).toEqual(at(1648319000))
    expect(fact.isTest).toBe(false)
  })

  it("takes visitor and session ids from the session metadata, trimmed, and keeps all metadata", () => {
    const event = checkout()
    event.data.object.metadata = { attribution_visitor_id: ` ${VISITOR} `, attribution_session_id: SESSION, plan: "pro" }
    const fact = asPayment(parseStripeEvent(event))
    expect(fact.visitorId).toBe(VISITOR)
    expect(fact.sessionId).toBe(SESSION)
    expect(fact.metadata).toEqual({ attribution_visitor_id: ` ${VISITOR} `, attribution_session_id: SESSION, plan: "pro" })
  })

  it.each([
    ["visitorId", "sessionId"],
    ["visitor_id", "session_id"],
  ])("reads the alias keys %s / %s", (visitorKey, sessionKey) => {
    const event = checkout()
    event.data.object.metadata = { [visitorKey]: VISITOR, [sessionKey]: SESSION }
    const fact = asPayment(parseStripeEvent(event))
    expect([fact.visitorId, fact.sessionId]).toEqual([VISITOR, SESSION])
  })

  it("uses client_reference_id as the visitor id when it is a valid id and metadata has none", () => {
    const event = checkout()
    event.data.object.client_reference_id = `  ${VISITOR}  `
    expect(asPayment(parseStripeEvent(event)).visitorId).toBe(VISITOR)
  })

  it("prefers the metadata visitor id over client_reference_id", () => {
    const event = checkout()
    event.data.object.client_reference_id = "ref_aaaaaaaaaaaaaaaa"
    event.data.object.metadata = { visitor_id: VISITOR }
    expect(asPayment(parseStripeEvent(event)).visitorId).toBe(VISITOR)
  })

  it.each(["dub_id_abc", "user 1234567890123456", "x".repeat(65)])("ignores client_reference_id %p (not a visitor id)", (ref) => {
    const event = checkout()
    event.data.object.client_reference_id = ref
    expect(asPayment(parseStripeEvent(event)).visitorId).toBeNull()
  })

  it("falls back to customer_email when customer_details has no email", () => {
    const event = checkout()
    event.data.object.customer_details = null
    event.data.object.customer_email = "Prefill@Example.com"
    expect(asPayment(parseStripeEvent(event)).email).toBe("Prefill@Example.com")
    event.data.object.customer_email = "   "
    expect(asPayment(parseStripeEvent(event)).email).toBeNull()
  })

  it("keys a subscription-mode session by its first invoice", () => {
    const event = checkout()
    Object.assign(event.data.object, {
      mode: "subscription",
      payment_intent: null,
      invoice: "in_1FirstInvoice000000000",
      subscription: "sub_1Subscription00000000",
      metadata: { attribution_visitor_id: VISITOR },
    })
    expect(parseStripeEvent(event)).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "in_1FirstInvoice000000000",
      references: ["cs_test_0000000000000000000000000000000000000000000000000000000000"],
      amount: "30.00",
      currency: "USD",
      email: "stripe@example.com",
      visitorId: VISITOR,
      sessionId: null,
      metadata: { attribution_visitor_id: VISITOR },
      subscriptionId: "sub_1Subscription00000000",
      isRenewal: false,
      isTest: true,
      occurredAt: at(1648319959),
      customerId: "cus_00000000000000",
    })
  })

  it("keys a subscription-mode session without an invoice (old API versions) by the session id", () => {
    const event = checkout()
    Object.assign(event.data.object, { mode: "subscription", payment_intent: null, subscription: "sub_1" })
    delete event.data.object.invoice
    const fact = asPayment(parseStripeEvent(event))
    expect(fact.providerPaymentId).toBe("cs_test_0000000000000000000000000000000000000000000000000000000000")
    expect(fact.references).toEqual([])
  })

  it("reads expanded payment_intent, subscription and invoice objects", () => {
    const event = checkout()
    Object.assign(event.data.object, {
      payment_intent: { id: " pi_expanded ", latest_charge: "ch_latest", metadata: { session_id: SESSION, from: "pi" } },
      subscription: { id: "sub_expanded", metadata: { visitor_id: VISITOR, from: "sub" } },
      metadata: { from: "session" },
    })
    const fact = asPayment(parseStripeEvent(event))
    expect(fact.providerPaymentId).toBe("pi_expanded")
    expect(fact.references).toEqual(["cs_test_0000000000000000000000000000000000000000000000000000000000", "ch_latest"])
    expect(fact.subscriptionId).toBe("sub_expanded")
    expect([fact.visitorId, fact.sessionId]).toEqual([VISITOR, SESSION])
    // The session's own metadata wins a key conflict.
    expect(fact.metadata).toEqual({ from: "session", session_id: SESSION, visitor_id: VISITOR })
  })

  it("handles checkout.session.async_payment_succeeded the same way", () => {
    const event = checkout()
    event.type = "checkout.session.async_payment_succeeded"
    expect(asPayment(parseStripeEvent(event)).providerPaymentId).toBe("pi_000000000000000000000000")
  })

  it.each([
    ["unpaid", 'checkout.session.completed: payment_status is "unpaid", not "paid"'],
    ["no_payment_required", 'checkout.session.completed: payment_status is "no_payment_required", not "paid"'],
    [undefined, 'checkout.session.completed: payment_status is missing, not "paid"'],
  ])("ignores payment_status %p", (status, reason) => {
    const event = checkout()
    event.data.object.payment_status = status
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason })
  })

  it("ignores setup mode", () => {
    const event = checkout()
    Object.assign(event.data.object, { mode: "setup", payment_status: "no_payment_required", amount_total: null, currency: null })
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: "checkout.session.completed: setup mode collects no payment" })
  })

  it("ignores a zero amount", () => {
    expect(parseStripeEvent(checkoutIn("usd", 0))).toEqual({
      kind: "ignored",
      reason: "checkout.session.completed: nothing paid (amount 0)",
    })
  })

  it.each([
    ["jpy", 1500, "1500", "JPY"],
    ["kwd", 12345, "12.345", "KWD"],
    ["bhd", 5120, "5.120", "BHD"],
    ["eur", 9999, "99.99", "EUR"],
    // Stripe sends ISK in hundredths although ISO 4217 gives it no decimals.
    ["isk", 10000, "100.00", "ISK"],
    // Stripe treats UGX and MGA as zero-decimal.
    ["mga", 5000, "5000", "MGA"],
  ])("converts %s %p minor units with Stripe's exponent → %s", (currency, minor, amount, code) => {
    const fact = asPayment(parseStripeEvent(checkoutIn(currency, minor)))
    expect([fact.amount, fact.currency]).toEqual([amount, code])
  })

  it("converts amounts beyond 2^53 given as digit strings exactly", () => {
    const fact = asPayment(parseStripeEvent(checkoutIn("usd", "123456789012345678901" as unknown as number)))
    expect(fact.amount).toBe("1234567890123456789.01")
  })

  it("uses the session's own amount and currency under Adaptive Pricing (currency_conversion)", () => {
    // Shape from stripe/openapi fixtures3: the legacy currency_conversion block.
    const session = fixture("stripe/openapi-fixtures3.subset.json")["checkout.session"]
    Object.assign(session, {
      payment_status: "paid",
      status: "complete",
      currency: "eur",
      amount_total: 9200,
      amount_subtotal: 9200,
      currency_conversion: { amount_subtotal: 10000, amount_total: 10000, fx_rate: "0.92", source_currency: "usd" },
      created: 1745000000,
    })
    const event = { id: "evt_ap", object: "event", type: "checkout.session.completed", livemode: false, created: 1745000100, data: { object: session } }
    expect(parseStripeEvent(event)).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "pi_1PgafyB7WZ01zgkWSjxsAJo3",
      references: ["cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY"],
      amount: "92.00",
      currency: "EUR",
      email: "example@example.com",
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: null,
      isRenewal: false,
      isTest: true,
      occurredAt: at(1745000000),
      customerId: null,
    })
  })

  it("the openapi fixture session as is (unpaid, amount null) is ignored", () => {
    const session = fixture("stripe/openapi-fixtures3.subset.json")["checkout.session"]
    const event = { type: "checkout.session.completed", livemode: false, created: 1, data: { object: session } }
    expect(parseStripeEvent(event)).toEqual({
      kind: "ignored",
      reason: 'checkout.session.completed: payment_status is "unpaid", not "paid"',
    })
  })
})

describe("parseStripeEvent: payment_intent.succeeded", () => {
  it("reads the real event (API 2020-08-27 with embedded charges)", () => {
    expect(parseStripeEvent(intent())).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "pi_000000000000000000000000",
      references: ["ch_000000000000000000000000"],
      amount: "20.00",
      currency: "USD",
      email: null,
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: null,
      isRenewal: false,
      isTest: true,
      occurredAt: at(1648320032),
      customerId: null,
    })
  })

  it("reads receipt_email, latest_charge, a pre-basil invoice and payment intent metadata", () => {
    const event = intent()
    Object.assign(event.data.object, {
      receipt_email: "buyer@example.com",
      latest_charge: "ch_latest000000000000000",
      invoice: "in_000000000000000000000001",
      customer: "cus_1",
      metadata: { attribution_visitor_id: VISITOR, attribution_session_id: SESSION },
    })
    delete event.data.object.charges
    const fact = asPayment(parseStripeEvent(event))
    expect(fact).toMatchObject({
      providerPaymentId: "pi_000000000000000000000000",
      references: ["ch_latest000000000000000", "in_000000000000000000000001"],
      email: "buyer@example.com",
      visitorId: VISITOR,
      sessionId: SESSION,
      customerId: "cus_1",
    })
  })

  it("falls back to amount when amount_received is missing, and ignores 0 received", () => {
    const event = intent()
    delete event.data.object.amount_received
    event.data.object.amount = 4200
    expect(asPayment(parseStripeEvent(event)).amount).toBe("42.00")
    event.data.object.amount_received = 0
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: "payment_intent.succeeded: nothing paid (amount 0)" })
  })
})

describe("parseStripeEvent: charge.succeeded", () => {
  it("reads the real event, keyed by its payment intent", () => {
    expect(parseStripeEvent(chargeSucceeded())).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "pi_000000000000000000000000",
      references: ["ch_000000000000000000000000"],
      amount: "20.00",
      currency: "USD",
      email: null,
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: null,
      isRenewal: false,
      isTest: true,
      occurredAt: at(1648320032),
      customerId: null,
    })
  })

  it("keys a charge without payment intent by its invoice, else by itself", () => {
    const event = chargeSucceeded()
    event.data.object.payment_intent = null
    event.data.object.invoice = "in_000000000000000000000002"
    let fact = asPayment(parseStripeEvent(event))
    expect([fact.providerPaymentId, fact.references]).toEqual(["in_000000000000000000000002", ["ch_000000000000000000000000"]])
    event.data.object.invoice = null
    fact = asPayment(parseStripeEvent(event))
    expect([fact.providerPaymentId, fact.references]).toEqual(["ch_000000000000000000000000", []])
  })

  it("reads billing_details.email, then receipt_email", () => {
    const event = chargeSucceeded()
    event.data.object.receipt_email = "receipt@example.com"
    expect(asPayment(parseStripeEvent(event)).email).toBe("receipt@example.com")
    event.data.object.billing_details.email = "billing@example.com"
    expect(asPayment(parseStripeEvent(event)).email).toBe("billing@example.com")
  })

  it("uses amount_captured (partial capture), else amount", () => {
    const event = chargeSucceeded()
    event.data.object.amount_captured = 1500
    expect(asPayment(parseStripeEvent(event)).amount).toBe("15.00")
    delete event.data.object.amount_captured
    expect(asPayment(parseStripeEvent(event)).amount).toBe("20.00")
  })

  it("ignores an uncaptured authorisation", () => {
    const event = chargeSucceeded()
    Object.assign(event.data.object, { captured: false, amount_captured: 0 })
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: "charge.succeeded: charge not captured" })
  })
})

describe("parseStripeEvent: invoice.paid / invoice.payment_succeeded", () => {
  const preBasil = {
    kind: "payment",
    provider: "stripe",
    providerPaymentId: "pi_000000000000000000000000",
    references: ["in_000000000000000000000000", "ch_000000000000000000000000"],
    amount: "20.00",
    currency: "USD",
    email: null,
    visitorId: null,
    sessionId: null,
    metadata: {},
    subscriptionId: null,
    isRenewal: false,
    isTest: true,
    occurredAt: at(1648320012),
    customerId: "cus_00000000000000",
  }

  it("reads the real pre-basil invoice.paid", () => {
    expect(parseStripeEvent(invoicePaid())).toEqual(preBasil)
  })

  it("reads the real pre-basil invoice.payment_succeeded identically", () => {
    expect(parseStripeEvent(fixture("stripe/invoice.payment_succeeded.ruby-mock.json"))).toEqual(preBasil)
  })

  it("reads a pre-basil subscription renewal with subscription_details metadata", () => {
    const event = invoicePaid()
    Object.assign(event.data.object, {
      billing_reason: "subscription_cycle",
      subscription: "sub_000000000000000000000001",
      subscription_details: { metadata: { attribution_visitor_id: VISITOR, attribution_session_id: SESSION } },
      customer_email: "Subscriber@Example.com",
      amount_paid: 1250,
      currency: "jpy",
    })
    expect(parseStripeEvent(event)).toEqual({
      ...preBasil,
      amount: "1250",
      currency: "JPY",
      email: "Subscriber@Example.com",
      visitorId: VISITOR,
      sessionId: SESSION,
      metadata: { attribution_visitor_id: VISITOR, attribution_session_id: SESSION },
      subscriptionId: "sub_000000000000000000000001",
      isRenewal: true,
    })
  })

  it("reads the real basil invoice (parent.subscription_details, no top-level pi/charge)", () => {
    expect(parseStripeEvent(invoiceBasil())).toEqual({
      kind: "payment",
      provider: "stripe",
      providerPaymentId: "in_1Basil0000000000000000",
      references: [],
      amount: "1.90",
      currency: "USD",
      email: "buyer@example.com",
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: "sub_1Basil0000000000000000",
      isRenewal: false,
      isTest: true,
      occurredAt: at(1746757389),
      customerId: "cus_Basil000000000",
    })
  })

  it("reads a basil renewal with subscription metadata and a paid payment intent in payments.data", () => {
    const event = invoiceBasil()
    event.type = "invoice.paid"
    const inv = event.data.object
    inv.billing_reason = "subscription_cycle"
    inv.parent.subscription_details.metadata = { visitorId: VISITOR, sessionId: SESSION, plan: "pro" }
    inv.payments = {
      object: "list",
      data: [
        { id: "inpay_1", object: "invoice_payment", status: "paid", payment: { type: "payment_intent", payment_intent: "pi_basil_1" } },
        { id: "inpay_2", object: "invoice_payment", status: "canceled", payment: { type: "payment_intent", payment_intent: "pi_failed" } },
      ],
      has_more: false,
    }
    expect(parseStripeEvent(event)).toMatchObject({
      kind: "payment",
      providerPaymentId: "pi_basil_1",
      references: ["in_1Basil0000000000000000"],
      visitorId: VISITOR,
      sessionId: SESSION,
      metadata: { visitorId: VISITOR, sessionId: SESSION, plan: "pro" },
      subscriptionId: "sub_1Basil0000000000000000",
      isRenewal: true,
    })
  })

  it("keys an invoice paid by several payment intents by the invoice", () => {
    const event = invoiceBasil()
    event.data.object.payments = {
      data: [
        { status: "paid", payment: { type: "payment_intent", payment_intent: "pi_a" } },
        { status: "paid", payment: { type: "payment_intent", payment_intent: "pi_b" } },
        { status: "paid", payment: { type: "charge", charge: "ch_c" } },
      ],
    }
    const fact = asPayment(parseStripeEvent(event))
    expect([fact.providerPaymentId, fact.references]).toEqual(["in_1Basil0000000000000000", ["pi_a", "pi_b", "ch_c"]])
  })

  it("finds the subscription on the lines when the invoice has no parent", () => {
    const event = invoiceBasil()
    delete event.data.object.parent
    expect(asPayment(parseStripeEvent(event)).subscriptionId).toBe("sub_1Basil0000000000000000")
  })

  it("ignores an invoice that paid nothing (trial, 100% discount)", () => {
    const event = invoiceBasil()
    event.data.object.amount_paid = 0
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: "invoice.payment_succeeded: nothing paid (amount 0)" })
  })
})

describe("parseStripeEvent: charge.refunded", () => {
  it("reads the real full refund from refunds.data[]", () => {
    expect(parseStripeEvent(chargeRefunded())).toEqual({
      kind: "refund",
      provider: "stripe",
      paymentIds: ["ch_000000000000000000000000"],
      currency: "USD",
      isTest: true,
      occurredAt: at(1648319949),
      refunds: [{ refundId: "re_000000000000000000000000", amount: "1.00" }],
    })
  })

  it("lists the payment intent, the charge and a pre-basil invoice as possible payment ids", () => {
    const event = chargeRefunded()
    event.data.object.payment_intent = "pi_000000000000000000000009"
    event.data.object.invoice = "in_000000000000000000000009"
    expect(asRefund(parseStripeEvent(event)).paymentIds).toEqual([
      "pi_000000000000000000000009",
      "ch_000000000000000000000000",
      "in_000000000000000000000009",
    ])
  })

  it("uses the cumulative amount_refunded for a partial refund when refunds are not embedded (API ≥ 2022-11-15)", () => {
    const event = chargeRefunded()
    const ch = event.data.object
    Object.assign(ch, { amount: 10000, amount_captured: 10000, amount_refunded: 2500, refunded: false, payment_intent: "pi_partial" })
    delete ch.refunds
    expect(parseStripeEvent(event)).toEqual({
      kind: "refund",
      provider: "stripe",
      paymentIds: ["pi_partial", "ch_000000000000000000000000"],
      currency: "USD",
      isTest: true,
      occurredAt: at(1648319949),
      cumulativeRefunded: "25.00",
    })
  })

  it("lists only succeeded refunds with their own ids (two partial refunds, one pending)", () => {
    const event = chargeRefunded()
    const ch = event.data.object
    ch.amount_refunded = 80
    ch.refunds.data = [
      { ...ch.refunds.data[0], id: "re_1", amount: 30, status: "succeeded" },
      { ...ch.refunds.data[0], id: "re_2", amount: 20, status: "succeeded" },
      { ...ch.refunds.data[0], id: "re_3", amount: 30, status: "pending" },
    ]
    expect(asRefund(parseStripeEvent(event)).refunds).toEqual([
      { refundId: "re_1", amount: "0.30" },
      { refundId: "re_2", amount: "0.20" },
    ])
  })

  it.each([
    ["the list is truncated (has_more)", (ch: Json) => (ch.refunds.has_more = true)],
    ["no refund in the list succeeded", (ch: Json) => (ch.refunds.data[0].status = "pending")],
    ["the list is empty", (ch: Json) => (ch.refunds.data = [])],
    ["a succeeded refund has no id", (ch: Json) => delete ch.refunds.data[0].id],
  ])("falls back to amount_refunded when %s", (_why, mutate) => {
    const event = chargeRefunded()
    mutate(event.data.object)
    const fact = asRefund(parseStripeEvent(event))
    expect(fact.refunds).toBeUndefined()
    expect(fact.cumulativeRefunded).toBe("1.00")
  })

  it("converts JPY and KWD refunds", () => {
    const jpy = chargeRefunded()
    Object.assign(jpy.data.object, { currency: "jpy", amount_refunded: 1500 })
    delete jpy.data.object.refunds
    expect(asRefund(parseStripeEvent(jpy))).toMatchObject({ currency: "JPY", cumulativeRefunded: "1500" })
    const kwd = chargeRefunded()
    kwd.data.object.currency = "kwd"
    kwd.data.object.refunds.data[0].amount = 12345
    expect(asRefund(parseStripeEvent(kwd))).toMatchObject({ currency: "KWD", refunds: [{ refundId: "re_000000000000000000000000", amount: "12.345" }] })
  })

  it("ignores a charge with nothing refunded", () => {
    const event = chargeRefunded()
    event.data.object.amount_refunded = 0
    delete event.data.object.refunds
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: "charge.refunded: nothing refunded (amount_refunded 0)" })
  })
})

describe("parseStripeEvent: metadata bounds", () => {
  it("keeps at most 50 keys, cuts values to 500 characters, stringifies numbers and booleans, skips nested values", () => {
    const event = checkout()
    const many: Record<string, unknown> = {}
    for (let i = 0; i < 60; i++) many[`k${String(i).padStart(2, "0")}`] = `v${i}`
    event.data.object.metadata = { long: "x".repeat(600), n: 7, b: false, nested: { a: 1 }, list: [1], nil: null, ...many }
    // The visitor id sits in the payment intent's metadata, beyond the 50-key cut.
    event.data.object.payment_intent = { id: "pi_x", metadata: { attribution_visitor_id: VISITOR } }
    const fact = asPayment(parseStripeEvent(event))
    expect(Object.keys(fact.metadata)).toHaveLength(50)
    expect(fact.metadata.long).toBe("x".repeat(500))
    expect(fact.metadata.n).toBe("7")
    expect(fact.metadata.b).toBe("false")
    expect(fact.metadata).not.toHaveProperty("nested")
    expect(fact.metadata).not.toHaveProperty("list")
    expect(fact.metadata).not.toHaveProperty("nil")
    expect(fact.metadata).not.toHaveProperty("attribution_visitor_id")
    expect(fact.visitorId).toBe(VISITOR)
  })

  it("does not let an invalid id in one object hide a valid one in another", () => {
    const event = checkout()
    event.data.object.metadata = { attribution_visitor_id: "not an id" }
    event.data.object.payment_intent = { id: "pi_x", metadata: { attribution_visitor_id: VISITOR } }
    expect(asPayment(parseStripeEvent(event)).visitorId).toBe(VISITOR)
  })

  it("drops a __proto__ key instead of touching the prototype", () => {
    const event = checkout()
    event.data.object.metadata = JSON.parse('{"__proto__": "x", "ok": "1"}')
    const fact = asPayment(parseStripeEvent(event))
    expect(fact.metadata).toEqual({ ok: "1" })
    expect(Object.getPrototypeOf(fact.metadata)).toBe(Object.prototype)
  })
})

describe("parseStripeEvent: unknown and malformed input never throws", () => {
  it.each(["customer.created", "payment_intent.payment_failed", "charge.refund.updated", "constructor", "__proto__", "toString"])(
    "ignores the unhandled event type %s",
    (type) => {
      const event = checkout()
      event.type = type
      expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: `unhandled event type ${type}` })
    },
  )

  it.each([
    [null, "not a Stripe event: null"],
    [undefined, "not a Stripe event: missing"],
    ["checkout.session.completed", 'not a Stripe event: "checkout.session.completed"'],
    [42, "not a Stripe event: 42"],
    [[], "not a Stripe event: an array"],
    [{}, "Stripe event without a type: missing"],
    [{ type: 7 }, "Stripe event without a type: 7"],
    [{ type: "charge.succeeded" }, "charge.succeeded: data.object is missing, not an object"],
    [{ type: "charge.succeeded", data: { object: null } }, "charge.succeeded: data.object is null, not an object"],
    [{ type: "charge.succeeded", data: { object: "ch_1" } }, 'charge.succeeded: data.object is "ch_1", not an object'],
    [{ type: "charge.succeeded", data: [] }, "charge.succeeded: data.object is missing, not an object"],
  ])("ignores %p", (input, reason) => {
    expect(parseStripeEvent(input)).toEqual({ kind: "ignored", reason })
  })

  it.each([
    ["a missing id", (o: Json) => delete o.id, "payment_intent.succeeded: payment intent id is missing"],
    ["a blank id", (o: Json) => (o.id = "   "), 'payment_intent.succeeded: payment intent id is "   "'],
    ["a missing currency", (o: Json) => delete o.currency, "payment_intent.succeeded: currency is missing"],
    ["a bad currency", (o: Json) => (o.currency = "dollars"), 'payment_intent.succeeded: currency is "dollars"'],
    ["a missing amount", (o: Json) => (delete o.amount, delete o.amount_received), "payment_intent.succeeded: amount is missing"],
    ["a negative amount", (o: Json) => (o.amount_received = -5), "payment_intent.succeeded: amount is -5"],
    ["a fractional amount", (o: Json) => (o.amount_received = 19.99), "payment_intent.succeeded: amount is 19.99"],
    ["a text amount", (o: Json) => (o.amount_received = "20 USD"), 'payment_intent.succeeded: amount is "20 USD"'],
  ])("ignores a payment intent with %s", (_what, mutate, reason) => {
    const event = intent()
    mutate(event.data.object)
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason })
  })

  it("ignores an event with no usable time", () => {
    const event = intent()
    delete event.data.object.created
    delete event.created
    expect(parseStripeEvent(event)).toEqual({ kind: "ignored", reason: "payment_intent.succeeded: no created time" })
  })

  it("survives objects whose properties throw", () => {
    expect(parseStripeEvent(hostile)).toEqual({ kind: "ignored", reason: "malformed Stripe event: boom" })
    expect(parseStripeEvent({ type: "charge.succeeded", data: { object: hostile } })).toEqual({
      kind: "ignored",
      reason: "malformed Stripe event: boom",
    })
  })

  it("bounds the reason of an absurd event type", () => {
    const fact = parseStripeEvent({ type: "x".repeat(10_000), data: { object: {} } })
    expect(fact.kind).toBe("ignored")
    expect(fact.kind === "ignored" && fact.reason.length).toBe(300)
  })
})
