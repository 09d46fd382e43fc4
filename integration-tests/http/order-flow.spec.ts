import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  refundPaymentWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/core-flows"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"

jest.setTimeout(180_000)

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const VID = "vis_orderflow_000000001"
const SID = "ses_orderflow_000000001"

// A real Medusa cart that carries the snippet's metadata, completed through the Store API,
// becomes one linked payment with its attribution; canceling the order takes it out of revenue.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("turns a completed cart into one linked, attributed payment, and a cancellation removes it from revenue", async () => {
      const container = getContainer()
      const headers = await adminHeaders(await createAdminUser(container), container)
      const { data: sc } = await api.post("/admin/sales-channels", { name: "Web" }, { headers })
      const { data: region } = await api.post(
        "/admin/regions",
        { name: "EU", currency_code: "eur", payment_providers: ["pp_system_default"] },
        { headers }
      )
      const { data: key } = await api.post("/admin/api-keys", { title: "Storefront", type: "publishable" }, { headers })
      await api.post(`/admin/api-keys/${key.api_key.id}/sales-channels`, { add: [sc.sales_channel.id] }, { headers })
      const token = key.api_key.token as string

      // The visit, as the snippet reports it.
      await api.post(
        "/attribution/events",
        JSON.stringify({
          key: token,
          events: [
            {
              type: "pageview",
              visitor_id: VID,
              session_id: SID,
              url: "https://shop.example/?utm_source=instagram&utm_medium=paid_social&utm_campaign=launch",
              ts: Date.now() - 600_000,
            },
          ],
        }),
        { headers: { "content-type": "text/plain", "user-agent": CHROME }, transformRequest: [(d: unknown) => d] }
      )
      await container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).flushEvents()

      // A cart with a custom item (no shipping needed) and the snippet's metadata.
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: region.region.id,
          sales_channel_id: sc.sales_channel.id,
          email: "buyer@example.com",
          items: [{ title: "Gift card", quantity: 2, unit_price: 24.5, requires_shipping: false }],
          metadata: { attribution_visitor_id: VID, attribution_session_id: SID, gift_note: "kept" },
        },
      })
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
      await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
      })
      const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers: { "x-publishable-api-key": token } })
      expect(completed.data.type).toBe("order")
      const order = completed.data.order

      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const deadline = Date.now() + 15_000
      let rows: any[] = []
      while (Date.now() < deadline && !rows.length) {
        rows = (await pg.raw(`select * from attribution_payment where order_id = ?`, [order.id])).rows
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ provider: "medusa", currency_code: "EUR", visitor_id: VID, session_id: SID, link_method: "metadata", status: "paid" })
      expect(String(rows[0].amount)).toBe("49.00")
      const credits = (
        await pg.raw(`select model, channel, campaign, amount::text as amount from attribution_credit where payment_id = ? order by model`, [rows[0].id])
      ).rows
      expect(credits).toHaveLength(7)
      expect(credits.every((c: any) => c.channel === "Paid Social" && c.campaign === "launch" && c.amount === "49.00")).toBe(true)

      const report = (await api.get(`/admin/attribution/revenue?currency=EUR&group_by=campaign`, { headers })).data
      expect(report.rows.find((r: any) => r.key === "launch")).toMatchObject({ revenue: 49, payments: 1, visitors: 1, conversion_rate: 1 })

      // A partial refund made in Medusa is netted from the payment and its credits.
      const { data: paid } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "order",
        fields: ["payment_collections.payments.id"],
        filters: { id: order.id },
      })
      const medusaPaymentId = (paid[0] as any).payment_collections[0].payments[0].id
      await capturePaymentWorkflow(container).run({ input: { payment_id: medusaPaymentId } })
      await refundPaymentWorkflow(container).run({ input: { payment_id: medusaPaymentId, amount: 9 } })
      const deadline1 = Date.now() + 15_000
      let refunded = "0"
      while (Date.now() < deadline1 && refunded === "0") {
        refunded = (await pg.raw(`select refunded_amount::text as r from attribution_payment where id = ?`, [rows[0].id])).rows[0].r
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(refunded).toBe("9.00")
      const netted = (await api.get(`/admin/attribution/revenue?currency=EUR&group_by=campaign`, { headers })).data
      expect(netted.rows.find((r: any) => r.key === "launch")).toMatchObject({ revenue: 49, refunded: 9, net_revenue: 40 })

      await cancelOrderWorkflow(container).run({ input: { order_id: order.id } })
      const deadline2 = Date.now() + 15_000
      let status = "paid"
      while (Date.now() < deadline2 && status !== "canceled") {
        status = (await pg.raw(`select status from attribution_payment where id = ?`, [rows[0].id])).rows[0].status
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(status).toBe("canceled")
      const after = (await api.get(`/admin/attribution/revenue?currency=EUR`, { headers })).data
      expect(after.totals.revenue).toBe(0)
    })
  },
})
