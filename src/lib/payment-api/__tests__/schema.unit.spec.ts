import { checkAmount, describeFieldIssues, parsePaymentBody, parseRefundBody } from "../schema"

const NOW = new Date("2026-11-22T12:00:00Z")
const base = { provider: "stripe", providerPaymentId: "pi_1", amount: 99.99, currency: "usd" }

const message = (body: unknown) => {
  const r = parsePaymentBody(body, NOW)
  return r.ok ? null : describeFieldIssues(r.issues)
}

describe("payment API body", () => {
  it("normalises a valid body", () => {
    const r = parsePaymentBody(
      { ...base, provider: "Stripe", currency: " usd ", customerEmail: " A@Example.com ", occurredAt: "2026-11-22T10:00:00+02:00", metadata: { plan: "pro", seats: 3, trial: false } },
      NOW
    )
    expect(r).toEqual({
      ok: true,
      value: {
        provider: "stripe",
        providerPaymentId: "pi_1",
        amount: "99.99",
        currency: "USD",
        visitorId: null,
        sessionId: null,
        customerEmail: "A@Example.com",
        occurredAt: new Date("2026-11-22T08:00:00Z"),
        orderId: null,
        metadata: { plan: "pro", seats: 3, trial: false },
      },
    })
  })

  it("reads amounts exactly at the currency's precision", () => {
    expect(checkAmount(99.99, "USD")).toEqual({ minor: 9999n, major: "99.99" })
    expect(checkAmount("10.5", "USD")).toEqual({ minor: 1050n, major: "10.50" })
    expect(checkAmount(1500, "JPY")).toEqual({ minor: 1500n, major: "1500" })
    expect(checkAmount("1500.00", "JPY")).toEqual({ minor: 1500n, major: "1500" })
    expect(checkAmount("12.345", "KWD")).toEqual({ minor: 12345n, major: "12.345" })
    expect(checkAmount("10.5", "JPY")).toEqual({ error: "JPY has no decimals, got 10.5" })
    expect(checkAmount("1.2345", "KWD")).toEqual({ error: "KWD allows at most 3 decimals, got 1.2345" })
    expect(checkAmount(0.1 + 0.2, "USD")).toEqual({ error: "USD allows at most 2 decimals, got 0.30000000000000004" })
    expect(checkAmount(0, "USD")).toEqual({ error: "must be greater than 0" })
    expect(checkAmount("-1", "USD")).toEqual({ error: "must be greater than 0" })
    expect(checkAmount("0.00", "USD")).toEqual({ error: "must be greater than 0" })
    expect(checkAmount("1,00", "USD")).toHaveProperty("error")
    expect(checkAmount("1e3", "USD")).toHaveProperty("error")
    expect(checkAmount(Infinity, "USD")).toHaveProperty("error")
    expect(checkAmount(1e21, "USD")).toEqual({ error: "must be at most 9999999999999.99" })
  })

  it("names every bad field, in the body's order", () => {
    expect(message({ ...base, provider: "Bad name!", amount: "10.5", currency: "jpy" })).toBe(
      "provider: must be 1 to 64 characters from a-z, 0-9, _ and - (like stripe); amount: JPY has no decimals, got 10.5"
    )
    expect(message({ ...base, amount: "abc", currency: "XYZ" })).toBe(
      'amount: must be a decimal number in major units, like "99.99"; currency: XYZ is not an ISO 4217 currency code'
    )
    expect(message({})).toBe("provider: is required; providerPaymentId: is required; amount: is required; currency: is required")
  })

  it("refuses unknown fields by name", () => {
    expect(message({ ...base, foo: 1, bar: 2 })).toBe("foo: is not a field of this request; bar: is not a field of this request")
  })

  it("clamps the future to now and takes ids from metadata", () => {
    const r = parsePaymentBody({ ...base, occurredAt: "2030-01-01T00:00:00Z", metadata: { attribution_visitor_id: "vis_0123456789abcdef", session_id: "ses_0123456789abcdef" } }, NOW)
    expect(r.ok && r.value.occurredAt).toEqual(NOW)
    expect(r.ok && [r.value.visitorId, r.value.sessionId]).toEqual(["vis_0123456789abcdef", "ses_0123456789abcdef"])
  })

  it("checks a refund's amount form before the payment is known", () => {
    expect(parseRefundBody({ provider: "stripe", providerPaymentId: "pi_1", amount: "abc" })).toEqual({
      ok: false,
      issues: [{ field: "amount", message: 'must be a decimal number in major units, like "99.99"' }],
    })
    expect(parseRefundBody({ provider: "stripe", providerPaymentId: "pi_1", amount: 5, refundId: "re_1" })).toEqual({
      ok: true,
      value: { provider: "stripe", providerPaymentId: "pi_1", amount: 5, refundId: "re_1" },
    })
  })
})
