import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createPublishableKey } from "./helpers/keys"
import { paddleAdjustment, paddleId, paddleSignature, paddleTransaction } from "./helpers/paddle"

jest.setTimeout(180_000)

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let key: string
    let headers: Record<string, string>

    beforeEach(async () => {
      key = (await createPublishableKey(getContainer())).token
      headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
    })

    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows

    /** Posts a body as Paddle does; `signature: null` leaves the header out. */
    const postPaddle = (body: unknown, opts: { signature?: string | null } = {}) => {
      const payload = typeof body === "string" ? body : JSON.stringify(body)
      const signature = opts.signature === undefined ? paddleSignature(payload) : opts.signature
      return api
        .post("/attribution/webhooks/paddle", payload, {
          headers: { "content-type": "application/json", ...(signature ? { "paddle-signature": signature } : {}) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
    }
    const visit = async (visitor: string, url: string, ts: number) => {
      const event = { type: "pageview", visitor_id: visitor, session_id: paddleId("ses"), url, referrer: null, ts }
      const res = await api.post("/attribution/events", JSON.stringify({ key, events: [event] }), {
        headers: { "content-type": "text/plain", "user-agent": CHROME },
        transformRequest: [(d: unknown) => d],
      })
      expect(res.status).toBe(202)
      await getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE).flushEvents()
    }
    const revenue = async (query: string) => (await api.get(`/admin/attribution/revenue?${query}`, { headers })).data
    const payments = () =>
      sql(`select provider, provider_payment_id, amount::text as amount, refunded_amount::text as refunded, currency_code,
                  status, is_test, visitor_id, link_method, subscription_id, customer_id
             from attribution_payment order by occurred_at, created_at`)
    const count = async (table: string) => (await sql(`select count(*)::int as n from ${table}`))[0].n

    it("stores a completed transaction once at its grand_total; a redelivery and its transaction.paid change nothing", async () => {
      const id = paddleId("txn")
      const completed = paddleTransaction({ id, grandTotal: "65215", currency: "USD" })
      const res = await postPaddle(completed)
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ received: true, outcome: "payment" })
      expect((await postPaddle(completed)).data.outcome).toBe("duplicate")
      // The same transaction's other event converges on the txn_ row.
      expect((await postPaddle(paddleTransaction({ id, grandTotal: "65215", currency: "USD", eventType: "transaction.paid" }))).status).toBe(200)

      expect(await payments()).toEqual([
        expect.objectContaining({ provider: "paddle", provider_payment_id: id, amount: "652.15", refunded: "0", currency_code: "USD", status: "paid", is_test: false, customer_id: "ctm_01h8e18bxp9hby49dnm8ewf0m0" }),
      ])
      expect(await count("attribution_webhook_delivery")).toBe(2)
      expect((await revenue("currency=USD")).totals).toMatchObject({ revenue: 652.15, payments: 1 })
    })

    it("converts JPY (no decimals) and KWD (three decimals) with the currency's exponent", async () => {
      await postPaddle(paddleTransaction({ id: paddleId("txn"), grandTotal: "1500", currency: "JPY" }))
      await postPaddle(paddleTransaction({ id: paddleId("txn"), grandTotal: "12345", currency: "KWD" }))
      const rows = (await payments()).map((p: any) => [p.currency_code, p.amount]).sort()
      expect(rows).toEqual([["JPY", "1500"], ["KWD", "12.345"]])
      expect((await revenue("currency=JPY")).totals.revenue).toBe(1500)
    })

    it("answers 400 for a missing, malformed, wrongly keyed, stale or tampered signature and for a signed non-event, storing nothing", async () => {
      const body = paddleTransaction({ id: paddleId("txn"), grandTotal: "1000", currency: "USD" })
      const payload = JSON.stringify(body)
      const rejected = [
        await postPaddle(body, { signature: null }),
        await postPaddle(body, { signature: "ts=1;h1=deadbeef" }),
        await postPaddle(body, { signature: paddleSignature(payload, "pdl_ntfset_wrong") }),
        await postPaddle(body, { signature: paddleSignature(payload, undefined, Math.floor(Date.now() / 1000) - 3600) }),
        await postPaddle(payload.replace('"1000"', '"9000"'), { signature: paddleSignature(payload) }),
      ]
      expect(rejected.map((r) => [r.status, r.data.type])).toEqual(Array(5).fill([400, "invalid_signature"]))
      expect(rejected[3].data.message).toMatch(/more than 300 seconds old/)
      // The secret never appears in an answer.
      expect(JSON.stringify(rejected.map((r) => r.data))).not.toContain("pdl_ntfset_http_test_secret")

      const notJson = await postPaddle("{not json")
      expect([notJson.status, notJson.data.type]).toEqual([400, "invalid_data"])
      const notEvent = await postPaddle({ data: body.data })
      expect(notEvent.status).toBe(400)
      expect(notEvent.data.message).toMatch(/event_id and an event_type/)

      expect(await payments()).toEqual([])
      expect(await count("attribution_webhook_delivery")).toBe(0)
    })

    it("nets an approved refund adjustment once, after ignoring it while pending", async () => {
      const txn = paddleId("txn")
      const adj = paddleId("adj")
      await postPaddle(paddleTransaction({ id: txn, grandTotal: "10000", currency: "USD" }))
      const pending = await postPaddle(paddleAdjustment({ id: adj, transactionId: txn, total: "3000", currency: "USD", status: "pending_approval", eventType: "adjustment.created" }))
      expect(pending.data).toMatchObject({ outcome: "ignored", reason: expect.stringMatching(/pending_approval/) })

      const approved = paddleAdjustment({ id: adj, transactionId: txn, total: "3000", currency: "USD" })
      expect((await postPaddle(approved)).data.outcome).toBe("refund")
      expect((await postPaddle(approved)).data.outcome).toBe("duplicate")
      // Another notification of the same approved adjustment: same refund id, nothing added.
      expect((await postPaddle(paddleAdjustment({ id: adj, transactionId: txn, total: "3000", currency: "USD" }))).data.outcome).toBe("refund")
      // A credit returns no money.
      const credit = await postPaddle(paddleAdjustment({ id: paddleId("adj"), transactionId: txn, total: "500", currency: "USD", action: "credit" }))
      expect(credit.data.outcome).toBe("ignored")

      expect(await payments()).toEqual([expect.objectContaining({ amount: "100.00", refunded: "30.00", status: "partially_refunded" })])
      expect(await sql(`select provider_refund_id, amount::text as amount from attribution_refund`)).toEqual([{ provider_refund_id: adj, amount: "30.00" }])
      expect((await revenue("currency=USD")).totals).toMatchObject({ revenue: 100, refunded: 30, net_revenue: 70 })

      // A chargeback takes the rest back.
      await postPaddle(paddleAdjustment({ id: paddleId("adj"), transactionId: txn, total: "7000", currency: "USD", action: "chargeback", eventType: "adjustment.created" }))
      expect((await revenue("currency=USD")).totals).toMatchObject({ refunded: 100, net_revenue: 0 })
    })

    it("answers an error for a refund whose transaction is unknown, so Paddle retries it once the transaction is in", async () => {
      const txn = paddleId("txn")
      const refund = paddleAdjustment({ id: paddleId("adj"), transactionId: txn, total: "500", currency: "USD" })
      const early = await postPaddle(refund)
      expect(early.status).toBe(404)
      expect(await count("attribution_webhook_delivery")).toBe(0)

      await postPaddle(paddleTransaction({ id: txn, grandTotal: "2000", currency: "USD" }))
      expect((await postPaddle(refund)).data.outcome).toBe("refund")
      expect(await payments()).toEqual([expect.objectContaining({ amount: "20.00", refunded: "5.00" })])
    })

    it("links a transaction to the visitor named in custom_data and credits the visit's channel", async () => {
      const vid = paddleId("vis")
      await visit(vid, "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=launch", Date.now() - 3600_000)
      const res = await postPaddle(paddleTransaction({ id: paddleId("txn"), grandTotal: "4900", currency: "USD", customData: { attribution_visitor_id: vid, plan: "pro" } }))
      expect(res.data.outcome).toBe("payment")
      expect(await payments()).toEqual([expect.objectContaining({ visitor_id: vid, link_method: "metadata" })])
      const [{ plan }] = await sql(`select metadata->>'plan' as plan from attribution_payment`)
      expect(plan).toBe("pro")
      const report = await revenue("group_by=channel&currency=USD")
      expect(report.rows.find((r: any) => r.key === "Paid Search")).toMatchObject({ revenue: 49, payments: 1, visitors: 1 })
    })

    it("links renewals to the subscription's visitor, with custom_data copied by Paddle or without it", async () => {
      const vid = paddleId("vis")
      const sub = paddleId("sub")
      await visit(vid, "https://shop.example/?utm_source=newsletter&utm_medium=email", Date.now() - 3 * 24 * 3600_000)
      const customData = { attribution_visitor_id: vid }
      const day = (n: number) => new Date(Date.now() - n * 24 * 3600_000)
      await postPaddle(paddleTransaction({ id: paddleId("txn"), grandTotal: "1000", currency: "USD", customData, subscriptionId: sub, at: day(2) }))
      await postPaddle(paddleTransaction({ id: paddleId("txn"), grandTotal: "1000", currency: "USD", customData, subscriptionId: sub, origin: "subscription_recurring", at: day(1) }))
      await postPaddle(paddleTransaction({ id: paddleId("txn"), grandTotal: "1000", currency: "USD", subscriptionId: sub, origin: "subscription_recurring" }))

      const rows = (await payments()).map((p: any) => [p.subscription_id, p.visitor_id, p.amount])
      expect(rows).toEqual(Array(3).fill([sub, vid, "10.00"]))
      const report = await revenue("group_by=channel&currency=USD")
      expect(report.rows.find((r: any) => r.key === "Email")).toMatchObject({ revenue: 30, payments: 3 })
    })
  },
})
