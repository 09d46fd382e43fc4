import { parsePolarEvent, polarCheckoutReference, polarRefundedOrderPayment } from "../polar"
import type { PaymentFact, ProviderFact, RefundFact } from "../types"
import { fixture, hostile, SESSION, VISITOR, type Json } from "./helpers"

const orderPaid = () => fixture("polar/order.paid.wire-format.derived-from-polar-js-docs.json")

/** The fixture's order as another event, with some order fields changed. */
function orderEvent(type: string, data: Record<string, unknown> = {}): Json {
  const event = orderPaid()
  event.type = type
  Object.assign(event.data, data)
  return event
}

/** The fixture's order after refunds: `refunded_amount` before tax, `refunded_tax_amount` the tax. */
function refundedEvent(refunded: number, refundedTax: number, data: Record<string, unknown> = {}): Json {
  const status = refunded + refundedTax >= 9720 ? "refunded" : "partially_refunded"
  return orderEvent("order.refunded", { status, refunded_amount: refunded, refunded_tax_amount: refundedTax, ...data })
}

function asPayment(fact: ProviderFact): PaymentFact {
  if (fact.kind !== "payment") throw new Error(`expected a payment, got ${JSON.stringify(fact)}`)
  return fact
}

function asRefund(fact: ProviderFact): RefundFact {
  if (fact.kind !== "refund") throw new Error(`expected a refund, got ${JSON.stringify(fact)}`)
  return fact
}

describe("parsePolarEvent: order.paid", () => {
  it("reads the docs-derived wire payload", () => {
    expect(parsePolarEvent(orderPaid())).toEqual({
      kind: "payment",
      provider: "polar",
      providerPaymentId: "<value>",
      references: [polarCheckoutReference("<value>")],
      // total_amount: after the discount, with tax.
      amount: "97.20",
      currency: "USD",
      email: "customer@example.com",
      visitorId: null,
      sessionId: null,
      metadata: { key: "455461" },
      subscriptionId: "<value>",
      isRenewal: false,
      isTest: false,
      occurredAt: new Date("2025-12-27T21:37:16.242Z"),
      customerId: "usr_1337",
    })
  })

  it("reads visitor and session ids from the order metadata under every accepted key", () => {
    for (const [visitorKey, sessionKey] of [
      ["attribution_visitor_id", "attribution_session_id"],
      ["visitorId", "sessionId"],
      ["visitor_id", "session_id"],
    ]) {
      const fact = asPayment(parsePolarEvent(orderEvent("order.paid", { metadata: { [visitorKey!]: VISITOR, [sessionKey!]: ` ${SESSION} ` } })))
      expect(fact).toMatchObject({ visitorId: VISITOR, sessionId: SESSION })
    }
  })

  it("takes a checkout link's reference_id as the visitor id only when it is one, after the metadata keys", () => {
    const byReference = asPayment(parsePolarEvent(orderEvent("order.paid", { metadata: { reference_id: VISITOR, utm_source: "newsletter" } })))
    expect(byReference).toMatchObject({ visitorId: VISITOR, sessionId: null, metadata: { reference_id: VISITOR, utm_source: "newsletter" } })

    const notAnId = asPayment(parsePolarEvent(orderEvent("order.paid", { metadata: { reference_id: "order 42" } })))
    expect(notAnId.visitorId).toBeNull()

    const other = "vis_fedcba9876543210"
    const both = asPayment(parsePolarEvent(orderEvent("order.paid", { metadata: { reference_id: other, attribution_visitor_id: VISITOR } })))
    expect(both.visitorId).toBe(VISITOR)
  })

  it("never takes customer.external_id as a visitor id, even when it has the shape of one", () => {
    const event = orderEvent("order.paid")
    event.data.customer.external_id = "cus_01JABCDEFGHJKMNPQRSTVWXYZ0"
    expect(asPayment(parsePolarEvent(event))).toMatchObject({ visitorId: null, customerId: "cus_01JABCDEFGHJKMNPQRSTVWXYZ0" })
  })

  it("falls back to Polar's customer id when the store set no external id", () => {
    const event = orderEvent("order.paid", { customer_id: "992fae2a-2a17-4b7a-8d9e-e287cf90131b" })
    event.data.customer.external_id = null
    expect(asPayment(parsePolarEvent(event)).customerId).toBe("992fae2a-2a17-4b7a-8d9e-e287cf90131b")
    delete event.data.customer_id
    expect(asPayment(parsePolarEvent(event)).customerId).toBe("992fae2a-2a17-4b7a-8d9e-e287cf90131b")
  })

  it("marks a subscription_cycle order as a renewal, reads the subscription's metadata, and gives it no checkout reference", () => {
    const event = orderEvent("order.paid", { id: "order-renewal", billing_reason: "subscription_cycle", subscription_id: "sub-1", metadata: {} })
    event.data.subscription.metadata = { attribution_visitor_id: VISITOR }
    expect(asPayment(parsePolarEvent(event))).toMatchObject({
      providerPaymentId: "order-renewal",
      references: [],
      subscriptionId: "sub-1",
      isRenewal: true,
      visitorId: VISITOR,
      metadata: { attribution_visitor_id: VISITOR },
    })
  })

  it("keeps the checkout reference for the first order of a subscription only", () => {
    const create = asPayment(parsePolarEvent(orderEvent("order.paid", { billing_reason: "subscription_create", checkout_id: "co-1" })))
    expect(create).toMatchObject({ references: ["checkout:co-1"], isRenewal: false })
    const update = asPayment(parsePolarEvent(orderEvent("order.paid", { billing_reason: "subscription_update", checkout_id: "co-1" })))
    expect(update).toMatchObject({ references: [], isRenewal: false })
    const noCheckout = asPayment(parsePolarEvent(orderEvent("order.paid", { checkout_id: null })))
    expect(noCheckout.references).toEqual([])
  })

  it("converts amounts with Stripe's exponents, through which Polar charges", () => {
    const amount = (currency: string, total: number) => asPayment(parsePolarEvent(orderEvent("order.paid", { currency, total_amount: total }))).amount
    expect(amount("jpy", 1500)).toBe("1500")
    expect(amount("eur", 1999)).toBe("19.99")
    // Polar keeps ISK in hundredths, as Stripe does (its minimum price is 7000 = 70.00 ISK).
    expect(amount("isk", 7000)).toBe("70.00")
    expect(amount("usd", 12345678901234)).toBe("123456789012.34")
  })

  it("accepts an order without a status when it says it is paid", () => {
    const event = orderEvent("order.paid", { paid: true })
    delete event.data.status
    expect(parsePolarEvent(event).kind).toBe("payment")
  })

  it("ignores an unpaid order, a free order and one without any time", () => {
    expect(parsePolarEvent(orderEvent("order.paid", { status: "pending" }))).toEqual({
      kind: "ignored",
      reason: 'order.paid: order status is "pending", not paid',
    })
    expect(parsePolarEvent(orderEvent("order.paid", { total_amount: 0 }))).toEqual({ kind: "ignored", reason: "order.paid: nothing paid (total_amount 0)" })
    const timeless = orderEvent("order.paid", { created_at: "yesterday" })
    expect(asPayment(parsePolarEvent(timeless)).occurredAt).toEqual(new Date("2025-02-22T07:46:28.441Z"))
    delete timeless.timestamp
    expect(parsePolarEvent(timeless)).toEqual({ kind: "ignored", reason: "order.paid: no created_at or timestamp" })
  })

  it("reads microsecond timestamps with an offset, as Python serialises them", () => {
    const event = orderEvent("order.paid", { created_at: "2026-01-02T03:04:05.123456+00:00" })
    expect(asPayment(parsePolarEvent(event)).occurredAt).toEqual(new Date("2026-01-02T03:04:05.123Z"))
  })
})

