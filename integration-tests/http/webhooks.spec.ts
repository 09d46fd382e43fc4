import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createPublishableKey } from "./helpers/keys"
import {
  LS_SECRET,
  lsOrder,
  lsSignature,
  lsSubscription,
  lsSubscriptionInvoice,
  stripeEvents,
  stripeInvoicePaid,
  stripeSignature,
} from "./helpers/providers"

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
    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows

    const postStripe = (evt: unknown, opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) => {
      const payload = typeof evt === "string" ? evt : JSON.stringify(evt)
      const signature = opts.signature === undefined ? stripeSignature(payload, opts.secret, opts.timestamp) : opts.signature
      return api
        .post("/attribution/webhooks/stripe", payload, {
          headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
    }
    const postLs = (body: unknown, secret = LS_SECRET) => {
      const payload = typeof body === "string" ? body : JSON.stringify(body)
      return api
        .post("/attribution/webhooks/lemonsqueezy", payload, {
          headers: { "content-type": "application/json", "x-signature": lsSignature(payload, secret) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
    }
    /** A visit recorded through the collector, as the snippet would send it. */
    const visit = async (visitor: string, session: string, url: string, referrer: string | null, ts: number, extra: object[] = []) => {
      const res = await api.post(
        "/attribution/events",
        JSON.stringify({ key, events: [{ type: "pageview", visitor_id: visitor, session_id: session, url, referrer, ts }, ...extra] }),
        { headers: { "content-type": "text/plain", "user-agent": CHROME }, transformRequest: [(d: unknown) => d] }
      )
      expect(res.status).toBe(202)
      await service().flushEvents()
    }
    const revenue = async (query: string) => (await api.get(`/admin/attribution/revenue?${query}`, { headers })).data
    const payments = () =>
      sql(`select provider, provider_payment_id, amount::text as amount, refunded_amount::text as refunded, currency_code,
                  status, is_test, visitor_id, link_method from attribution_payment order by created_at`)

    describe("Stripe", () => {
      it("stores a payment linked by metadata with its credits, and reports it by channel", async () => {
        const vid = uid("vis")
        const t0 = Date.now() - 3 * 24 * 3600_000
        await visit(vid, uid("ses"), "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=bf", "https://www.google.com/", t0)
        await visit(vid, uid("ses"), "https://shop.example/p", null, t0 + 2 * 24 * 3600_000)
        const evt = stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 9999, currency: "usd", metadata: { attribution_visitor_id: vid }, created: Math.floor(Date.now() / 1000) })

        const res = await postStripe(evt)
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ received: true, outcome: "payment" })
        expect(await payments()).toEqual([
          expect.objectContaining({ provider: "stripe", amount: "99.99", currency_code: "USD", visitor_id: vid, link_method: "metadata", is_test: true }),
        ])

        // Test-mode events are left out unless asked for.
        expect((await revenue("group_by=channel")).totals.revenue).toBe(0)
        const lastNonDirect = await revenue("group_by=channel&model=last_non_direct&include_test=true&currency=usd")
        expect(lastNonDirect.rows.find((r: any) => r.key === "Paid Search")).toMatchObject({ revenue: 99.99, payments: 1 })
        expect(lastNonDirect.totals).toMatchObject({ revenue: 99.99, net_revenue: 99.99, payments: 1, visitors: 1, conversion_rate: 1 })
        const linear = await revenue("group_by=channel&model=linear&include_test=true")
        const shares = Object.fromEntries(linear.rows.map((r: any) => [r.key, r.revenue]))
        expect(shares).toEqual({ "Paid Search": 50, Direct: 49.99 })
      })

      it("stores one payment whatever the order of its checkout session, payment intent and charge events", async () => {
        const orders = [
          ["cs", "pi", "ch"], ["cs", "ch", "pi"], ["pi", "cs", "ch"], ["pi", "ch", "cs"], ["ch", "cs", "pi"], ["ch", "pi", "cs"],
        ]
        for (const order of orders) {
          const ids = { pi: uid("pi"), cs: uid("cs"), ch: uid("ch") }
          const common = { amount: 2500, currency: "eur" }
          const events: Record<string, unknown> = {
            cs: stripeEvents.checkoutSession(ids, { ...common, email: "buyer@example.com", metadata: { campaign_note: "from-checkout" } }),
            pi: stripeEvents.paymentIntent(ids, common),
            ch: stripeEvents.charge(ids, common),
          }
          for (const name of order) {
            expect((await postStripe(events[name])).status).toBe(200)
          }
        }
        const rows = await sql(`select count(*)::int as n, sum(amount)::text as total from attribution_payment`)
        expect(rows[0]).toEqual({ n: 6, total: "150.00" })
        const [meta] = await sql(`select count(*)::int as n from attribution_payment where metadata->>'campaign_note' = 'from-checkout'`)
        expect(meta.n).toBe(6)
      })

      it("treats a redelivered event as a no-op, also when deliveries race", async () => {
        const evt = stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 1000, currency: "usd" })
        expect((await postStripe(evt)).data.outcome).toBe("payment")
        expect((await postStripe(evt)).data.outcome).toBe("duplicate")
        const racing = stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 1000, currency: "usd" })
        const answers = await Promise.all(Array.from({ length: 6 }, () => postStripe(racing)))
        expect(answers.every((a) => a.status === 200)).toBe(true)
        const [{ n }] = await sql(`select count(*)::int as n from attribution_payment`)
        expect(n).toBe(2)
        const [{ d }] = await sql(`select count(*)::int as d from attribution_webhook_delivery`)
        expect(d).toBe(2)
      })

      it("nets partial then full refunds from the cumulative amount_refunded, once each", async () => {
        const ids = { pi: uid("pi"), ch: uid("ch") }
        await postStripe(stripeEvents.paymentIntent(ids, { amount: 10000, currency: "usd" }))
        expect((await postStripe(stripeEvents.chargeRefunded(ids, { amount: 10000, currency: "usd", refunded: 3000 }))).status).toBe(200)
        let [p] = await payments()
        expect(p).toMatchObject({ refunded: "30.00", status: "partially_refunded" })
        // An older report arriving late, and the same total again, add nothing.
        await postStripe(stripeEvents.chargeRefunded(ids, { amount: 10000, currency: "usd", refunded: 3000 }))
        await postStripe(stripeEvents.chargeRefunded(ids, { amount: 10000, currency: "usd", refunded: 10000 }))
        await postStripe(stripeEvents.chargeRefunded(ids, { amount: 10000, currency: "usd", refunded: 3000 }))
        ;[p] = await payments()
        expect(p).toMatchObject({ refunded: "100.00", status: "refunded" })
        const [{ n }] = await sql(`select count(*)::int as n from attribution_refund`)
        expect(n).toBe(2)
        const report = await revenue("include_test=true&currency=USD")
        expect(report.totals).toMatchObject({ revenue: 100, refunded: 100, net_revenue: 0 })
        const [credit] = await sql(`select sum(refunded_amount)::text as r from attribution_credit where model = 'linear'`)
        expect(credit.r).toBe("100.00")
      })

      it("stores the payment a refund describes when the refund arrives first", async () => {
        const ids = { pi: uid("pi"), ch: uid("ch") }
        expect((await postStripe(stripeEvents.chargeRefunded(ids, { amount: 5000, currency: "usd", refunded: 1000 }))).status).toBe(200)
        expect((await postStripe(stripeEvents.paymentIntent(ids, { amount: 5000, currency: "usd" }))).status).toBe(200)
        expect(await payments()).toEqual([expect.objectContaining({ amount: "50.00", refunded: "10.00" })])
      })

      it("converts JPY (no decimals) and KWD (three decimals) with the currency's exponent", async () => {
        await postStripe(stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 1500, currency: "jpy" }))
        await postStripe(stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 12340, currency: "kwd" }))
        const rows = (await payments()).map((p: any) => [p.currency_code, p.amount])
        expect(rows).toEqual([["JPY", "1500"], ["KWD", "12.340"]])
        const jpy = await revenue("include_test=true&currency=jpy")
        expect(jpy.totals.revenue).toBe(1500)
        expect(jpy.currencies.sort()).toEqual(["JPY", "KWD"])
      })

      it("answers 400 for a bad, missing, stale or wrongly keyed signature and malformed JSON, storing nothing", async () => {
        const evt = stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 1000, currency: "usd" })
        const payload = JSON.stringify(evt)
        expect((await postStripe(evt, { signature: null })).status).toBe(400)
        expect((await postStripe(evt, { signature: "t=1,v1=deadbeef" })).status).toBe(400)
        expect((await postStripe(evt, { secret: "whsec_wrong" })).status).toBe(400)
        expect((await postStripe(evt, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(400)
        const tampered = await api
          .post("/attribution/webhooks/stripe", payload.replace("1000", "9000"), {
            headers: { "content-type": "application/json", "stripe-signature": stripeSignature(payload) },
            transformRequest: [(d: unknown) => d],
          })
          .catch((e: any) => e.response)
        expect(tampered.status).toBe(400)
        expect((await postStripe("{not json")).status).toBe(400)
        expect(await payments()).toEqual([])
        const [{ d }] = await sql(`select count(*)::int as d from attribution_webhook_delivery`)
        expect(d).toBe(0)
      })

      it("accepts a delivery signed with the older of two rotated secrets", async () => {
        const res = await postStripe(stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 700, currency: "usd" }), { secret: "whsec_rotated_out" })
        expect(res.status).toBe(200)
      })

      it("answers 200 and ignores an unknown event type or an unpaid checkout", async () => {
        const unknown = { ...stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 100, currency: "usd" }), type: "customer.created" }
        expect((await postStripe(unknown)).data).toMatchObject({ outcome: "ignored" })
        const unpaid = stripeEvents.checkoutSession({ pi: uid("pi"), cs: uid("cs") }, { amount: 100, currency: "usd", paymentStatus: "unpaid" })
        expect((await postStripe(unpaid)).data).toMatchObject({ outcome: "ignored" })
        expect(await payments()).toEqual([])
      })

      it("links by client_reference_id, by identified email, by a single active visitor, and not when two are active", async () => {
        const now = Date.now()
        const byRef = uid("vis")
        await visit(byRef, uid("ses"), "https://shop.example/", null, now - 3600_000)
        await postStripe(stripeEvents.checkoutSession({ pi: uid("pi"), cs: uid("cs") }, { amount: 100, currency: "usd", clientReferenceId: byRef }))

        const identified = uid("vis")
        await visit(identified, uid("ses"), "https://shop.example/", null, now - 5 * 3600_000, [
          { type: "identify", visitor_id: identified, session_id: uid("ses"), email: "Known@Example.com" },
        ])
        await postStripe(stripeEvents.checkoutSession({ pi: uid("pi"), cs: uid("cs") }, { amount: 200, currency: "usd", email: "known@example.com" }))

        const rows = await sql(`select amount::text as a, visitor_id, link_method from attribution_payment order by amount`)
        expect(rows).toEqual([
          { a: "1.00", visitor_id: byRef, link_method: "metadata" },
          { a: "2.00", visitor_id: identified, link_method: "email" },
        ])
      })

      it("links by timestamp only when a single visitor was active just before the payment", async () => {
        const created = Math.floor(Date.now() / 1000) - 24 * 3600
        const lone = uid("vis")
        await visit(lone, uid("ses"), "https://shop.example/", null, created * 1000 - 10 * 60_000)
        await postStripe(stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 300, currency: "usd", created }))
        let [p] = await sql(`select visitor_id, link_method from attribution_payment`)
        expect(p).toEqual({ visitor_id: lone, link_method: "timestamp" })

        await sql(`delete from attribution_payment`)
        await visit(uid("vis"), uid("ses"), "https://shop.example/", null, created * 1000 - 5 * 60_000)
        await postStripe(stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 300, currency: "usd", created }))
        ;[p] = await sql(`select visitor_id, link_method from attribution_payment`)
        expect(p).toEqual({ visitor_id: null, link_method: "unlinked" })
      })

      it("reads invoices in both the pre-2025 and the parent.subscription_details shapes, renewals inheriting the visitor", async () => {
        for (const shape of ["legacy", "basil"] as const) {
          const vid = uid("vis")
          const sub = uid("sub")
          await visit(vid, uid("ses"), "https://shop.example/?utm_source=newsletter&utm_medium=email", null, Date.now() - 3600_000)
          const first = stripeInvoicePaid({ id: uid("in"), subscription: sub, amount: 2000, currency: "usd", billingReason: "subscription_create", metadata: { attribution_visitor_id: vid }, shape })
          const renewal = stripeInvoicePaid({ id: uid("in"), subscription: sub, amount: 2000, currency: "usd", billingReason: "subscription_cycle", shape })
          expect((await postStripe(first)).data.outcome).toBe("payment")
          expect((await postStripe(renewal)).data.outcome).toBe("payment")
          const rows = await sql(`select visitor_id, subscription_id, amount::text as amount from attribution_payment where subscription_id = ?`, [sub])
          expect(rows).toEqual([
            { visitor_id: vid, subscription_id: sub, amount: "20.00" },
            { visitor_id: vid, subscription_id: sub, amount: "20.00" },
          ])
        }
      })

      it("credits a payment that arrived before its visitor's events once they arrive", async () => {
        const vid = uid("vis")
        await postStripe(stripeEvents.paymentIntent({ pi: uid("pi") }, { amount: 4000, currency: "usd", metadata: { attribution_visitor_id: vid } }))
        let credits = await sql(`select channel, session_id from attribution_credit where model = 'last_touch'`)
        expect(credits).toEqual([{ channel: "Direct", session_id: null }])
        const sid = uid("ses")
        // The visit happened a minute before the payment; its events reach the server after it.
        await visit(vid, sid, "https://shop.example/?utm_source=newsletter&utm_medium=email", null, Date.now() - 60_000)
        credits = await sql(`select channel, session_id from attribution_credit where model = 'last_touch'`)
        expect(credits).toEqual([{ channel: "Email", session_id: sid }])
      })
    })

    describe("LemonSqueezy", () => {
      it("stores a paid order linked by custom_data, nets a partial refund while the status stays paid", async () => {
        const vid = uid("vis")
        await visit(vid, uid("ses"), "https://shop.example/?utm_source=facebook&utm_medium=paid_social", null, Date.now() - 3600_000)
        const order = { id: "9001", total: 1199, currency: "USD", customData: { attribution_visitor_id: vid } }
        const created = lsOrder("order_created", order)
        const res = await postLs(created)
        expect(res.status).toBe(200)
        expect(res.data.outcome).toBe("payment")
        // The same delivery again (same bytes) is a no-op; the same order in another delivery is merged.
        expect((await postLs(created)).data.outcome).toBe("duplicate")
        expect((await postLs(lsOrder("order_created", order))).data.outcome).toBe("payment")
        await postLs(lsOrder("order_refunded", { ...order, status: "paid", refunded: 199 }))
        expect(await payments()).toEqual([
          expect.objectContaining({ provider: "lemonsqueezy", amount: "11.99", refunded: "1.99", status: "partially_refunded", visitor_id: vid, link_method: "metadata", is_test: false }),
        ])
        const report = await revenue("currency=USD")
        expect(report.rows.find((r: any) => r.key === "Paid Social")).toMatchObject({ revenue: 11.99, refunded: 1.99, net_revenue: 10 })
      })

      it("stores a renewal once, linked to the visitor of the subscription's first order", async () => {
        const vid = uid("vis")
        await visit(vid, uid("ses"), "https://shop.example/?utm_source=bing&utm_medium=cpc", null, Date.now() - 3600_000)
        const order = lsOrder("order_created", { id: "9100", total: 1000, currency: "USD", customData: { attribution_visitor_id: vid } })
        order.data.attributes.first_subscription_item = { id: 1, subscription_id: 77, price_id: 1, quantity: 1 }
        await postLs(order)
        // The first invoice is the same money as the order: ignored, not added.
        await postLs(lsSubscriptionInvoice("subscription_payment_success", { id: "5000", subscriptionId: 77, total: 1000, currency: "USD", billingReason: "initial" }))
        const renewal = await postLs(lsSubscriptionInvoice("subscription_payment_success", { id: "5001", subscriptionId: 77, total: 1000, currency: "USD", billingReason: "renewal" }))
        expect(renewal.data.outcome).toBe("payment")
        await postLs(lsSubscriptionInvoice("subscription_payment_refunded", { id: "5001", subscriptionId: 77, total: 1000, currency: "USD", billingReason: "renewal", refunded: 1000 }))
        const rows = await sql(`select amount::text as amount, refunded_amount::text as refunded, visitor_id, subscription_id from attribution_payment order by occurred_at, provider_payment_id`)
        expect(rows).toEqual([
          { amount: "10.00", refunded: "0", visitor_id: vid, subscription_id: "77" },
          { amount: "10.00", refunded: "10.00", visitor_id: vid, subscription_id: "77" },
        ])
        const report = await revenue("currency=USD")
        expect(report.rows.find((r: any) => r.key === "Paid Search")).toMatchObject({ revenue: 20, refunded: 10, net_revenue: 10, payments: 2 })
      })

      it("links renewals through subscription_created, as real orders do not name their subscription", async () => {
        const vid = uid("vis")
        await visit(vid, uid("ses"), "https://shop.example/?utm_source=newsletter&utm_medium=email", null, Date.now() - 3600_000)
        // subscription_created before its order: answered 404, nothing stored, LemonSqueezy retries.
        const early = await postLs(lsSubscription("subscription_created", { id: "88", orderId: 9200 }))
        expect(early.status).toBe(404)
        await postLs(lsOrder("order_created", { id: "9200", total: 1500, currency: "USD", customData: { attribution_visitor_id: vid } }))
        const renewal = await postLs(lsSubscriptionInvoice("subscription_payment_success", { id: "6001", subscriptionId: 88, total: 1500, currency: "USD", billingReason: "renewal" }))
        expect(renewal.data.outcome).toBe("payment")
        expect((await sql(`select visitor_id from attribution_payment where subscription_id = '88'`))[0].visitor_id).toBeNull()

        const linked = await postLs(lsSubscription("subscription_created", { id: "88", orderId: 9200 }))
        expect(linked.data.outcome).toBe("subscription")
        const rows = await sql(
          `select provider_payment_id, visitor_id, subscription_id, link_method from attribution_payment
            where provider = 'lemonsqueezy' and provider_payment_id in ('order:9200', 'subscription-invoice:6001') order by provider_payment_id`
        )
        expect(rows).toEqual([
          { provider_payment_id: "order:9200", visitor_id: vid, subscription_id: "88", link_method: "metadata" },
          { provider_payment_id: "subscription-invoice:6001", visitor_id: vid, subscription_id: "88", link_method: "metadata" },
        ])
        const report = await revenue("currency=USD")
        expect(report.rows.find((r: any) => r.key === "Email")).toMatchObject({ revenue: 30, payments: 2 })
      })

      it("answers 400 for a bad signature and stores nothing; flags test mode", async () => {
        const body = lsOrder("order_created", { id: "9002", total: 500, currency: "USD" })
        expect((await postLs(body, "wrong-secret")).status).toBe(400)
        const noHeader = await api
          .post("/attribution/webhooks/lemonsqueezy", JSON.stringify(body), { headers: { "content-type": "application/json" }, transformRequest: [(d: unknown) => d] })
          .catch((e: any) => e.response)
        expect(noHeader.status).toBe(400)
        expect(await payments()).toEqual([])
        await postLs(lsOrder("order_created", { id: "9003", total: 500, currency: "USD", testMode: true }))
        expect(await payments()).toEqual([expect.objectContaining({ is_test: true })])
      })
    })
  },
})
