import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createPublishableKey } from "./helpers/keys"
import { polarHeaders, polarOrderEvent, polarWebhookId, type PolarScheme } from "./helpers/polar"

jest.setTimeout(180_000)

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
let n = 0
const uid = (p: string) => `${p}_${Date.now().toString(36)}${(n++).toString(36)}`.padEnd(20, "0")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let key: string
    let headers: Record<string, string>

    beforeEach(async () => {
      key = (await createPublishableKey(getContainer())).token
      headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
    })

    const service = () => getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const sql = async (q: string, params: (string | number)[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows

    type PostOptions = { scheme?: PolarScheme; secret?: string; id?: string; timestamp?: number; headers?: Record<string, string> }
    /** Posts a Polar delivery signed as Polar would (legacy scheme unless told), or with the given headers. */
    const postPolar = (body: unknown, o: PostOptions = {}) => {
      const payload = typeof body === "string" ? body : JSON.stringify(body)
      return api
        .post("/attribution/webhooks/polar", payload, {
          headers: { "content-type": "application/json", ...(o.headers ?? polarHeaders(payload, o)) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
    }
    const visit = async (visitor: string, url: string) => {
      const res = await api.post(
        "/attribution/events",
        JSON.stringify({ key, events: [{ type: "pageview", visitor_id: visitor, session_id: uid("ses"), url, referrer: null, ts: Date.now() - 3600_000 }] }),
        { headers: { "content-type": "text/plain", "user-agent": CHROME }, transformRequest: [(d: unknown) => d] }
      )
      expect(res.status).toBe(202)
      await service().flushEvents()
    }
    const revenue = async (query: string) => (await api.get(`/admin/attribution/revenue?${query}`, { headers })).data
    const payments = () =>
      sql(`select provider, provider_payment_id, amount::text as amount, refunded_amount::text as refunded, currency_code,
                  status, is_test, visitor_id, link_method, subscription_id, customer_id from attribution_payment order by occurred_at, created_at`)
    const deliveries = async () => (await sql(`select count(*)::int as d from attribution_webhook_delivery where provider = 'polar'`))[0].d

    it("stores order.paid once with its exact amount, linked by metadata; a redelivery is a no-op", async () => {
      const vid = uid("vis")
      await visit(vid, "https://shop.example/?utm_source=google&utm_medium=cpc")
      const paid = JSON.stringify(polarOrderEvent("order.paid", { id: uid("ord"), total: 4999, currency: "usd", metadata: { attribution_visitor_id: vid } }))
      const webhookId = polarWebhookId()

      const first = await postPolar(paid, { id: webhookId })
      expect(first.status).toBe(200)
      expect(first.data).toMatchObject({ received: true, outcome: "payment" })
      // Polar retries an event with the same webhook-id (signed afresh): nothing changes.
      expect((await postPolar(paid, { id: webhookId })).data.outcome).toBe("duplicate")
      // The same order in another event converges on its row.
      expect((await postPolar(paid)).data.outcome).toBe("payment")

      expect(await payments()).toEqual([
        expect.objectContaining({ provider: "polar", amount: "49.99", currency_code: "USD", visitor_id: vid, link_method: "metadata", is_test: false, customer_id: "usr_1337" }),
      ])
      expect(await deliveries()).toBe(2)
      const report = await revenue("group_by=channel&currency=USD")
      expect(report.rows.find((r: any) => r.key === "Paid Search")).toMatchObject({ revenue: 49.99, payments: 1 })
    })

    it("verifies both of Polar's secret schemes, and reads zero-decimal currencies", async () => {
      const legacy = await postPolar(polarOrderEvent("order.paid", { id: uid("ord"), total: 1500, currency: "jpy" }), { scheme: "legacy" })
      expect(legacy.status).toBe(200)
      const standard = await postPolar(polarOrderEvent("order.paid", { id: uid("ord"), total: 1250, currency: "eur" }), { scheme: "standard" })
      expect(standard.status).toBe(200)
      // The whsec_ secret signed as a legacy secret (the whole string as the key) is accepted too.
      const legacyWhsec = await postPolar(polarOrderEvent("order.paid", { id: uid("ord"), total: 1, currency: "usd" }), {
        scheme: "legacy",
        secret: "whsec_cG9sYXItc3RhbmRhcmQtaHR0cC10ZXN0LWtleQ==",
      })
      expect(legacyWhsec.status).toBe(200)
      const rows = (await payments()).map((p: any) => [p.currency_code, p.amount])
      expect(rows).toEqual([["JPY", "1500"], ["EUR", "12.50"], ["USD", "0.01"]])
    })

    it("ignores order.created (the order may be pending) and other events", async () => {
      const created = await postPolar(polarOrderEvent("order.created", { id: uid("ord"), total: 1000, currency: "usd", status: "pending" }))
      expect(created.status).toBe(200)
      expect(created.data).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("pending") })
      const refundCreated = await postPolar({ type: "refund.created", timestamp: new Date().toISOString(), data: { id: uid("ref"), amount: 100 } })
      expect(refundCreated.data.outcome).toBe("ignored")
      expect(await payments()).toEqual([])
    })

    it("answers 400 for a missing, wrong, stale or tampered signature and for signed non-events, storing nothing", async () => {
      const body = JSON.stringify(polarOrderEvent("order.paid", { id: uid("ord"), total: 1000, currency: "usd" }))
      const answers = [
        await postPolar(body, { headers: {} }),
        await postPolar(body, { headers: { ...polarHeaders(body), "webhook-signature": "" } }),
        await postPolar(body, { secret: "polar_wrong_secret" }),
        await postPolar(body, { scheme: "standard", secret: "whsec_d3Jvbmcta2V5LWZvci1wb2xhcg==" }),
        await postPolar(body, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
        await postPolar(body.replace('"total_amount":1000', '"total_amount":9000'), { headers: polarHeaders(body) }),
      ]
      expect(answers.map((a) => [a.status, a.data.type])).toEqual(Array(6).fill([400, "invalid_signature"]))
      expect(answers[4].data.message).toMatch(/5 minutes/)

      const notAnEvent = await postPolar(JSON.stringify({ hello: "world" }))
      expect([notAnEvent.status, notAnEvent.data.type]).toEqual([400, "invalid_data"])
      const notJson = await postPolar('"just a string"')
      expect(notJson.status).toBe(400)

      expect(await payments()).toEqual([])
      expect(await deliveries()).toBe(0)
    })

    it("nets a partial then a full refund from order.refunded, once each", async () => {
      const order = { id: uid("ord"), total: 10000, currency: "usd" }
      await postPolar(polarOrderEvent("order.paid", order))
      const partial = JSON.stringify(polarOrderEvent("order.refunded", { ...order, status: "partially_refunded", refunded: 2500 }))
      const partialId = polarWebhookId()
      expect((await postPolar(partial, { id: partialId })).data.outcome).toBe("refund")
      expect(await payments()).toEqual([expect.objectContaining({ refunded: "25.00", status: "partially_refunded" })])

      // The same delivery again, and the same total in a later event, add nothing.
      expect((await postPolar(partial, { id: partialId })).data.outcome).toBe("duplicate")
      expect((await postPolar(partial)).data.outcome).toBe("refund")
      await postPolar(polarOrderEvent("order.refunded", { ...order, status: "refunded", refunded: 10000 }))
      expect(await payments()).toEqual([expect.objectContaining({ amount: "100.00", refunded: "100.00", status: "refunded" })])
      const [{ refunds }] = await sql(`select count(*)::int as refunds from attribution_refund`)
      expect(refunds).toBe(2)
      expect((await revenue("currency=USD")).totals).toMatchObject({ revenue: 100, refunded: 100, net_revenue: 0 })
    })

    it("counts refunded tax: refunded_amount is before tax, so the refund is both", async () => {
      const order = { id: uid("ord"), total: 1200, currency: "usd" }
      const paid = polarOrderEvent("order.paid", order)
      Object.assign(paid.data, { net_amount: 1000, tax_amount: 200 })
      await postPolar(paid)
      await postPolar(polarOrderEvent("order.refunded", { ...order, status: "refunded", refunded: 1000, refundedTax: 200 }))
      expect(await payments()).toEqual([expect.objectContaining({ amount: "12.00", refunded: "12.00", status: "refunded" })])
    })

    it("stores the refunded order as the payment when order.refunded arrives before order.paid", async () => {
      const vid = uid("vis")
      const order = { id: uid("ord"), total: 5000, currency: "usd", metadata: { attribution_visitor_id: vid } }
      const refund = await postPolar(polarOrderEvent("order.refunded", { ...order, status: "partially_refunded", refunded: 1000 }))
      expect(refund.status).toBe(200)
      expect(refund.data.outcome).toBe("refund")
      expect((await postPolar(polarOrderEvent("order.paid", order))).data.outcome).toBe("payment")
      expect(await payments()).toEqual([expect.objectContaining({ amount: "50.00", refunded: "10.00", visitor_id: vid })])
    })

    it("links a subscription_cycle renewal to the visitor of the subscription's first order", async () => {
      const vid = uid("vis")
      const sub = uid("sub")
      await visit(vid, "https://shop.example/?utm_source=newsletter&utm_medium=email")
      const first = polarOrderEvent("order.paid", {
        id: uid("ord"), total: 2000, currency: "usd", subscriptionId: sub, billingReason: "subscription_create", metadata: { attribution_visitor_id: vid },
      })
      const renewal = polarOrderEvent("order.paid", { id: uid("ord"), total: 2000, currency: "usd", subscriptionId: sub, billingReason: "subscription_cycle" })
      expect((await postPolar(first)).data.outcome).toBe("payment")
      expect((await postPolar(renewal)).data.outcome).toBe("payment")
      expect(await payments()).toEqual([
        expect.objectContaining({ amount: "20.00", visitor_id: vid, subscription_id: sub }),
        expect.objectContaining({ amount: "20.00", visitor_id: vid, subscription_id: sub }),
      ])
      const report = await revenue("group_by=channel&currency=USD")
      expect(report.rows.find((r: any) => r.key === "Email")).toMatchObject({ revenue: 40, payments: 2 })
    })

    it("links by a checkout link's reference_id when it is a visitor id, and not by one that is not", async () => {
      const vid = uid("vis")
      await visit(vid, "https://shop.example/")
      await postPolar(polarOrderEvent("order.paid", { id: uid("ord"), total: 300, currency: "usd", metadata: { reference_id: vid, utm_source: "x" } }))
      await postPolar(polarOrderEvent("order.paid", { id: uid("ord"), total: 400, currency: "usd", metadata: { reference_id: "inv 42" }, email: "other@example.com" }))
      const rows = await sql(`select amount::text as a, visitor_id, link_method, metadata->>'utm_source' as utm from attribution_payment order by amount`)
      expect(rows[0]).toEqual({ a: "3.00", visitor_id: vid, link_method: "metadata", utm: "x" })
      expect(rows[1]).toMatchObject({ a: "4.00", utm: null })
      expect(rows[1].link_method).not.toBe("metadata")
    })
  },
})