describe("parsePolarEvent: order.refunded", () => {
  it("reports the cumulative refund with its tax, at the event's time", () => {
    expect(parsePolarEvent(refundedEvent(3000, 240))).toEqual({
      kind: "refund",
      provider: "polar",
      paymentIds: ["<value>"],
      currency: "USD",
      isTest: false,
      occurredAt: new Date("2025-02-22T07:46:28.441Z"),
      cumulativeRefunded: "32.40",
    })
    // A full refund cancels the whole total_amount.
    expect(asRefund(parsePolarEvent(refundedEvent(9000, 720))).cumulativeRefunded).toBe("97.20")
  })

  it("reads a missing refunded_tax_amount as no tax refunded, and zero-decimal currencies", () => {
    const event = refundedEvent(500, 0, { currency: "jpy" })
    delete event.data.refunded_tax_amount
    expect(asRefund(parsePolarEvent(event)).cumulativeRefunded).toBe("500")
  })

  it("falls back to the order's modified_at when the event has no timestamp", () => {
    const event = refundedEvent(100, 0)
    delete event.timestamp
    expect(asRefund(parsePolarEvent(event)).occurredAt).toEqual(new Date("2026-01-02T09:32:03.168Z"))
  })

  it("ignores a refund of nothing and malformed refunded amounts", () => {
    expect(parsePolarEvent(refundedEvent(0, 0))).toEqual({ kind: "ignored", reason: "order.refunded: nothing refunded (refunded_amount 0)" })
    expect(parsePolarEvent(refundedEvent(-5, 0)).kind).toBe("ignored")
    expect(parsePolarEvent(orderEvent("order.refunded", { refunded_amount: "12.5" })).kind).toBe("ignored")
    expect(parsePolarEvent(refundedEvent(100, 0, { refunded_tax_amount: "tax" }))).toEqual({
      kind: "ignored",
      reason: 'order.refunded: refunded_tax_amount is "tax"',
    })
  })
})

