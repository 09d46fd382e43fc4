import { parsePaddleEvent } from "../paddle"
import type { ProviderFact } from "../types"
import { fixture, hostile, SESSION, VISITOR, type Json } from "./helpers"

const completed = (): Json => fixture("paddle/transaction.completed.paddle-node-sdk-mock.json")
const adjustmentCreated = (): Json => fixture("paddle/adjustment.created.paddle-node-sdk-mock.json")
const adjustmentUpdated = (): Json => fixture("paddle/adjustment.updated.paddle-node-sdk-mock.json")

/** The real transaction.completed notification with these transaction fields and totals replaced. */
function transaction(fields: Record<string, unknown> = {}, totals: Record<string, unknown> = {}): Json {
  const event = completed()
  Object.assign(event.data, fields)
  Object.assign(event.data.details.totals, totals)
  return event
}

/** The real adjustment.updated (approved refund) notification with these fields replaced. */
function adjustment(fields: Record<string, unknown> = {}, eventType = "adjustment.updated"): Json {
  const event = adjustmentUpdated()
  event.event_type = eventType
  Object.assign(event.data, fields)
  return event
}

function expectIgnored(fact: ProviderFact, reason: RegExp): void {
  expect(fact).toEqual({ kind: "ignored", reason: expect.stringMatching(reason) })
}

