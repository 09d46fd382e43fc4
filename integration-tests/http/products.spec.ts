import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  capturePaymentWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  refundPaymentWorkflow,
} from "@medusajs/core-flows"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import recordOrderPayment from "../../src/subscribers/record-order-payment"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { lineCreditViolations } from "./helpers/line-credits"

jest.setTimeout(240_000)

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const HOUR = 3_600_000

// Products by channel: real Medusa orders with several lines, of products in categories and a
// collection, placed through the Store API; the report's figures are computed here by hand.
//
// Visitor A came three times (Instagram ad, Google ad, newsletter) and bought a shirt in M, a
// shirt in L and a tote, 10.00 EUR each (order 1, 30.00). Visitor B came once from a Google ad
// and bought two shirts in M and a tote (order 2, 30.00), 3.00 of which is refunded later.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let ids: { shirt: string; tote: string; shirtM: string; shirtL: string; toteOne: string; shirts: string; sale: string; bags: string; summer: string }
    let orders: { one: string; two: string }

    beforeEach(async () => {
      const container = getContainer()
      headers = await adminHeaders(await createAdminUser(container), container)
      const { data: sc } = await api.post("/admin/sales-channels", { name: "Web" }, { headers })
      const { data: region } = await api.post(
        "/admin/regions",
        { name: "EU", currency_code: "eur", payment_providers: ["pp_system_default"] },
        { headers }
      )
      const { data: key } = await api.post("/admin/api-keys", { title: "Storefront", type: "publishable" }, { headers })
      await api.post(`/admin/api-keys/${key.api_key.id}/sales-channels`, { add: [sc.sales_channel.id] }, { headers })
      const token = key.api_key.token as string

      const category = async (name: string) =>
        (await api.post("/admin/product-categories", { name, is_active: true }, { headers })).data.product_category.id as string
      const shirts = await category("Shirts")
      const sale = await category("Sale")
      const bags = await category("Bags")
      const summer = (await api.post("/admin/collections", { title: "Summer" }, { headers })).data.collection.id as string
      const product = async (title: string, sizes: string[], extra: Record<string, unknown>) =>
        (
          await api.post(
            "/admin/products",
            {
              title,
              status: "published",
              options: [{ title: "Size", values: sizes }],
              variants: sizes.map((size) => ({
                title: size,
                sku: `${title}-${size}`.toUpperCase().replace(/\s/g, "-"),
                options: { Size: size },
                manage_inventory: false,
                prices: [{ currency_code: "eur", amount: 10 }],
              })),
              sales_channels: [{ id: sc.sales_channel.id }],
              ...extra,
            },
            { headers }
          )
        ).data.product
      const shirt = await product("Linen Shirt", ["M", "L"], { categories: [{ id: shirts }, { id: sale }], collection_id: summer })
      const tote = await product("Canvas Tote", ["One size"], { categories: [{ id: bags }] })
      const variant = (p: any, title: string) => p.variants.find((v: any) => v.title === title).id as string
      ids = {
        shirt: shirt.id,
        tote: tote.id,
        shirtM: variant(shirt, "M"),
        shirtL: variant(shirt, "L"),
        toteOne: variant(tote, "One size"),
        shirts,
        sale,
        bags,
        summer,
      }

      const visit = (visitor: string, session: string, url: string, ago: number) =>
        api.post(
          "/attribution/events",
          JSON.stringify({ key: token, events: [{ type: "pageview", visitor_id: visitor, session_id: session, url, ts: Date.now() - ago }] }),
          { headers: { "content-type": "text/plain", "user-agent": CHROME }, transformRequest: [(d: unknown) => d] }
        )
      await visit("vis_products_a_00000001", "ses_products_a_00000001", "https://shop.example/?utm_source=instagram&utm_medium=paid_social&utm_campaign=launch", 3 * HOUR)
      await visit("vis_products_a_00000001", "ses_products_a_00000002", "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand", 2 * HOUR)
      await visit("vis_products_a_00000001", "ses_products_a_00000003", "https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=weekly", HOUR)
      await visit("vis_products_b_00000001", "ses_products_b_00000001", "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand", HOUR)
      await container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).flushEvents()

      const place = async (visitor: string, session: string, items: { variant_id: string; quantity: number }[]) => {
        const { result: cart } = await createCartWorkflow(container).run({
          input: {
            region_id: region.region.id,
            sales_channel_id: sc.sales_channel.id,
            email: `${visitor}@example.com`,
            items: items.map((i) => ({ ...i, requires_shipping: false })),
            metadata: { attribution_visitor_id: visitor, attribution_session_id: session },
          },
        })
        const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
        await createPaymentSessionsWorkflow(container).run({
          input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
        })
        const completed = await api.post(`/store/carts/${cart.id}/complete`, {}, { headers: { "x-publishable-api-key": token } })
        expect(completed.data.type).toBe("order")
        return completed.data.order.id as string
      }
      orders = {
        one: await place("vis_products_a_00000001", "ses_products_a_00000003", [
          { variant_id: ids.shirtM, quantity: 1 },
          { variant_id: ids.shirtL, quantity: 1 },
          { variant_id: ids.toteOne, quantity: 1 },
        ]),
        two: await place("vis_products_b_00000001", "ses_products_b_00000001", [
          { variant_id: ids.shirtM, quantity: 2 },
          { variant_id: ids.toteOne, quantity: 1 },
        ]),
      }
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const deadline = Date.now() + 20_000
      let lines = 0
      while (Date.now() < deadline && lines < 5) {
        lines = Number((await pg.raw(`select count(*) as n from attribution_line_item`)).rows[0].n)
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(lines).toBe(5)
    })

    const get = async (path: string) => (await api.get(path, { headers })).data
    const sql = async (q: string) => (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q)).rows
    const row = (report: any, key: string) => report.rows.find((r: any) => r.key === key)
    const cell = (r: any, key: string) => r.split.find((c: any) => c.key === key)?.revenue ?? 0

    it("stores each order's lines with the product's collection and categories, once even when the subscriber runs again", async () => {
      const container = getContainer()
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const stored = (
        await pg.raw(
          `select l.*, l.amount::text as amount, p.order_id as paid_order from attribution_line_item l
             join attribution_payment p on p.id = l.payment_id where l.order_id = ? order by l.variant_id`,
          [orders.two]
        )
      ).rows
      expect(stored).toHaveLength(2)
      const shirtLine = stored.find((l: any) => l.variant_id === ids.shirtM)
      expect(shirtLine).toMatchObject({
        product_id: ids.shirt,
        product_title: "Linen Shirt",
        variant_title: "M",
        sku: "LINEN-SHIRT-M",
        collection_id: ids.summer,
        collection_title: "Summer",
        quantity: 2,
        amount: "20.00",
        currency_code: "EUR",
        paid_order: orders.two,
      })
      expect(shirtLine.categories.map((c: any) => c.name).sort()).toEqual(["Sale", "Shirts"])
      expect(stored.find((l: any) => l.variant_id === ids.toteOne)).toMatchObject({ collection_id: null, amount: "10.00", quantity: 1 })

      await recordOrderPayment({ event: { name: "order.placed", data: { id: orders.two } }, container } as never)
      expect(Number((await pg.raw(`select count(*) as n from attribution_line_item`)).rows[0].n)).toBe(5)
      expect(Number((await pg.raw(`select count(*) as n from attribution_payment`)).rows[0].n)).toBe(2)
    })

    it("answers revenue by product, variant, category and collection, the same under every model without a split", async () => {
      for (const model of ["last_touch", "linear"]) {
        const byProduct = await get(`/admin/attribution/products?currency=EUR&model=${model}`)
        expect(byProduct).toMatchObject({ currency: "EUR", model, group_by: "product", split_by: null, row_count: 2 })
        expect(row(byProduct, ids.shirt)).toEqual({
          key: ids.shirt,
          label: "Linen Shirt",
          revenue: 40,
          refunded: 0,
          net_revenue: 40,
          quantity: 4,
          orders: 2,
        })
        expect(row(byProduct, ids.tote)).toMatchObject({ label: "Canvas Tote", revenue: 20, quantity: 2, orders: 2 })
        expect(byProduct.totals).toEqual({ revenue: 60, refunded: 0, net_revenue: 60, quantity: 6, orders: 2 })
        expect(byProduct.without_line_items).toEqual({ revenue: 0, refunded: 0, net_revenue: 0, payments: 0 })

        const byVariant = await get(`/admin/attribution/products?currency=EUR&model=${model}&group_by=variant`)
        expect(row(byVariant, ids.shirtM)).toMatchObject({ label: "Linen Shirt / M", sku: "LINEN-SHIRT-M", revenue: 30, quantity: 3 })
        expect(row(byVariant, ids.shirtL)).toMatchObject({ revenue: 10, quantity: 1, orders: 1 })
        expect(row(byVariant, ids.toteOne)).toMatchObject({ revenue: 20 })

        // A product in two categories counts in both; the totals count it once.
        const byCategory = await get(`/admin/attribution/products?currency=EUR&model=${model}&group_by=category`)
        expect(byCategory.rows.map((r: any) => [r.label, r.revenue]).sort()).toEqual([
          ["Bags", 20],
          ["Sale", 40],
          ["Shirts", 40],
        ])
        expect(row(byCategory, ids.sale)).toMatchObject({ quantity: 4, orders: 2 })
        expect(byCategory.totals.revenue).toBe(60)

        const byCollection = await get(`/admin/attribution/products?currency=EUR&model=${model}&group_by=collection`)
        expect(byCollection.rows.map((r: any) => [r.key, r.label, r.revenue])).toEqual([
          [ids.summer, "Summer", 40],
          ["(not set)", null, 20],
        ])
      }
    })

    it("splits by channel under each model, exact to the cent, the cells adding up to the credited totals", async () => {
      // Last touch: order 1 is all Email's, order 2 all Paid Search's.
      const last = await get(`/admin/attribution/products?currency=EUR&model=last_touch&split_by=channel`)
      expect(last.split_keys).toEqual(["Email", "Paid Search"])
      expect(row(last, ids.shirt).split).toEqual([
        { key: "Email", revenue: 20, refunded: 0, net_revenue: 20 },
        { key: "Paid Search", revenue: 20, refunded: 0, net_revenue: 20 },
      ])
      expect(row(last, ids.tote).split.map((c: any) => [c.key, c.revenue])).toEqual([
        ["Email", 10],
        ["Paid Search", 10],
      ])

      // Linear: each of order 1's three sessions is credited 10.00, shared over three 10.00
      // lines as 3.34 / 3.33 / 3.33, the extra cent to the line with the lowest id.
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const lineIds = (await pg.raw(`select line_item_id, variant_id from attribution_line_item where order_id = ?`, [orders.one])).rows
      const first = lineIds.sort((a: any, b: any) => (Buffer.from(a.line_item_id) < Buffer.from(b.line_item_id) ? -1 : 1))[0].variant_id
      const orderOneShare = (variants: string[]) => variants.reduce((sum, v) => sum + (v === first ? 334 : 333), 0) / 100
      const linear = await get(`/admin/attribution/products?currency=EUR&model=linear&split_by=channel`)
      const shirt = row(linear, ids.shirt)
      const tote = row(linear, ids.tote)
      for (const channel of ["Paid Social", "Email"]) {
        expect(cell(shirt, channel)).toBe(orderOneShare([ids.shirtM, ids.shirtL]))
        expect(cell(tote, channel)).toBe(orderOneShare([ids.toteOne]))
      }
      // Paid Search: its third of order 1, and all of order 2 (20.00 shirts, 10.00 tote).
      expect(cell(shirt, "Paid Search")).toBeCloseTo(orderOneShare([ids.shirtM, ids.shirtL]) + 20, 2)
      expect(cell(tote, "Paid Search")).toBeCloseTo(orderOneShare([ids.toteOne]) + 10, 2)
      for (const r of linear.rows) {
        const cents = r.split.reduce((sum: number, c: any) => sum + Math.round(c.revenue * 100), 0)
        expect(cents).toBe(Math.round(r.revenue * 100))
      }
      const byChannel = Object.fromEntries(linear.totals.split.map((c: any) => [c.key, c.revenue]))
      expect(byChannel).toEqual({ "Paid Search": 40, "Paid Social": 10, Email: 10 })

      // The revenue report credits the same totals per channel.
      const revenue = await get(`/admin/attribution/revenue?currency=EUR&model=linear`)
      for (const [channel, amount] of Object.entries(byChannel)) {
        expect(revenue.rows.find((r: any) => r.key === channel).revenue).toBe(amount)
      }
    })

    it("shares a refund among the lines in proportion to their revenue, and answers one product's channels for its widget", async () => {
      const container = getContainer()
      const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "order",
        fields: ["payment_collections.payments.id"],
        filters: { id: orders.two },
      })
      const paymentId = (data[0] as any).payment_collections[0].payments[0].id
      await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId } })
      await refundPaymentWorkflow(container).run({ input: { payment_id: paymentId, amount: 3 } })
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const deadline = Date.now() + 15_000
      let refunded = "0"
      while (Date.now() < deadline && refunded === "0") {
        refunded = (await pg.raw(`select refunded_amount::text as r from attribution_payment where order_id = ?`, [orders.two])).rows[0].r
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(refunded).toBe("3.00")

      const report = await get(`/admin/attribution/products?currency=EUR&model=last_touch&split_by=channel`)
      // 3.00 of order 2's 30.00: 2.00 on the shirts (20.00), 1.00 on the tote (10.00).
      expect(row(report, ids.shirt)).toMatchObject({ revenue: 40, refunded: 2, net_revenue: 38 })
      expect(row(report, ids.tote)).toMatchObject({ revenue: 20, refunded: 1, net_revenue: 19 })
      expect(row(report, ids.shirt).split).toContainEqual({ key: "Paid Search", revenue: 20, refunded: 2, net_revenue: 18 })
      expect(report.totals).toMatchObject({ revenue: 60, refunded: 3, net_revenue: 57 })

      const widget = await get(`/admin/attribution/products/${ids.shirt}/channels?currency=EUR&model=last_touch`)
      expect(widget).toMatchObject({ product_id: ids.shirt, label: "Linen Shirt", currency: "EUR", model: "last_touch", split_by: "channel" })
      expect(widget.rows).toEqual([
        { key: "Email", revenue: 20, refunded: 0, net_revenue: 20, orders: 1 },
        { key: "Paid Search", revenue: 20, refunded: 2, net_revenue: 18, orders: 1 },
      ])
      expect(widget.totals).toEqual({ revenue: 40, refunded: 2, net_revenue: 38, quantity: 4, orders: 2 })

      const unknown = await get(`/admin/attribution/products/prod_unknown/channels?currency=EUR`)
      expect(unknown).toMatchObject({ rows: [], totals: { revenue: 0, quantity: 0, orders: 0 } })
      expect(await lineCreditViolations(sql)).toEqual([])
    })

    it("rewrites the line credits when another route reports an order's payment again, without its lines", async () => {
      // A Stripe webhook of a Medusa order's payment intent merges into the order's payment and
      // stores its credits again (new rows); the lines are known only from the order.
      const container = getContainer()
      const before = await get(`/admin/attribution/products?currency=EUR&model=linear&split_by=channel`)
      const [payment] = await sql(`select id, occurred_at from attribution_payment where order_id = '${orders.one}'`)
      const oldCredits = await sql(`select id from attribution_credit where payment_id = '${payment.id}'`)
      const service: AttributionModuleService = container.resolve(ATTRIBUTION_MODULE)
      await service.recordPayment({
        provider: "stripe",
        provider_payment_id: "pi_products_same_order",
        references: [{ provider: "medusa", external_id: orders.one }],
        amount: "30.00",
        currency_code: "EUR",
        occurred_at: new Date(payment.occurred_at),
      })
      expect(await sql(`select id from attribution_payment where order_id = '${orders.one}'`)).toEqual([{ id: payment.id }])
      const newCredits = await sql(`select id from attribution_credit where payment_id = '${payment.id}' and deleted_at is null`)
      expect(newCredits.map((c: any) => c.id)).not.toContain(oldCredits[0].id)
      expect(await lineCreditViolations(sql)).toEqual([])
      const after = await get(`/admin/attribution/products?currency=EUR&model=linear&split_by=channel`)
      expect(after.rows).toEqual(before.rows)
    })

    it("keeps each line's shares exact when the data-driven credits are recomputed", async () => {
      const before = await get(`/admin/attribution/products?currency=EUR&model=data_driven&split_by=channel`)
      const recomputed = await api.post(`/admin/attribution/data-driven/recompute`, {}, { headers })
      expect(recomputed.status).toBe(200)
      const rows = await sql(`select count(*)::int as n from attribution_line_credit where model = 'data_driven'`)
      expect(rows[0].n).toBeGreaterThan(0)
      expect(await lineCreditViolations(sql)).toEqual([])
      const after = await get(`/admin/attribution/products?currency=EUR&model=data_driven&split_by=channel`)
      expect(after.totals).toEqual(before.totals)
    })

    it("answers 400 naming a bad parameter, and 401 without admin auth", async () => {
      const bad = async (path: string) => (await api.get(path, { headers }).catch((e) => e.response)) as { status: number; data: any }
      for (const [path, field] of [
        ["/admin/attribution/products?group_by=brand", "group_by"],
        ["/admin/attribution/products?split_by=color", "split_by"],
        ["/admin/attribution/products?model=best", "model"],
        ["/admin/attribution/products?limit=0", "limit"],
        ["/admin/attribution/products?from=yesterday", "from"],
        ["/admin/attribution/products?currency=EURO", "currency"],
        ["/admin/attribution/products/prod_1/channels?split_by=color", "split_by"],
        ["/admin/attribution/products/bad%20id/channels", "id"],
      ]) {
        const res = await bad(path!)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(new RegExp(`^${field}: `))
      }
      for (const path of ["/admin/attribution/products", `/admin/attribution/products/${ids.shirt}/channels`]) {
        const res = await api.get(path).catch((e) => e.response)
        expect(res.status).toBe(401)
      }
    })
  },
})