describe("polarRefundedOrderPayment", () => {
  it("is the refunded order as its payment, for a refund that arrives before order.paid", () => {
    const payment = polarRefundedOrderPayment(refundedEvent(9000, 720, { metadata: { attribution_visitor_id: VISITOR } }))
    expect(payment).toEqual({ ...asPayment(parsePolarEvent(orderPaid())), visitorId: VISITOR, metadata: { attribution_visitor_id: VISITOR } })
  })

  it("is null for other events and for orders that are not payments", () => {
    expect(polarRefundedOrderPayment(orderPaid())).toBeNull()
    expect(polarRefundedOrderPayment(refundedEvent(100, 0, { total_amount: 0 }))).toBeNull()
    expect(polarRefundedOrderPayment(refundedEvent(100, 0, { status: "pending" }))).toBeNull()
    expect(polarRefundedOrderPayment({ type: "order.refunded", data: null })).toBeNull()
    expect(polarRefundedOrderPayment(hostile)).toBeNull()
  })
})

describe("parsePolarEvent: events it does not record, and malformed input", () => {
  it("ignores order.created, order.updated and refund events with the reason", () => {
    expect(parsePolarEvent(orderEvent("order.created", { status: "pending" }))).toEqual({
      kind: "ignored",
      reason: "order.created: the order may still be pending; order.paid records the payment",
    })
    expect(parsePolarEvent(orderEvent("order.updated")).kind).toBe("ignored")
    expect(parsePolarEvent({ type: "refund.created", data: { id: "r1", amount: 100 } })).toEqual({
      kind: "ignored",
      reason: "refund.created: order.refunded records the order's refunded total",
    })
    expect(parsePolarEvent({ type: "refund.updated", data: {} }).kind).toBe("ignored")
    expect(parsePolarEvent({ type: "checkout.updated", data: {} })).toEqual({ kind: "ignored", reason: "unhandled event type checkout.updated" })
    expect(parsePolarEvent({ type: "constructor", data: {} })).toEqual({ kind: "ignored", reason: "unhandled event type constructor" })
  })

  it("never throws, whatever the input", () => {
    expect(parsePolarEvent(null)).toEqual({ kind: "ignored", reason: "not a Polar event: null" })
    expect(parsePolarEvent("order.paid")).toEqual({ kind: "ignored", reason: 'not a Polar event: "order.paid"' })
    expect(parsePolarEvent([])).toEqual({ kind: "ignored", reason: "not a Polar event: an array" })
    expect(parsePolarEvent({ data: {} })).toEqual({ kind: "ignored", reason: "Polar event without a type: missing" })
    expect(parsePolarEvent({ type: "order.paid", data: [1] })).toEqual({ kind: "ignored", reason: "order.paid: data is an array, not an object" })
    expect(parsePolarEvent(hostile)).toEqual({ kind: "ignored", reason: "malformed Polar event: boom" })
    expect(parsePolarEvent({ type: "order.paid", data: hostile })).toEqual({ kind: "ignored", reason: "malformed Polar event: boom" })
    expect(parsePolarEvent(orderEvent("order.paid", { customer: hostile }))).toEqual({ kind: "ignored", reason: "malformed Polar event: boom" })
  })

  it("ignores orders with a missing id, a bad currency or a bad amount", () => {
    expect(parsePolarEvent(orderEvent("order.paid", { id: "" }))).toEqual({ kind: "ignored", reason: 'order.paid: order id is ""' })
    expect(parsePolarEvent(orderEvent("order.paid", { currency: "dollars" }))).toEqual({ kind: "ignored", reason: 'order.paid: currency is "dollars"' })
    expect(parsePolarEvent(orderEvent("order.paid", { total_amount: 97.2 }))).toEqual({ kind: "ignored", reason: "order.paid: total_amount is 97.2" })
    expect(asRefund(parsePolarEvent(refundedEvent(100, 0, { id: 12 }))).paymentIds).toEqual(["12"])
    expect(parsePolarEvent(refundedEvent(100, 0, { id: null })).kind).toBe("ignored")
  })

  it("keeps a blank email and non-string metadata out", () => {
    const event = orderEvent("order.paid", { metadata: { nested: { a: 1 }, flag: true, empty: null } })
    event.data.customer.email = "  "
    expect(asPayment(parsePolarEvent(event))).toMatchObject({ email: null, metadata: { flag: "true" } })
  })
})