describe("parsePaddleEvent: transaction.completed and transaction.paid", () => {
  it("reads the real SDK notification: grand_total in cents, the captured attempt's time", () => {
    expect(parsePaddleEvent(completed())).toEqual({
      kind: "payment",
      provider: "paddle",
      providerPaymentId: "txn_01h8dzxgkvdwemdhbpcapj2tbj",
      references: [],
      amount: "652.15",
      currency: "USD",
      email: null,
      visitorId: null,
      sessionId: null,
      metadata: {},
      subscriptionId: null,
      isRenewal: false,
      isTest: false,
      // The captured attempt, not the declined one before it nor the envelope's occurred_at.
      occurredAt: new Date("2023-08-22T07:15:43.792Z"),
      customerId: "ctm_01h8e18bxp9hby49dnm8ewf0m0",
    })
  })

  it("stores transaction.paid under the same key, so the two events of one transaction converge", () => {
    const paid = transaction({ status: "paid" })
    paid.event_type = "transaction.paid"
    const fact = parsePaddleEvent(paid)
    expect(fact).toMatchObject({ kind: "payment", providerPaymentId: "txn_01h8dzxgkvdwemdhbpcapj2tbj", amount: "652.15" })
  })

  it("ignores a transaction that is not paid yet, whatever the event says", () => {
    expectIgnored(parsePaddleEvent(transaction({ status: "billed" })), /transaction status is "billed"/)
  })

  it("reads visitor and session ids and flat metadata from custom_data", () => {
    const customData = { attribution_visitor_id: VISITOR, attribution_session_id: SESSION, plan: "pro", seats: 3, nested: { a: 1 } }
    expect(parsePaddleEvent(transaction({ custom_data: customData }))).toMatchObject({
      visitorId: VISITOR,
      sessionId: SESSION,
      metadata: { attribution_visitor_id: VISITOR, attribution_session_id: SESSION, plan: "pro", seats: "3" },
    })
    // The other keys CONTRACT.md names, as the Stripe and Lemon Squeezy parsers accept them.
    expect(parsePaddleEvent(transaction({ custom_data: { visitorId: VISITOR, session_id: SESSION } }))).toMatchObject({ visitorId: VISITOR, sessionId: SESSION })
    // An id that is not a valid visitor id links nothing but stays in the metadata.
    expect(parsePaddleEvent(transaction({ custom_data: { visitor_id: "short" } }))).toMatchObject({ visitorId: null, metadata: { visitor_id: "short" } })
  })

  it("marks a subscription_recurring transaction as a renewal of its subscription", () => {
    const renewal = transaction({ origin: "subscription_recurring", subscription_id: "sub_01h8bxswamxysj44zt5n48njwh", custom_data: { attribution_visitor_id: VISITOR } })
    expect(parsePaddleEvent(renewal)).toMatchObject({ isRenewal: true, subscriptionId: "sub_01h8bxswamxysj44zt5n48njwh", visitorId: VISITOR })
    // The first payment of a subscription names it too, without being a renewal.
    const first = transaction({ origin: "web", subscription_id: "sub_01h8bxswamxysj44zt5n48njwh" })
    expect(parsePaddleEvent(first)).toMatchObject({ isRenewal: false, subscriptionId: "sub_01h8bxswamxysj44zt5n48njwh" })
  })

  it("converts with the currency's exponent and upper-cases the code", () => {
    const jpy = transaction({ currency_code: "JPY" }, { grand_total: "1500", currency_code: "JPY" })
    expect(parsePaddleEvent(jpy)).toMatchObject({ amount: "1500", currency: "JPY" })
    const kwd = transaction({ currency_code: "kwd" }, { grand_total: "12345" })
    expect(parsePaddleEvent(kwd)).toMatchObject({ amount: "12.345", currency: "KWD" })
    const huge = transaction({}, { grand_total: "123456789012345678901234" })
    expect(parsePaddleEvent(huge)).toMatchObject({ amount: "1234567890123456789012.34" })
  })

  it("counts what the customer paid: grand_total, after credits from their balance", () => {
    // Paddle's changelog example: total 16500, credit 1000 → grand_total 15500.
    const credited = transaction({}, { total: "16500", credit: "1000", grand_total: "15500" })
    expect(parsePaddleEvent(credited)).toMatchObject({ amount: "155.00" })
    // Notifications from before grand_total existed: total − credit.
    const older = transaction({}, { total: "16500", credit: "1000", grand_total: undefined })
    expect(parsePaddleEvent(older)).toMatchObject({ amount: "155.00" })
  })

  it("ignores nothing paid (a trial's zero transaction) and unreadable or negative totals", () => {
    expectIgnored(parsePaddleEvent(transaction({}, { grand_total: "0" })), /nothing paid/)
    expectIgnored(parsePaddleEvent(transaction({}, { grand_total: "-500" })), /grand_total is "-500"/)
    expectIgnored(parsePaddleEvent(transaction({}, { grand_total: "12.50" })), /grand_total is "12.50"/)
    expectIgnored(parsePaddleEvent(transaction({}, { grand_total: undefined, total: "100", credit: "200" })), /grand_total/)
    expectIgnored(parsePaddleEvent(transaction({ currency_code: "dollars" }, { currency_code: null })), /currency_code is "dollars"/)
    expectIgnored(parsePaddleEvent(transaction({ id: "" })), /data.id is ""/)
  })

  it("falls back to the event's time when no attempt was captured, and ignores Paddle's zero time", () => {
    const event = transaction({ payments: [], billed_at: "0001-01-01T00:00:00Z" })
    expect(parsePaddleEvent(event)).toMatchObject({ occurredAt: new Date("2023-08-22T07:15:45.366Z") })
    event.occurred_at = "0001-01-01T00:00:00Z"
    expect(parsePaddleEvent(event)).toMatchObject({ occurredAt: new Date("2023-08-22T07:15:44.296Z") })
    event.data.updated_at = null
    expectIgnored(parsePaddleEvent(event), /no captured_at, occurred_at, billed_at or updated_at/)
  })

  it("reads the customer's email only when the payload embeds the customer", () => {
    expect(parsePaddleEvent(transaction({ customer: { id: "ctm_1", email: "buyer@example.com" } }))).toMatchObject({ email: "buyer@example.com" })
  })
})

