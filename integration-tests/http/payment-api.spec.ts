import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { hashEmail } from "../../src/core/identity"
import { createPublishableKey, createSecretKey, revokeKey } from "./helpers/keys"

jest.setTimeout(120_000)

const VISITOR = "vis_payment_api_0001"
const SESSION = "ses_payment_api_0001"

const payment = (over: Record<string, unknown> = {}) => ({
  provider: "stripe",
  providerPaymentId: "pi_1234567890",
  amount: 99.99,
  currency: "usd",
  visitorId: VISITOR,
  sessionId: SESSION,
  customerEmail: "Customer@Example.com",
  occurredAt: "2026-01-22T10:00:00Z",
  orderId: "order_42",
  metadata: { plan: "pro" },
  ...over,
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let secret: string

    beforeEach(async () => {
      secret = (await createSecretKey(getContainer())).token
    })

    const post = (path: string, body: unknown, headers: Record<string, string | undefined> = {}) =>
      api
        .post(path, typeof body === "string" ? body : JSON.stringify(body), {
          headers: { "content-type": "application/json", authorization: `Bearer ${secret}`, ...headers },
          // Send the body as written (a string stays a string); a header set to undefined is not sent.
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)

    const pay = (body: unknown, headers: Record<string, string | undefined> = {}) => post("/attribution/v1/payments", body, headers)
    const refund = (body: unknown, headers: Record<string, string | undefined> = {}) => post("/attribution/v1/refunds", body, headers)

    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows
    const counts = async () => {
      const [row] = await sql(`select
        (select count(*) from attribution_payment)::int as payments,
        (select count(*) from attribution_refund)::int as refunds`)
      return row
    }
    const storedPayments = () =>
      sql(`select id, provider, provider_payment_id, amount::text as amount, refunded_amount::text as refunded_amount,
             currency_code, status from attribution_payment order by created_at`)

    describe("authentication", () => {
      const failures: [string, () => Promise<Record<string, string | undefined>>, RegExp][] = [
        ["no Authorization header", async () => ({ authorization: undefined }), /required/],
        ["a Basic header", async () => ({ authorization: "Basic dXNlcjpwYXNz" }), /Bearer/],
        ["Bearer with no token", async () => ({ authorization: "Bearer " }), /Bearer/],
        ["a publishable key", async () => ({ authorization: `Bearer ${(await createPublishableKey(getContainer())).token}` }), /publishable/],
        ["an unknown secret key", async () => ({ authorization: `Bearer sk_${"0".repeat(64)}` }), /unknown, revoked/],
        [
          "a revoked secret key",
          async () => {
            const key = await createSecretKey(getContainer(), "old")
            await revokeKey(getContainer(), key.id)
            return { authorization: `Bearer ${key.token}` }
          },
          /unknown, revoked/,
        ],
      ]

      it.each(failures)("answers 401 for %s on both routes and stores nothing", async (_name, headers, message) => {
        const h = await headers()
        for (const send of [pay, refund]) {
          // An invalid body too: the key is checked before the body is looked at.
          for (const body of [payment(), { nonsense: true }]) {
            const res = await send(body, h)
            expect(res.status).toBe(401)
            expect(res.data).toEqual({ type: "unauthorized", message: expect.stringMatching(message) })
            expect(res.headers["www-authenticate"]).toMatch(/^Bearer/)
            const token = h.authorization?.split(" ")[1]
            if (token) expect(res.data.message).not.toContain(token)
          }
        }
        expect(await counts()).toEqual({ payments: 0, refunds: 0 })
      })

      it("accepts the scheme in any case", async () => {
        expect((await pay(payment(), { authorization: `bearer ${secret}` })).status).toBe(201)
      })
    })

    describe("POST /attribution/v1/payments", () => {
      it("records a payment: 201 with the exact amount, no email, and the stored row", async () => {
        const res = await pay(payment())
        expect(res.status).toBe(201)
        expect(res.data).toEqual({
          payment: {
            id: expect.stringMatching(/^apay_/),
            provider: "stripe",
            provider_payment_id: "pi_1234567890",
            order_id: "order_42",
            amount: 99.99,
            refunded_amount: 0,
            currency: "USD",
            status: "paid",
            visitor_id: VISITOR,
            session_id: SESSION,
            link_method: "metadata",
            occurred_at: "2026-01-22T10:00:00.000Z",
            is_test: false,
          },
        })
        expect(JSON.stringify(res.data).toLowerCase()).not.toContain("customer@example.com")
        expect(JSON.stringify(res.data)).not.toContain(hashEmail("customer@example.com"))

        const [row] = await sql(`select *, amount::text as amount, refunded_amount::text as refunded_amount from attribution_payment`)
        expect(row).toMatchObject({
          id: res.data.payment.id,
          provider: "stripe",
          provider_payment_id: "pi_1234567890",
          order_id: "order_42",
          amount: "99.99",
          refunded_amount: "0",
          currency_code: "USD",
          status: "paid",
          is_test: false,
          visitor_id: VISITOR,
          session_id: SESSION,
          link_method: "metadata",
          customer_email: "customer@example.com",
          customer_email_hash: hashEmail("customer@example.com"),
          metadata: { plan: "pro" },
        })
        expect(new Date(row.occurred_at).toISOString()).toBe("2026-01-22T10:00:00.000Z")
      })

      it("answers a repeat with 200 and the same payment, one row, totals unchanged", async () => {
        const first = await pay(payment())
        const again = await pay(payment({ amount: 500, currency: "EUR" }))
        expect(again.status).toBe(200)
        expect(again.data.payment).toEqual(first.data.payment)
        expect(await storedPayments()).toEqual([
          expect.objectContaining({ id: first.data.payment.id, amount: "99.99", refunded_amount: "0", currency_code: "USD" }),
        ])
        // The provider is compared lower-cased.
        expect((await pay(payment({ provider: "Stripe" }))).status).toBe(200)
        expect((await counts()).payments).toBe(1)
      })

      it("takes number and string amounts exactly", async () => {
        const a = await pay(payment({ providerPaymentId: "p_number", amount: 0.1 }))
        const b = await pay(payment({ providerPaymentId: "p_string", amount: "1234567.89" }))
        const c = await pay(payment({ providerPaymentId: "p_trailing", amount: "10.5" }))
        expect([a.status, b.status, c.status]).toEqual([201, 201, 201])
        expect([a.data.payment.amount, b.data.payment.amount, c.data.payment.amount]).toEqual([0.1, 1234567.89, 10.5])
        expect((await storedPayments()).map((p: any) => p.amount)).toEqual(["0.10", "1234567.89", "10.50"])
      })

      it("handles JPY (no decimals) and KWD (three)", async () => {
        const yen = await pay(payment({ providerPaymentId: "p_jpy", amount: 1500, currency: "jpy" }))
        expect(yen.status).toBe(201)
        expect(yen.data.payment).toMatchObject({ amount: 1500, currency: "JPY" })
        const dinar = await pay(payment({ providerPaymentId: "p_kwd", amount: "12.345", currency: "KWD" }))
        expect(dinar.status).toBe(201)
        expect(dinar.data.payment).toMatchObject({ amount: 12.345, currency: "KWD" })
        expect((await storedPayments()).map((p: any) => [p.amount, p.currency_code])).toEqual([
          ["1500", "JPY"],
          ["12.345", "KWD"],
        ])

        const badYen = await pay(payment({ providerPaymentId: "p_jpy2", amount: "10.5", currency: "JPY" }))
        expect(badYen.status).toBe(400)
        expect(badYen.data.message).toBe("amount: JPY has no decimals, got 10.5")
        const badDinar = await pay(payment({ providerPaymentId: "p_kwd2", amount: "1.2345", currency: "KWD" }))
        expect(badDinar.status).toBe(400)
        expect(badDinar.data.message).toBe("amount: KWD allows at most 3 decimals, got 1.2345")
        expect((await counts()).payments).toBe(2)
      })

      const invalid: [string, Record<string, unknown>, RegExp][] = [
        ["provider missing", { provider: undefined }, /^provider: is required$/],
        ["provider with spaces", { provider: "my shop" }, /^provider: must be 1 to 64 characters/],
        ["provider too long", { provider: "a".repeat(65) }, /^provider: /],
        ["providerPaymentId missing", { providerPaymentId: undefined }, /^providerPaymentId: is required$/],
        ["providerPaymentId empty", { providerPaymentId: "" }, /^providerPaymentId: must not be empty$/],
        ["providerPaymentId too long", { providerPaymentId: "x".repeat(256) }, /^providerPaymentId: must be at most 255 characters$/],
        ["amount missing", { amount: undefined }, /^amount: is required$/],
        ["amount zero", { amount: 0 }, /^amount: must be greater than 0$/],
        ["amount negative", { amount: "-5.00" }, /^amount: must be greater than 0$/],
        ["amount not a number", { amount: "12,50" }, /^amount: must be a decimal number/],
        ["amount a boolean", { amount: true }, /^amount: must be a number or a decimal string/],
        ["amount with three decimals in USD", { amount: "1.005" }, /^amount: USD allows at most 2 decimals, got 1\.005$/],
        ["amount as an inexact float", { amount: 0.1 + 0.2 }, /^amount: USD allows at most 2 decimals/],
        ["currency missing", { currency: undefined }, /^currency: is required$/],
        ["currency unknown", { currency: "XYZ" }, /^currency: XYZ is not an ISO 4217 currency code$/],
        ["currency malformed", { currency: "dollars" }, /^currency: must be a three-letter ISO 4217 code/],
        ["visitorId malformed", { visitorId: "visitor 123" }, /^visitorId: must be 1 to 64 characters/],
        ["visitorId too long", { visitorId: "v".repeat(65) }, /^visitorId: /],
        ["sessionId malformed", { sessionId: "s/1" }, /^sessionId: must be 1 to 64 characters/],
        ["customerEmail invalid", { customerEmail: "not-an-email" }, /^customerEmail: must be an email address$/],
        ["occurredAt not a date", { occurredAt: "yesterday" }, /^occurredAt: must be an ISO 8601 date-time/],
        ["occurredAt without a time zone", { occurredAt: "2026-01-22T10:00:00" }, /^occurredAt: /],
        ["occurredAt as a number", { occurredAt: 1763800000000 }, /^occurredAt: /],
        ["orderId too long", { orderId: "o".repeat(256) }, /^orderId: must be at most 255 characters$/],
        ["metadata an array", { metadata: ["a"] }, /^metadata: must be a flat object/],
        ["metadata nested", { metadata: { a: { b: 1 } } }, /^metadata\.a: must be a string of at most 500 characters, a number or a boolean$/],
        ["metadata value too long", { metadata: { note: "x".repeat(501) } }, /^metadata\.note: /],
        ["metadata null value", { metadata: { a: null } }, /^metadata\.a: /],
        ["metadata with 51 keys", { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) }, /^metadata: must have at most 50 keys$/],
        ["an unknown field", { customer_email: "a@b.co" }, /^customer_email: is not a field of this request$/],
      ]
      it.each(invalid)("answers 400 naming the field for %s, storing nothing", async (_name, over, message) => {
        const res = await pay(payment(over))
        expect(res.status).toBe(400)
        expect(res.data.type).toBe("invalid_data")
        expect(res.data.message).toMatch(message)
        expect(await counts()).toEqual({ payments: 0, refunds: 0 })
      })

      it("names every bad field at once", async () => {
        const res = await pay(payment({ amount: "abc", currency: "XYZ", foo: 1 }))
        expect(res.status).toBe(400)
        expect(res.data.message).toBe(
          'amount: must be a decimal number in major units, like "99.99"; currency: XYZ is not an ISO 4217 currency code; foo: is not a field of this request'
        )
        expect(res.data.errors.map((e: any) => e.field)).toEqual(["amount", "currency", "foo"])
      })

      it.each([
        ["text that is not JSON", "{not json", "application/json"],
        ["a JSON array", "[]", "application/json"],
        ["JSON sent as text/plain", JSON.stringify({ provider: "stripe" }), "text/plain"],
        ["a form body", "provider=stripe&amount=1", "application/x-www-form-urlencoded"],
      ])("answers 400 for %s", async (_name, body, type) => {
        const res = await pay(body, { "content-type": type })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/JSON/)
        expect(await counts()).toEqual({ payments: 0, refunds: 0 })
      })

      it("refuses a body over 100 KB with 413", async () => {
        const res = await pay(payment({ metadata: { note: "x".repeat(150_000) } }))
        expect(res.status).toBe(413)
        expect(await counts()).toEqual({ payments: 0, refunds: 0 })
      })

      it("links by the metadata keys when the ids are not given directly", async () => {
        const metadata = { attribution_visitor_id: "vis_from_metadata_0001", sessionId: "ses_from_metadata_0001", plan: "pro" }
        const res = await pay(payment({ visitorId: undefined, sessionId: undefined, metadata }))
        expect(res.status).toBe(201)
        expect(res.data.payment).toMatchObject({ visitor_id: "vis_from_metadata_0001", session_id: "ses_from_metadata_0001", link_method: "metadata" })
        // Direct ids win over metadata.
        const direct = await pay(payment({ providerPaymentId: "pi_direct", metadata }))
        expect(direct.data.payment).toMatchObject({ visitor_id: VISITOR, session_id: SESSION })
        const [row] = await sql(`select metadata from attribution_payment where id = ?`, [res.data.payment.id])
        expect(row.metadata).toEqual(metadata)
      })

      it("records a payment without visitor: unlinked ids, time defaults to now, the future is clamped", async () => {
        const before = Date.now()
        const bare = await pay({ provider: "custom-checkout", providerPaymentId: "order-1", amount: "20", currency: "EUR" })
        expect(bare.status).toBe(201)
        expect(bare.data.payment).toMatchObject({ provider: "custom-checkout", amount: 20, currency: "EUR", visitor_id: null, session_id: null, order_id: null })
        expect(new Date(bare.data.payment.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000)

        const future = await pay(payment({ providerPaymentId: "pi_future", occurredAt: "2999-01-01T00:00:00Z" }))
        expect(future.status).toBe(201)
        expect(new Date(future.data.payment.occurred_at).getTime()).toBeLessThanOrEqual(Date.now())
        expect(new Date(future.data.payment.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000)
      })
    })

    describe("POST /attribution/v1/refunds", () => {
      const recordPayment = async (over: Record<string, unknown> = {}) => {
        const res = await pay(payment(over))
        expect(res.status).toBe(201)
        return res.data.payment
      }

      it("answers 404 for an unknown payment and stores nothing", async () => {
        const res = await refund({ provider: "stripe", providerPaymentId: "pi_unknown", amount: 10, refundId: "re_1" })
        expect(res.status).toBe(404)
        expect(res.data.message).toMatch(/pi_unknown/)
        expect(await counts()).toEqual({ payments: 0, refunds: 0 })
      })

      it("records a partial then a full refund, and a repeated refundId changes nothing", async () => {
        const p = await recordPayment()
        const first = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: "30.00", refundId: "re_1" })
        expect(first.status).toBe(201)
        expect(first.data).toEqual({
          refund: { id: expect.stringMatching(/^aref_/), payment_id: p.id, amount: 30, currency: "USD", refund_id: "re_1" },
          payment: { ...p, refunded_amount: 30, status: "partially_refunded" },
        })

        const again = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 30, refundId: "re_1" })
        expect(again.status).toBe(200)
        expect(again.data).toEqual(first.data)

        const rest = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 69.99, refundId: "re_2" })
        expect(rest.status).toBe(201)
        expect(rest.data.payment).toMatchObject({ refunded_amount: 99.99, status: "refunded" })

        // A retry of the first refund after the payment is fully refunded is still a 200.
        expect((await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 30, refundId: "re_1" })).status).toBe(200)

        expect(await storedPayments()).toEqual([expect.objectContaining({ amount: "99.99", refunded_amount: "99.99", status: "refunded" })])
        const refunds = await sql(`select provider, provider_refund_id, amount::text as amount, currency_code from attribution_refund order by provider_refund_id`)
        expect(refunds).toEqual([
          { provider: "stripe", provider_refund_id: "re_1", amount: "30.00", currency_code: "USD" },
          { provider: "stripe", provider_refund_id: "re_2", amount: "69.99", currency_code: "USD" },
        ])
      })

      it("refuses a refund larger than what is left, naming amount", async () => {
        await recordPayment()
        const over = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 100, refundId: "re_big" })
        expect(over.status).toBe(400)
        expect(over.data.message).toBe("amount: 100.00 USD is more than the 99.99 USD left to refund on this payment")

        await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 90, refundId: "re_1" })
        const tooMuch = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 10, refundId: "re_2" })
        expect(tooMuch.status).toBe(400)
        expect(tooMuch.data.message).toMatch(/^amount: .*9\.99 USD left/)
        expect(await storedPayments()).toEqual([expect.objectContaining({ refunded_amount: "90.00" })])
        expect((await counts()).refunds).toBe(1)
      })

      it("records a refund without refundId under a generated id (a retry counts twice)", async () => {
        await recordPayment()
        const a = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 10 })
        const b = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 10 })
        expect([a.status, b.status]).toEqual([201, 201])
        expect(a.data.refund.refund_id).toMatch(/^api_/)
        expect(b.data.refund.refund_id).not.toBe(a.data.refund.refund_id)
        expect(b.data.payment.refunded_amount).toBe(20)
      })

      it("answers 409 when a refundId is reused for another amount", async () => {
        await recordPayment()
        await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 10, refundId: "re_1" })
        const reused = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 11, refundId: "re_1" })
        expect(reused.status).toBe(409)
        expect(reused.data.message).toMatch(/re_1/)
        expect(await storedPayments()).toEqual([expect.objectContaining({ refunded_amount: "10.00" })])
      })

      it("checks the amount in the payment's currency", async () => {
        await recordPayment({ providerPaymentId: "p_kwd", amount: "12.345", currency: "KWD" })
        const bad = await refund({ provider: "stripe", providerPaymentId: "p_kwd", amount: "1.2345" })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toBe("amount: KWD allows at most 3 decimals, got 1.2345")
        const ok = await refund({ provider: "stripe", providerPaymentId: "p_kwd", amount: "0.005", refundId: "re_kwd" })
        expect(ok.status).toBe(201)
        expect(ok.data.refund).toMatchObject({ amount: 0.005, currency: "KWD" })
        expect(ok.data.payment).toMatchObject({ refunded_amount: 0.005, status: "partially_refunded" })
      })

      it.each([
        ["provider missing", { provider: undefined }, /^provider: is required$/],
        ["providerPaymentId empty", { providerPaymentId: "" }, /^providerPaymentId: /],
        ["amount missing", { amount: undefined }, /^amount: is required$/],
        ["amount negative", { amount: -1 }, /^amount: must be greater than 0$/],
        ["refundId too long", { refundId: "r".repeat(256) }, /^refundId: must be at most 255 characters$/],
        ["an unknown field", { currency: "USD" }, /^currency: is not a field of this request$/],
      ])("answers 400 naming the field for %s", async (_name, over, message) => {
        await recordPayment()
        const res = await refund({ provider: "stripe", providerPaymentId: "pi_1234567890", amount: 10, refundId: "re_1", ...over })
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
        expect((await counts()).refunds).toBe(0)
      })
    })
  },
})
