import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/core-flows"
import { ATTRIBUTION_MODELS } from "../../src/core/attribution/types"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { lineCreditViolations } from "./helpers/line-credits"

jest.setTimeout(240_000)

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// Discount codes (issue 10): real Medusa orders that apply a promotion through the Store API
// (`POST /store/carts/:id/promotions`), the codes stored on their payments, revenue by code, and
// a code mapped to Affiliates / anna turning a Direct order into an Affiliates one under every
// model, for orders placed before the mapping too, until the mapping is removed.
//
// Amounts: a cart of 2 × 24.50 EUR = 49.00; ANNA10 takes 10% off (44.10), welcome5 5% off.
// Medusa matches codes case-sensitively; the plugin stores them upper-case (WELCOME5).
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let token: string
    let regionId: string
    let salesChannelId: string

    const container = () => getContainer()
    const sql = async (q: string, params: unknown[] = []) =>
      (await container().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows as any[]
    const call = (method: string, url: string, data?: unknown, h: Record<string, string> = headers) =>
      api.request({ method, url, data, headers: h, validateStatus: () => true })

    beforeEach(async () => {
      headers = await adminHeaders(await createAdminUser(container()), container())
      const { data: sc } = await api.post("/admin/sales-channels", { name: "Web" }, { headers })
      const { data: region } = await api.post(
        "/admin/regions",
        { name: "EU", currency_code: "eur", payment_providers: ["pp_system_default"] },
        { headers }
      )
      const { data: key } = await api.post("/admin/api-keys", { title: "Storefront", type: "publishable" }, { headers })
      await api.post(`/admin/api-keys/${key.api_key.id}/sales-channels`, { add: [sc.sales_channel.id] }, { headers })
      token = key.api_key.token
      regionId = region.region.id
      salesChannelId = sc.sales_channel.id
      for (const [code, value] of [["ANNA10", 10], ["welcome5", 5]] as const) {
        await api.post(
          "/admin/promotions",
          {
            code,
            type: "standard",
            status: "active",
            application_method: { type: "percentage", target_type: "order", allocation: "across", value },
          },
          { headers }
        )
      }
    })

    /** A Direct visit (no campaign, no referrer) ten minutes ago. */
    const directVisit = async (visitor: string, session: string) => {
      await api.post(
        "/attribution/events",
        JSON.stringify({
          key: token,
          events: [{ type: "pageview", visitor_id: visitor, session_id: session, url: "https://shop.example/", ts: Date.now() - 600_000 }],
        }),
        { headers: { "content-type": "text/plain", "user-agent": CHROME }, transformRequest: [(d: unknown) => d] }
      )
      await container().resolve<AttributionModuleService>(ATTRIBUTION_MODULE).flushEvents()
    }

    /** Places an order through the Store API with these codes; answers its stored payment. */
    const placeOrder = async (codes: string[], metadata: Record<string, string> = {}) => {
      const { result: cart } = await createCartWorkflow(container()).run({
        input: {
          region_id: regionId,
          sales_channel_id: salesChannelId,
          email: "buyer@example.com",
          items: [{ title: "Gift card", quantity: 2, unit_price: 24.5, requires_shipping: false }],
          metadata,
        },
      })
      const store = { headers: { "x-publishable-api-key": token } }
      if (codes.length) {
        const added = await api.post(`/store/carts/${cart.id}/promotions`, { promo_codes: codes }, store)
        expect(added.status).toBe(200)
      }
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container()).run({ input: { cart_id: cart.id } })
      await createPaymentSessionsWorkflow(container()).run({
        input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
      })
      const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, store)
      expect(completed.data.type).toBe("order")
      const orderId = completed.data.order.id
      const deadline = Date.now() + 15_000
      let rows: any[] = []
      while (Date.now() < deadline && !rows.length) {
        rows = await sql(
          `select id, amount::text as amount, promotion_codes, visitor_id from attribution_payment where order_id = ?`,
          [orderId]
        )
        if (!rows.length) await new Promise((r) => setTimeout(r, 200))
      }
      expect(rows).toHaveLength(1)
      return rows[0] as { id: string; amount: string; promotion_codes: string[] | null; visitor_id: string | null }
    }

    const credits = (paymentId: string) =>
      sql(
        `select model, channel, source, medium, campaign, session_id, promotion_code, amount::text as amount
           from attribution_credit where payment_id = ? and deleted_at is null order by model, session_started_at, id`,
        [paymentId]
      )

    /** Under every model, the credits add up to the amount exactly (in cents). */
    const expectEveryModelAddsUp = (rows: any[], amount: string) => {
      for (const model of ATTRIBUTION_MODELS) {
        const cents = rows.filter((c) => c.model === model).reduce((s, c) => s + Math.round(Number(c.amount) * 100), 0)
        expect({ model, cents }).toEqual({ model, cents: Math.round(Number(amount) * 100) })
      }
    }

    const ANNA = { code: "anna10", channel: "Affiliates", source: "Anna", medium: "influencer", campaign: "Winter Drop" }

    it("stores a Medusa order's codes, re-credits a Direct order when its code is mapped, and reverts when the mapping is removed", async () => {
      await directVisit("vis_codes_direct_0000001", "ses_codes_direct_0000001")
      const payment = await placeOrder(["ANNA10"], {
        attribution_visitor_id: "vis_codes_direct_0000001",
        attribution_session_id: "ses_codes_direct_0000001",
      })
      expect(payment.promotion_codes).toEqual(["ANNA10"])
      expect(payment.amount).toBe("44.10")
      const before = await credits(payment.id)
      expect(before).toHaveLength(7)
      expect(before.every((c) => c.channel === "Direct" && c.promotion_code === null)).toBe(true)

      // A mapping made after the order applies to it.
      const created = await call("POST", "/admin/attribution/code-mappings", ANNA)
      expect(created.status).toBe(201)
      expect(created.data).toMatchObject({
        created: true,
        recredited: 1,
        mapping: { code: "ANNA10", channel: "Affiliates", source: "anna", medium: "influencer", campaign: "Winter Drop" },
      })
      const after = await credits(payment.id)
      expectEveryModelAddsUp(after, "44.10")
      const of = (model: string) => after.filter((c) => c.model === model)
      const code = { channel: "Affiliates", source: "anna", medium: "influencer", campaign: "Winter Drop", session_id: null, promotion_code: "ANNA10" }
      // The code is the last touch: it wins last_non_direct over the Direct session ...
      expect(of("last_non_direct")).toEqual([{ model: "last_non_direct", amount: "44.10", ...code }])
      expect(of("last_touch")).toEqual([{ model: "last_touch", amount: "44.10", ...code }])
      // ... and first_touch keeps the session.
      expect(of("first_touch")).toMatchObject([{ channel: "Direct", session_id: "ses_codes_direct_0000001", promotion_code: null }])
      expect(of("linear").map((c) => [c.channel, c.amount])).toEqual([
        ["Direct", "22.05"],
        ["Affiliates", "22.05"],
      ])

      const revenue = (await call("GET", "/admin/attribution/revenue?currency=EUR")).data
      expect(revenue.rows.find((r: any) => r.key === "Affiliates")).toMatchObject({ revenue: 44.1, payments: 1 })

      // The journey shows the code as a touch of its own.
      const journey = (await call("GET", `/admin/attribution/journey?payment_id=${payment.id}`)).data
      expect(journey.payments[0].credited).toMatchObject({ channel: "Affiliates", source: "anna" })
      // (every model but first_touch credits it)
      expect(journey.payments[0].credits.filter((c: any) => c.promotion_code === "ANNA10")).toHaveLength(ATTRIBUTION_MODELS.length - 1)

      // Replacing the mapping answers 200 and re-credits again.
      const replaced = await call("POST", "/admin/attribution/code-mappings", { ...ANNA, code: "Anna10 ", channel: "Paid Social", campaign: null })
      expect(replaced.status).toBe(200)
      expect(replaced.data).toMatchObject({ created: false, recredited: 1, mapping: { code: "ANNA10", channel: "Paid Social", campaign: null } })
      expect((await credits(payment.id)).filter((c) => c.model === "last_touch")).toMatchObject([{ channel: "Paid Social" }])
      const list = (await call("GET", "/admin/attribution/code-mappings")).data
      expect(list.mappings).toEqual([expect.objectContaining({ code: "ANNA10", channel: "Paid Social", source: "anna", payments: 1 })])

      // Removing it puts the credit back on the session.
      const removed = await call("DELETE", "/admin/attribution/code-mappings/anna10")
      expect(removed.status).toBe(200)
      expect(removed.data).toEqual({ code: "ANNA10", deleted: true, recredited: 1 })
      const reverted = await credits(payment.id)
      expect(reverted).toHaveLength(7)
      expect(reverted.every((c) => c.channel === "Direct" && c.promotion_code === null && c.amount === "44.10")).toBe(true)
      // The orders' line credits follow their credits through both re-credits.
      expect(await lineCreditViolations(async (q) => (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q)).rows)).toEqual([])
      expect((await call("GET", "/admin/attribution/code-mappings")).data.mappings).toEqual([])
      expect((await call("DELETE", "/admin/attribution/code-mappings/ANNA10")).status).toBe(404)
    })

    it("credits new orders with a mapped code at order time, unlinked ones too, and reports revenue by code and by code × channel", async () => {
      expect((await call("POST", "/admin/attribution/code-mappings", ANNA)).data.recredited).toBe(0)

      // No visitor at all: the code's channel, not Unassigned.
      const unlinked = await placeOrder(["ANNA10"])
      expect(unlinked.visitor_id).toBeNull()
      const u = await credits(unlinked.id)
      expect(u).toHaveLength(7)
      expect(u.every((c) => c.channel === "Affiliates" && c.source === "anna" && c.promotion_code === "ANNA10" && c.amount === "44.10")).toBe(true)

      // Two codes on one order (one mapped), and one order with no code.
      await directVisit("vis_codes_both_00000001", "ses_codes_both_00000001")
      const both = await placeOrder(["ANNA10", "welcome5"], {
        attribution_visitor_id: "vis_codes_both_00000001",
        attribution_session_id: "ses_codes_both_00000001",
      })
      expect(both.promotion_codes).toEqual(["ANNA10", "WELCOME5"])
      expectEveryModelAddsUp(await credits(both.id), both.amount)
      const plain = await placeOrder([])
      expect(plain.promotion_codes).toBeNull()

      const cents = (a: string) => Math.round(Number(a) * 100)
      const anna = cents(unlinked.amount) + cents(both.amount)
      const report = (await call("GET", "/admin/attribution/codes?currency=EUR&split_by=channel")).data
      expect(report).toMatchObject({ currency: "EUR", model: "last_non_direct", split_by: "channel" })
      expect(report.rows.map((r: any) => r.code)).toEqual(["ANNA10", "WELCOME5"])
      const [annaRow, welcomeRow] = report.rows
      expect(annaRow).toMatchObject({ revenue: anna / 100, refunded: 0, net_revenue: anna / 100, payments: 2, orders: 2 })
      expect(annaRow.mapping).toMatchObject({ channel: "Affiliates", source: "anna" })
      expect(welcomeRow).toMatchObject({ revenue: Number(both.amount), payments: 1, mapping: null })
      // Under last_non_direct the mapped code takes both orders; WELCOME5's order too (it also used ANNA10).
      expect(annaRow.split).toEqual([{ key: "Affiliates", revenue: anna / 100, refunded: 0, net_revenue: anna / 100, payments: 2 }])
      expect(welcomeRow.split).toEqual([expect.objectContaining({ key: "Affiliates", revenue: Number(both.amount) })])
      // Totals count each payment once (the two-code order is in both rows).
      expect(report.totals).toMatchObject({ revenue: anna / 100, payments: 2, orders: 2 })

      // Under first_touch the two-code order goes back to its Direct session.
      const first = (await call("GET", "/admin/attribution/codes?currency=EUR&split_by=channel&model=first_touch")).data
      expect(first.rows[0].split.map((s: any) => [s.key, s.revenue])).toEqual([
        ["Affiliates", Number(unlinked.amount)],
        ["Direct", Number(both.amount)],
      ])
      // Without split_by the rows carry no split; another currency has no rows.
      expect((await call("GET", "/admin/attribution/codes?currency=EUR")).data.rows[0].split).toBeUndefined()
      expect((await call("GET", "/admin/attribution/codes?currency=USD")).data).toMatchObject({ rows: [], totals: { revenue: 0, payments: 0 } })
    })

    it("keeps a payment's codes when a later report of it has none", async () => {
      const service = container().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      const base = { amount: "10.00", currency_code: "EUR", occurred_at: new Date() }
      const first = await service.recordPayment({
        ...base,
        provider: "medusa",
        provider_payment_id: "order_codes_merge",
        references: [{ provider: "stripe", external_id: "pi_codes_merge" }],
        promotion_codes: ["welcome5", "ANNA10", "anna10"],
      })
      const again = await service.recordPayment({ ...base, provider: "stripe", provider_payment_id: "pi_codes_merge" })
      expect(again).toEqual({ payment_id: first.payment_id, created: false })
      const [row] = await sql(`select promotion_codes from attribution_payment where id = ?`, [first.payment_id])
      expect(row.promotion_codes).toEqual(["ANNA10", "WELCOME5"])
    })

    it("refuses bad input with a 400 naming the field, changing nothing, and answers 401 without an admin", async () => {
      const bad: [unknown, RegExp][] = [
        [{ channel: "Affiliates" }, /^code: /],
        [{ code: "  ", channel: "Affiliates" }, /^code: must not be empty/],
        [{ code: "X".repeat(101), channel: "Affiliates" }, /^code: must be at most 100/],
        [{ code: "A\u0001B", channel: "Affiliates" }, /^code: must not contain control characters/],
        [{ code: "ANNA10", channel: "affiliates" }, /^channel: must be one of Direct/],
        [{ code: "ANNA10" }, /^channel: /],
        [{ code: "ANNA10", channel: "Affiliates", source: "s".repeat(201) }, /^source: must be at most 200/],
        [{ code: "ANNA10", channel: "Affiliates", medium: 5 }, /^medium: must be text or null/],
        [{ code: "ANNA10", channel: "Affiliates", campaign: ["x"] }, /^campaign: /],
        [{ code: "ANNA10", channel: "Affiliates", partner: "anna" }, /partner/],
        ["not json", /.+/],
      ]
      for (const [body, message] of bad) {
        const res = await call("POST", "/admin/attribution/code-mappings", body)
        expect({ body, status: res.status }).toEqual({ body, status: 400 })
        expect(res.data.message).toMatch(message)
      }
      expect(await sql(`select * from attribution_code_mapping`)).toEqual([])

      for (const query of ["split_by=country", "model=best", "currency=EURO", "from=yesterday", "include_test=yes"]) {
        const res = await call("GET", `/admin/attribution/codes?${query}`)
        expect({ query, status: res.status }).toEqual({ query, status: 400 })
        expect(res.data.message).toMatch(new RegExp(`^${query.split("=")[0]}: `))
      }

      for (const [method, url] of [
        ["GET", "/admin/attribution/codes"],
        ["GET", "/admin/attribution/code-mappings"],
        ["POST", "/admin/attribution/code-mappings"],
        ["DELETE", "/admin/attribution/code-mappings/ANNA10"],
      ]) {
        const res = await call(method, url, method === "POST" ? ANNA : undefined, {})
        expect({ method, url, status: res.status }).toEqual({ method, url, status: 401 })
      }
      expect(await sql(`select * from attribution_code_mapping`)).toEqual([])
    })
  },
})