describe("parsePaddleEvent: adjustments", () => {
  it("records an approved refund under its adjustment id, against its transaction", () => {
    expect(parsePaddleEvent(adjustmentUpdated())).toEqual({
      kind: "refund",
      provider: "paddle",
      paymentIds: ["txn_01h8bxpvx398a7zbawb77y0kp5"],
      currency: "USD",
      isTest: false,
      occurredAt: new Date("2023-08-21T14:10:08.650Z"),
      refunds: [{ refundId: "adj_01h8c6tbrkpdd7vx61w7b1r0ap", amount: "1.00" }],
    })
  })

  it("waits for approval: the real pending_approval adjustment.created is ignored", () => {
    expectIgnored(parsePaddleEvent(adjustmentCreated()), /refund adjustment status is "pending_approval", not "approved"/)
    expectIgnored(parsePaddleEvent(adjustment({ status: "rejected" })), /status is "rejected"/)
  })

  it("gives an auto-approved adjustment.created the same refund id as its later updates", () => {
    const created = adjustmentCreated()
    created.data.status = "approved"
    expect(parsePaddleEvent(created)).toMatchObject({
      kind: "refund",
      refunds: [{ refundId: "adj_01h8c6tbrkpdd7vx61w7b1r0ap", amount: "1.00" }],
      // Its updated_at is Paddle's zero time; the envelope's occurred_at is used.
      occurredAt: new Date("2023-08-21T14:08:43.786Z"),
    })
  })

  it("counts an approved chargeback as money returned", () => {
    const chargeback = adjustment({ id: "adj_chargeback_0001", action: "chargeback", type: "full", totals: { total: "65215", currency_code: "USD" } }, "adjustment.created")
    expect(parsePaddleEvent(chargeback)).toMatchObject({ kind: "refund", refunds: [{ refundId: "adj_chargeback_0001", amount: "652.15" }] })
  })

  it("ignores credits, chargeback warnings and reversals, each with its reason", () => {
    expectIgnored(parsePaddleEvent(adjustment({ action: "credit" })), /action "credit": .*no money is returned/)
    expectIgnored(parsePaddleEvent(adjustment({ action: "chargeback_warning" })), /no money has moved/)
    expectIgnored(parsePaddleEvent(adjustment({ action: "chargeback_reverse" })), /stays counted/)
    expectIgnored(parsePaddleEvent(adjustment({ action: "credit_reverse" })), /never counted/)
    expectIgnored(parsePaddleEvent(adjustment({ action: "something_new" })), /not a refund or chargeback/)
  })

  it("converts JPY refunds and ignores unreadable ones", () => {
    expect(parsePaddleEvent(adjustment({ currency_code: "JPY", totals: { total: "700", currency_code: "JPY" } }))).toMatchObject({
      currency: "JPY",
      refunds: [{ amount: "700" }],
    })
    expectIgnored(parsePaddleEvent(adjustment({ totals: { total: "0" } })), /nothing returned/)
    expectIgnored(parsePaddleEvent(adjustment({ totals: {} })), /totals.total is missing/)
    expectIgnored(parsePaddleEvent(adjustment({ transaction_id: null })), /transaction_id is null/)
    expectIgnored(parsePaddleEvent(adjustment({ currency_code: 5, totals: { total: "100" } })), /currency_code is 5/)
  })

  it("dates a refund by the event, else updated_at, else created_at", () => {
    const event = adjustment()
    delete event.occurred_at
    expect(parsePaddleEvent(event)).toMatchObject({ occurredAt: new Date("2023-08-21T14:10:08.425Z") })
    event.data.updated_at = "0001-01-01T00:00:00Z"
    expect(parsePaddleEvent(event)).toMatchObject({ occurredAt: new Date("2023-08-21T14:08:43.297Z") })
  })
})

describe("parsePaddleEvent: anything else", () => {
  it("ignores other event types, including inherited property names", () => {
    const subscription = completed()
    subscription.event_type = "subscription.created"
    expectIgnored(parsePaddleEvent(subscription), /unhandled event type subscription.created/)
    expectIgnored(parsePaddleEvent({ ...completed(), event_type: "constructor" }), /unhandled event type constructor/)
  })

  it("never throws on malformed input", () => {
    for (const input of [null, undefined, "txn", 42, [], {}, { event_type: 7 }, { event_type: "transaction.completed" }, { event_type: "adjustment.updated", data: [] }, hostile]) {
      expect(parsePaddleEvent(input).kind).toBe("ignored")
    }
    const hostileData = { event_type: "transaction.completed", data: hostile }
    expect(parsePaddleEvent(hostileData)).toEqual({ kind: "ignored", reason: expect.stringMatching(/malformed Paddle event: boom/) })
  })
})
