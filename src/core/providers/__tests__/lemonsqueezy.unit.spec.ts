import { parseLemonSqueezyEvent } from "../lemonsqueezy"
import type { PaymentFact, ProviderFact, RefundFact } from "../types"
import { fixture, hostile, SESSION, VISITOR, type Json } from "./helpers"

const orderCreated = () => fixture("lemonsqueezy/order_created.docs-example.json")

/** The real order_created body turned into another order event. */
function orderEvent(eventName: string, attributes: Record<string, unknown> = {}): Json {
  const body = orderCreated()
  body.meta.event_name = eventName
  Object.assign(body.data.attributes, attributes)
  return body
}

/**
 * A subscription-invoices webhook body, hand-made: attribute names and values from the docs
 * example of the Subscription Invoice object and lemonsqueezy.js v4 `subscriptionInvoices/types.ts`
 * (no captured webhook of this type is in the reference set; see fixtures/SOURCES.md).
 */
function subscriptionInvoiceEvent(eventName: string, attributes: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Json {
  return {
    meta: { event_name: eventName, ...meta },
    data: {
      type: "subscription-invoices",
      id: "5",
      attributes: {
        store_id: 1,
        subscription_id: 1,
        customer_id: 1,
        user_name: "John Doe",
        user_email: "johndoe@example.com",
        billing_reason: "renewal",
        card_brand: "visa",
        card_last_four: "4242",
        currency: "USD",
        currency_rate: "1.00000000",
        status: "paid",
        status_formatted: "Paid",
        refunded: false,
        refunded_at: null,
        subtotal: 999,
        discount_total: 0,
        tax: 0,
        tax_inclusive: false,
        total: 999,
        refunded_amount: 0,
        subtotal_usd: 999,
        discount_total_usd: 0,
        tax_usd: 0,
        total_usd: 999,
        refunded_amount_usd: 0,
        urls: { invoice_url: "https://app.lemonsqueezy.com/my-orders/example/subscription-invoice/5" },
        created_at: "2023-02-17T10:00:00.000000Z",
        updated_at: "2023-02-17T10:00:05.000000Z",
        test_mode: false,
        ...attributes,
      },
      relationships: {},
      links: { self: "https://api.lemonsqueezy.com/v1/subscription-invoices/5" },
    },
  }
}

function asPayment(fact: ProviderFact): PaymentFact {
  if (fact.kind !== "payment") throw new Error(`expected a payment, got ${JSON.stringify(fact)}`)
  return fact
}

function asRefund(fact: ProviderFact): RefundFact {
  if (fact.kind !== "refund") throw new Error(`expected a refund, got ${JSON.stringify(fact)}`)
  return fact
}

describe("parseLemonSqueezyEvent: order_created", () => {
  it("reads the real docs example", () => {
    expect(parseLemonSqueezyEvent(orderCreated())).toEqual({
      kind: "payment",
      provider: "lemonsqueezy",
      providerPaymentId: "order:1",
      references: [],
      amount: "11.99",
      currency: "USD",
      email: "johndoe@example.com",
      visitorId: null,
      sessionId: null,
      // custom_data values are strings or numbers: stringified.
      metadata: { customer_id: "25" },
      subscriptionId: null,
      isRenewal: false,
      isTest: false,
      occurredAt: new Date("2021-08-17T09:45:53.000Z"),
      customerId: "1",
    })
  })

  it("takes visitor and session ids from meta.custom_data, trimmed", () => {
    const body = orderCreated()
    body.meta.custom_data = { visitor_id: ` ${VISITOR}`, session_id: `${SESSION} `, user_id: 123 }
    const fact = asPayment(parseLemonSqueezyEvent(body))
    expect([fact.visitorId, fact.sessionId]).toEqual([VISITOR, SESSION])
    expect(fact.metadata).toEqual({ visitor_id: ` ${VISITOR}`, session_id: `${SESSION} `, user_id: "123" })
  })

  it("reads the contract's attribution_* keys too", () => {
    const body = orderCreated()
    body.meta.custom_data = { attribution_visitor_id: VISITOR, attribution_session_id: SESSION }
    const fact = asPayment(parseLemonSqueezyEvent(body))
    expect([fact.visitorId, fact.sessionId]).toEqual([VISITOR, SESSION])
  })

  it.each([
    ["meta.test_mode", (b: Json) => (b.meta.test_mode = true)],
    ["attributes.test_mode", (b: Json) => (b.data.attributes.test_mode = true)],
  ])("is a test when %s is true", (_where, mutate) => {
    const body = orderCreated()
    mutate(body)
    expect(asPayment(parseLemonSqueezyEvent(body)).isTest).toBe(true)
  })

  it("carries the subscription and the initial-payment reference when the order names its subscription", () => {
    const body = orderCreated()
    body.data.attributes.first_subscription_item = { id: 9, subscription_id: 1, price_id: 3, quantity: 1 }
    const fact = asPayment(parseLemonSqueezyEvent(body))
    expect([fact.subscriptionId, fact.references]).toEqual(["1", []])
  })

  it.each([
    ["JPY", 1500, "1500"],
    ["KWD", 12345, "12.345"],
    ["eur", 999, "9.99"],
    ["GBP", "2500", "25.00"],
  ])("converts a total of %s %p → %s", (currency, total, amount) => {
    const fact = asPayment(parseLemonSqueezyEvent(orderEvent("order_created", { currency, total })))
    expect([fact.amount, fact.currency]).toEqual([amount, currency.toUpperCase()])
  })

  it.each([
    ["pending", 'order_created: order status is "pending", not "paid"'],
    ["failed", 'order_created: order status is "failed", not "paid"'],
    ["refunded", 'order_created: order status is "refunded", not "paid"'],
    [undefined, 'order_created: order status is missing, not "paid"'],
  ])("ignores an order with status %p", (status, reason) => {
    expect(parseLemonSqueezyEvent(orderEvent("order_created", { status }))).toEqual({ kind: "ignored", reason })
  })

  it("ignores a free order", () => {
    expect(parseLemonSqueezyEvent(orderEvent("order_created", { total: 0 }))).toEqual({
      kind: "ignored",
      reason: "order_created: nothing paid (total 0)",
    })
  })

  it("ignores a body whose data is not an order", () => {
    const body = orderCreated()
    body.data.type = "subscriptions"
    expect(parseLemonSqueezyEvent(body)).toEqual({
      kind: "ignored",
      reason: 'order_created: data.type is "subscriptions", not "orders"',
    })
  })
})

describe("parseLemonSqueezyEvent: order_refunded", () => {
  it("reads a partial refund, where the status stays paid", () => {
    const body = orderEvent("order_refunded", {
      status: "paid",
      refunded: false,
      refunded_amount: 100,
      refunded_at: "2021-08-20T12:00:00.000000Z",
    })
    expect(parseLemonSqueezyEvent(body)).toEqual({
      kind: "refund",
      provider: "lemonsqueezy",
      paymentIds: ["order:1"],
      currency: "USD",
      isTest: false,
      occurredAt: new Date("2021-08-20T12:00:00.000Z"),
      cumulativeRefunded: "1.00",
    })
  })

  it("takes the total as the cumulative refund of a full refund without refunded_amount", () => {
    const body = orderEvent("order_refunded", { status: "refunded", refunded: true, refunded_at: null })
    expect(asRefund(parseLemonSqueezyEvent(body))).toMatchObject({ cumulativeRefunded: "11.99", occurredAt: new Date("2021-08-17T09:45:53.000Z") })
  })

  it("refunds a subscription's order under its own key", () => {
    const body = orderEvent("order_refunded", { refunded_amount: 1199, first_subscription_item: { subscription_id: 7 } })
    expect(asRefund(parseLemonSqueezyEvent(body)).paymentIds).toEqual(["order:1"])
  })

  it("converts JPY refunds with the ISO exponent", () => {
    const body = orderEvent("order_refunded", { currency: "JPY", total: 1500, refunded_amount: 500 })
    expect(asRefund(parseLemonSqueezyEvent(body)).cumulativeRefunded).toBe("500")
  })

  it("ignores a refund event with nothing refunded", () => {
    expect(parseLemonSqueezyEvent(orderEvent("order_refunded", { refunded_amount: 0 }))).toEqual({
      kind: "ignored",
      reason: "order_refunded: nothing refunded (refunded_amount 0)",
    })
    expect(parseLemonSqueezyEvent(orderEvent("order_refunded"))).toEqual({
      kind: "ignored",
      reason: "order_refunded: refunded_amount is missing",
    })
  })
})

describe("parseLemonSqueezyEvent: subscription_payment_success", () => {
  it("reads a renewal", () => {
    const body = subscriptionInvoiceEvent("subscription_payment_success", {}, { custom_data: { visitor_id: VISITOR } })
    expect(parseLemonSqueezyEvent(body)).toEqual({
      kind: "payment",
      provider: "lemonsqueezy",
      providerPaymentId: "subscription-invoice:5",
      references: [],
      amount: "9.99",
      currency: "USD",
      email: "johndoe@example.com",
      visitorId: VISITOR,
      sessionId: null,
      metadata: { visitor_id: VISITOR },
      subscriptionId: "1",
      isRenewal: true,
      isTest: false,
      occurredAt: new Date("2023-02-17T10:00:00.000Z"),
      customerId: "1",
    })
  })

  it("ignores the initial invoice: its order_created records that money, so it is never counted twice", () => {
    expect(parseLemonSqueezyEvent(subscriptionInvoiceEvent("subscription_payment_success", { billing_reason: "initial" }))).toEqual({
      kind: "ignored",
      reason: "subscription_payment_success: the first payment of a subscription is recorded from its order (order_created / order_refunded)",
    })
  })

  it("treats a plan-change invoice (billing_reason updated) as its own payment, not a renewal", () => {
    const fact = asPayment(parseLemonSqueezyEvent(subscriptionInvoiceEvent("subscription_payment_success", { billing_reason: "updated" })))
    expect([fact.isRenewal, fact.references]).toEqual([false, []])
  })

  it("is a test in test mode", () => {
    const fact = asPayment(parseLemonSqueezyEvent(subscriptionInvoiceEvent("subscription_payment_success", { test_mode: true })))
    expect(fact.isTest).toBe(true)
  })

  it.each(["pending", "void"])("ignores an invoice with status %s", (status) => {
    expect(parseLemonSqueezyEvent(subscriptionInvoiceEvent("subscription_payment_success", { status }))).toEqual({
      kind: "ignored",
      reason: `subscription_payment_success: invoice status is "${status}"`,
    })
  })

  it("ignores a zero-total invoice (free trial start)", () => {
    expect(parseLemonSqueezyEvent(subscriptionInvoiceEvent("subscription_payment_success", { total: 0 }))).toEqual({
      kind: "ignored",
      reason: "subscription_payment_success: nothing paid (total 0)",
    })
  })

  it("ignores an order body sent under a subscription event name", () => {
    expect(parseLemonSqueezyEvent(orderEvent("subscription_payment_success"))).toEqual({
      kind: "ignored",
      reason: 'subscription_payment_success: data.type is "orders", not "subscription-invoices"',
    })
  })
})

describe("parseLemonSqueezyEvent: subscription_payment_refunded", () => {
  it("reads the cumulative refund of a renewal invoice", () => {
    const body = subscriptionInvoiceEvent("subscription_payment_refunded", {
      status: "refunded",
      refunded: true,
      refunded_amount: 999,
      refunded_at: "2023-02-20T08:30:00.000000Z",
    })
    expect(parseLemonSqueezyEvent(body)).toEqual({
      kind: "refund",
      provider: "lemonsqueezy",
      paymentIds: ["subscription-invoice:5"],
      currency: "USD",
      isTest: false,
      occurredAt: new Date("2023-02-20T08:30:00.000Z"),
      cumulativeRefunded: "9.99",
    })
  })

  it("ignores the refund of an initial invoice: order_refunded carries it", () => {
    const body = subscriptionInvoiceEvent("subscription_payment_refunded", { billing_reason: "initial", refunded_amount: 300 })
    expect(parseLemonSqueezyEvent(body)).toMatchObject({ kind: "ignored" })
  })

  it("refunds a renewal invoice from its cumulative refunded_amount", () => {
    const body = subscriptionInvoiceEvent("subscription_payment_refunded", { billing_reason: "renewal", refunded_amount: 300 })
    expect(asRefund(parseLemonSqueezyEvent(body))).toMatchObject({
      paymentIds: ["subscription-invoice:5"],
      cumulativeRefunded: "3.00",
      // No refunded_at: the invoice's updated_at.
      occurredAt: new Date("2023-02-17T10:00:05.000Z"),
    })
  })
})

describe("parseLemonSqueezyEvent: unknown and malformed input never throws", () => {
  it.each(["subscription_updated", "subscription_payment_recovered", "license_key_created", "constructor", "__proto__"])(
    "ignores the unhandled event %s",
    (name) => {
      expect(parseLemonSqueezyEvent(orderEvent(name))).toEqual({ kind: "ignored", reason: `unhandled event type ${name}` })
    },
  )

  it.each([
    [null, "not a LemonSqueezy event: null"],
    ["order_created", 'not a LemonSqueezy event: "order_created"'],
    [[], "not a LemonSqueezy event: an array"],
    [{}, "LemonSqueezy event without meta.event_name: missing"],
    [{ meta: null }, "LemonSqueezy event without meta.event_name: missing"],
    [{ meta: { event_name: "  " } }, 'LemonSqueezy event without meta.event_name: "  "'],
    [{ meta: { event_name: "order_created" } }, "order_created: data is missing, not an object"],
    [{ meta: { event_name: "order_created" }, data: null }, "order_created: data is null, not an object"],
    [{ meta: { event_name: "order_created" }, data: { type: "orders", id: "1" } }, "order_created: data.attributes is missing, not an object"],
    [{ meta: { event_name: "order_created" }, data: { type: "orders", attributes: {} } }, "order_created: data.id is missing"],
    [{ meta: { event_name: "order_created" }, data: { type: "orders", id: -1, attributes: {} } }, "order_created: data.id is -1"],
  ])("ignores %p", (input, reason) => {
    expect(parseLemonSqueezyEvent(input)).toEqual({ kind: "ignored", reason })
  })

  it.each([
    ["currency", { currency: "US Dollar" }, 'order_created: currency is "US Dollar"'],
    ["total", { total: "11.99" }, 'order_created: total is "11.99"'],
    ["negative total", { total: -1199 }, "order_created: total is -1199"],
    ["created_at", { created_at: "yesterday" }, 'order_created: created_at is "yesterday"'],
    ["zone-less created_at", { created_at: "2021-08-17 09:45:53" }, 'order_created: created_at is "2021-08-17 09:45:53"'],
  ])("ignores an order with a bad %s", (_what, attributes, reason) => {
    expect(parseLemonSqueezyEvent(orderEvent("order_created", attributes))).toEqual({ kind: "ignored", reason })
  })

  it("trims a string data.id and accepts a numeric one", () => {
    const body = orderCreated()
    body.data.id = " 42 "
    expect(asPayment(parseLemonSqueezyEvent(body)).providerPaymentId).toBe("order:42")
    body.data.id = 43
    expect(asPayment(parseLemonSqueezyEvent(body)).providerPaymentId).toBe("order:43")
  })

  it("bounds custom_data: 50 keys, 500-character values, nested values skipped", () => {
    const body = orderCreated()
    const custom: Record<string, unknown> = { nested: { visitor_id: VISITOR }, long: "é".repeat(700) }
    for (let i = 0; i < 80; i++) custom[`key_${i}`] = i
    body.meta.custom_data = custom
    const fact = asPayment(parseLemonSqueezyEvent(body))
    expect(Object.keys(fact.metadata)).toHaveLength(50)
    expect(fact.metadata.long).toBe("é".repeat(500))
    expect(fact.metadata).not.toHaveProperty("nested")
    expect(fact.visitorId).toBeNull()
  })

  it("ignores custom_data that is not an object", () => {
    const body = orderCreated()
    body.meta.custom_data = "visitor_id=abc"
    const fact = asPayment(parseLemonSqueezyEvent(body))
    expect([fact.metadata, fact.visitorId]).toEqual([{}, null])
  })

  it("survives objects whose properties throw", () => {
    expect(parseLemonSqueezyEvent(hostile)).toEqual({ kind: "ignored", reason: "malformed LemonSqueezy event: boom" })
    expect(parseLemonSqueezyEvent({ meta: { event_name: "order_created" }, data: { type: "orders", id: "1", attributes: hostile } })).toEqual({
      kind: "ignored",
      reason: "malformed LemonSqueezy event: boom",
    })
  })
})

describe("parseLemonSqueezyEvent: subscription_created", () => {
  // Attribute names from the docs example of the Subscription object (order_id, first_subscription_item).
  const subscriptionCreated = (attributes: Record<string, unknown>, type = "subscriptions"): Json => ({
    meta: { event_name: "subscription_created", custom_data: { attribution_visitor_id: VISITOR } },
    data: { type, id: "41", attributes: { store_id: 1, customer_id: 1, order_id: 1, status: "active", ...attributes } },
  })

  it("ties the subscription to the payment of the order that started it", () => {
    expect(parseLemonSqueezyEvent(subscriptionCreated({ order_id: 7 }))).toEqual({
      kind: "subscription",
      provider: "lemonsqueezy",
      subscriptionId: "41",
      paymentIds: ["order:7"],
    })
  })

  it("ignores a subscription without an order, or of another type", () => {
    expect(parseLemonSqueezyEvent(subscriptionCreated({ order_id: null }))).toMatchObject({ kind: "ignored", reason: expect.stringMatching(/order_id/) })
    expect(parseLemonSqueezyEvent(subscriptionCreated({ order_id: 7 }, "orders"))).toMatchObject({ kind: "ignored", reason: expect.stringMatching(/data.type/) })
  })
})
