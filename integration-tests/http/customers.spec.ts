import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { describeDevice, toIngestEvent } from "../../src/lib/collector/enrich"
import type { CollectorEvent } from "../../src/lib/collector/schema"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createSecretKey } from "./helpers/keys"

jest.setTimeout(240_000)

// The customer reports (docs/customers.md) against payments recorded through the
// module service (Medusa customers, by id) and the payment API (by email only), with sessions
// written as the collector writes them. Every figure is worked out by hand here.
//
// USD payments (and their channels: first touch / last non-direct):
//   Alice (Medusa id)  A1 2025-01-10 100.00  Paid Search / Paid Search   new
//                      A2 2025-01-25  50.00  Paid Search / Email         returning (15 days)
//                      A3 2025-03-01  30.00  Paid Search / Email         returning (50 days)
//                      A4 2025-01-26  20.00 EUR (another currency: never in USD figures)
//   Bob (email)        B1 2025-01-16  60.00, 15.00 refunded  Organic Social   new
//                      B2 2025-02-10  40.00  Organic Social                  returning (25 days)
//   Carol (email)      C0 2025-01-02 999.00 canceled (never her first payment)
//                      C1 2025-01-31T23:30Z 80.00, no visitor: Unassigned   new (February in Paris)
//   Dave (Medusa id)   DT 2025-01-03   7.00 test mode (left out)
//                      D1 2025-02-21 200.00  Paid Search                     new
//   nobody             U1 2025-01-12   5.00  Unassigned                      unknown
//   Erin (email)       E1 three days ago 70.00, Direct                     new (a young cohort)
//   Eve (email)        V1 2025-01-21  30.00 EUR, Unassigned                new in EUR

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const DAY = 86_400_000
const Q1 = "from=2025-01-01&to=2025-04-01"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbUtils }) => {
    let headers: Record<string, string>
    let secret: string
    let alice: string
    let dave: string
    const ids: Record<string, string> = {}
    const erinAt = new Date(Date.now() - 3 * DAY)

    const container = () => getContainer()
    const service = () => container().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const device = describeDevice(CHROME)
    const pageview = (visitor: string, session: string, url: string, when: string, referrer?: string) =>
      toIngestEvent(
        { type: "pageview", visitor_id: visitor, session_id: session, url, referrer, ts: Date.parse(when) } as CollectorEvent,
        device,
        ["shop.example"],
        Date.parse(when)
      )

    const get = (path: string, h: Record<string, string> | null = headers) =>
      api.get(path, h ? { headers: h } : {}).catch((e: any) => e.response)
    const ok = async (path: string) => {
      const res = await get(path)
      expect(res.status).toBe(200)
      return res.data
    }
    const postJson = (path: string, body: unknown) =>
      api.post(path, body, { headers: { authorization: `Bearer ${secret}` } }).catch((e: any) => e.response)
    const pay = async (name: string, body: Record<string, unknown>) => {
      const res = await postJson("/attribution/v1/payments", { provider: "stripe", providerPaymentId: `pi_${name}`, ...body })
      expect(res.status).toBe(201)
      ids[name] = res.data.payment.id
    }
    const record = async (name: string, input: Record<string, unknown>) => {
      ids[name] = (
        await service().recordPayment({
          provider: "medusa",
          provider_payment_id: `order_${name}`,
          order_id: `order_${name}`,
          ...input,
        } as never)
      ).payment_id
    }

    async function seed() {
      const admin = await createAdminUser(container())
      headers = await adminHeaders(admin, container())
      secret = (await createSecretKey(container())).token
      const customers = container().resolve(Modules.CUSTOMER)
      alice = (await customers.createCustomers({ email: "alice@example.com", first_name: "Alice" })).id
      dave = (await customers.createCustomers({ email: "dave@example.com", first_name: "Dave" })).id

      const erinSession = new Date(erinAt.getTime() - DAY).toISOString()
      await service().writeEvents([
        pageview("vis_customers_alice_0001", "ses_customers_alice_0001", "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand", "2025-01-05T10:00:00Z"),
        pageview("vis_customers_alice_0001", "ses_customers_alice_0002", "https://shop.example/?utm_source=newsletter&utm_medium=email", "2025-01-20T10:00:00Z"),
        pageview("vis_customers_alice_0001", "ses_customers_alice_0003", "https://shop.example/", "2025-03-01T09:00:00Z"),
        pageview("vis_customers_bob_00001", "ses_customers_bob_00001", "https://shop.example/blog", "2025-01-15T10:00:00Z", "https://www.facebook.com/"),
        pageview("vis_customers_dave_0001", "ses_customers_dave_0001", "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=bf", "2025-02-20T10:00:00Z"),
        pageview("vis_customers_erin_0001", "ses_customers_erin_0001", "https://shop.example/", erinSession),
      ])

      await record("A1", { customer_id: alice, visitor_id: "vis_customers_alice_0001", amount: "100.00", currency_code: "USD", occurred_at: new Date("2025-01-10T12:00:00Z") })
      await record("A2", { customer_id: alice, visitor_id: "vis_customers_alice_0001", amount: "50.00", currency_code: "USD", occurred_at: new Date("2025-01-25T12:00:00Z") })
      await record("A3", { customer_id: alice, visitor_id: "vis_customers_alice_0001", amount: "30.00", currency_code: "USD", occurred_at: new Date("2025-03-01T10:00:00Z") })
      await record("A4", { customer_id: alice, visitor_id: "vis_customers_alice_0001", amount: "20.00", currency_code: "EUR", occurred_at: new Date("2025-01-26T12:00:00Z") })
      await pay("B1", { amount: 60, currency: "USD", visitorId: "vis_customers_bob_00001", customerEmail: "Bob@Example.com", occurredAt: "2025-01-16T10:00:00Z" })
      expect((await postJson("/attribution/v1/refunds", { provider: "stripe", providerPaymentId: "pi_B1", amount: "15.00" })).status).toBe(201)
      await pay("B2", { amount: "40.00", currency: "USD", visitorId: "vis_customers_bob_00001", customerEmail: "bob@example.com", occurredAt: "2025-02-10T10:00:00Z" })
      await pay("C0", { amount: 999, currency: "USD", customerEmail: "carol@example.com", occurredAt: "2025-01-02T10:00:00Z" })
      expect(await service().cancelPayment("stripe", "pi_C0")).toBe(true)
      await pay("C1", { amount: 80, currency: "USD", customerEmail: "carol@example.com", occurredAt: "2025-01-31T23:30:00Z" })
      await record("DT", { customer_id: dave, amount: "7.00", currency_code: "USD", is_test: true, occurred_at: new Date("2025-01-03T10:00:00Z") })
      await record("D1", { customer_id: dave, visitor_id: "vis_customers_dave_0001", amount: "200.00", currency_code: "USD", occurred_at: new Date("2025-02-21T10:00:00Z") })
      await pay("U1", { amount: 5, currency: "USD", occurredAt: "2025-01-12T03:00:00Z" })
      await pay("E1", { amount: 70, currency: "USD", visitorId: "vis_customers_erin_0001", customerEmail: "erin@example.com", occurredAt: erinAt.toISOString() })
      await pay("V1", { amount: 30, currency: "EUR", customerEmail: "eve@example.com", occurredAt: "2025-01-21T15:00:00Z" })
    }

    beforeAll(async () => {
      await seed()
      await dbUtils.snapshot()
    })

    const rowsByKey = (report: { rows: { key: string }[] }) => Object.fromEntries(report.rows.map(({ key, ...r }) => [key, r]))
    const zero = { new_revenue: 0, new_net_revenue: 0, new_payments: 0, returning_revenue: 0, returning_net_revenue: 0, returning_payments: 0, unknown_revenue: 0, unknown_net_revenue: 0, unknown_payments: 0, new_customers: 0, returning_customers: 0 }
    const nvr = (r: Partial<typeof zero>) => {
      const f = { ...zero, ...r }
      return {
        ...f,
        revenue: Math.round((f.new_revenue + f.returning_revenue + f.unknown_revenue) * 100) / 100,
        net_revenue: Math.round((f.new_net_revenue + f.returning_net_revenue + f.unknown_net_revenue) * 100) / 100,
        payments: f.new_payments + f.returning_payments + f.unknown_payments,
      }
    }
    const PAID_SEARCH_NEW = { new_revenue: 300, new_net_revenue: 300, new_payments: 2, new_customers: 2 }
    const ORGANIC_SOCIAL = nvr({ new_revenue: 60, new_net_revenue: 45, new_payments: 1, new_customers: 1, returning_revenue: 40, returning_net_revenue: 40, returning_payments: 1, returning_customers: 1 })
    const UNASSIGNED = nvr({ new_revenue: 80, new_net_revenue: 80, new_payments: 1, new_customers: 1, unknown_revenue: 5, unknown_net_revenue: 5, unknown_payments: 1 })
    const Q1_TOTALS = nvr({ new_revenue: 440, new_net_revenue: 425, new_payments: 4, new_customers: 4, returning_revenue: 120, returning_net_revenue: 120, returning_payments: 3, returning_customers: 2, unknown_revenue: 5, unknown_net_revenue: 5, unknown_payments: 1 })

    describe("GET /admin/attribution/customers/new-returning", () => {
      it("splits each channel's revenue into new, returning and no customer under last_non_direct", async () => {
        const report = await ok(`/admin/attribution/customers/new-returning?${Q1}&currency=usd`)
        expect(report).toMatchObject({ currency: "USD", currencies: ["USD", "EUR"], model: "last_non_direct", group_by: "channel" })
        expect(report.rows.map((r: any) => r.key)).toEqual(["Paid Search", "Organic Social", "Unassigned", "Email"])
        expect(rowsByKey(report)).toEqual({
          "Paid Search": nvr(PAID_SEARCH_NEW),
          "Organic Social": ORGANIC_SOCIAL,
          Unassigned: UNASSIGNED,
          Email: nvr({ returning_revenue: 80, returning_net_revenue: 80, returning_payments: 2, returning_customers: 1 }),
        })
        expect(report.totals).toEqual(Q1_TOTALS)
      })

      it("moves Alice's later payments to her first touch under first_touch, totals unchanged", async () => {
        const report = await ok(`/admin/attribution/customers/new-returning?${Q1}&currency=USD&model=first_touch`)
        expect(rowsByKey(report)).toEqual({
          "Paid Search": nvr({ ...PAID_SEARCH_NEW, returning_revenue: 80, returning_net_revenue: 80, returning_payments: 2, returning_customers: 1 }),
          "Organic Social": ORGANIC_SOCIAL,
          Unassigned: UNASSIGNED,
        })
        expect(report.totals).toEqual(Q1_TOTALS)
      })

      it("reconciles with the revenue report row by row", async () => {
        for (const model of ["last_non_direct", "linear"]) {
          const mine = await ok(`/admin/attribution/customers/new-returning?${Q1}&currency=USD&model=${model}`)
          const revenue = await ok(`/admin/attribution/revenue?${Q1}&currency=USD&model=${model}`)
          const withRevenue = revenue.rows.filter((r: any) => r.revenue > 0)
          expect(mine.rows.map((r: any) => [r.key, r.revenue, r.net_revenue, r.payments])).toEqual(
            withRevenue.map((r: any) => [r.key, r.revenue, r.net_revenue, r.payments])
          )
          expect([mine.totals.revenue, mine.totals.net_revenue, mine.totals.payments]).toEqual([revenue.totals.revenue, revenue.totals.net_revenue, revenue.totals.payments])
        }
      })

      it("counts a customer's payment in another currency there, never in USD", async () => {
        const eur = await ok(`/admin/attribution/customers/new-returning?${Q1}&currency=EUR`)
        // Alice's first payment was in USD: her EUR one is a returning customer's.
        expect(eur.totals).toEqual(nvr({ new_revenue: 30, new_net_revenue: 30, new_payments: 1, new_customers: 1, returning_revenue: 20, returning_net_revenue: 20, returning_payments: 1, returning_customers: 1 }))
      })

      it("counts the test-mode payment only when asked, as a test customer's first", async () => {
        const report = await ok(`/admin/attribution/customers/new-returning?${Q1}&currency=USD&include_test=true`)
        expect(report.totals).toMatchObject({ new_revenue: 447, new_customers: 5, new_payments: 5, returning_customers: 2 })
      })
    })

    const PAID_SEARCH_LTV = { customers: 2, net_revenue: 380, ltv: 190, payments: 4, payments_per_customer: 2, repeat_customers: 1, repeat_rate: 0.5 }

    describe("GET /admin/attribution/customers/ltv", () => {
      it("adds up each acquisition channel's customers' net revenue to date, in one currency", async () => {
        const report = await ok(`/admin/attribution/customers/ltv?${Q1}&currency=USD`)
        expect(report.currency).toBe("USD")
        expect(report.rows).toEqual([
          { key: "Paid Search", ...PAID_SEARCH_LTV },
          { key: "Organic Social", customers: 1, net_revenue: 85, ltv: 85, payments: 2, payments_per_customer: 2, repeat_customers: 1, repeat_rate: 1 },
          { key: "Unassigned", customers: 1, net_revenue: 80, ltv: 80, payments: 1, payments_per_customer: 1, repeat_customers: 0, repeat_rate: 0 },
        ])
        expect(report.totals).toEqual({ customers: 4, net_revenue: 545, ltv: 136.25, payments: 7, payments_per_customer: 1.75, repeat_customers: 2, repeat_rate: 0.5 })
      })

      it("leaves a customer's payments in another currency out, and counts each currency's own customers", async () => {
        const eur = await ok(`/admin/attribution/customers/ltv?${Q1}&currency=EUR`)
        expect(eur.rows).toEqual([{ key: "Unassigned", customers: 1, net_revenue: 30, ltv: 30, payments: 1, payments_per_customer: 1, repeat_customers: 0, repeat_rate: 0 }])
      })

      it("counts the customers acquired in the range only, with their later payments", async () => {
        // February: Carol (first payment on 31 January in UTC) is not in it; Bob's February payment is his second.
        const feb = await ok(`/admin/attribution/customers/ltv?from=2025-02-01&to=2025-03-01&currency=USD`)
        expect(feb.rows).toEqual([{ key: "Paid Search", customers: 1, net_revenue: 200, ltv: 200, payments: 1, payments_per_customer: 1, repeat_customers: 0, repeat_rate: 0 }])
        // In Paris, 2025-01-31T23:30Z is 1 February: Carol comes in.
        const paris = await ok(`/admin/attribution/customers/ltv?from=2025-02-01&to=2025-03-01&currency=USD&timezone=Europe/Paris`)
        expect(paris.totals).toMatchObject({ customers: 2, net_revenue: 280, ltv: 140 })
      })
    })

    describe("GET /admin/attribution/customers/cohorts", () => {
      const horizons = (ltv: (number | null)[], net: (number | null)[]) => ({
        ltv_30: ltv[0], ltv_90: ltv[1], ltv_180: ltv[2], ltv_365: ltv[3],
        net_revenue_30: net[0], net_revenue_90: net[1], net_revenue_180: net[2], net_revenue_365: net[3],
      })
      const EMPTY = { customers: 0, repeat_customers: 0, repeat_rate: 0, net_revenue: 0, ltv: 0, ...horizons([null, null, null, null], [null, null, null, null]) }

      it("groups customers by the month of their first payment, with net revenue per customer at 30/90/180/365 days", async () => {
        const report = await ok(`/admin/attribution/customers/cohorts?${Q1}&currency=USD`)
        expect(report).toMatchObject({ currency: "USD", timezone: "UTC", channel: null, days: [30, 90, 180, 365] })
        expect(report.rows).toEqual([
          { key: "2025-03", ...EMPTY },
          // Dave.
          { key: "2025-02", customers: 1, repeat_customers: 0, repeat_rate: 0, net_revenue: 200, ltv: 200, ...horizons([200, 200, 200, 200], [200, 200, 200, 200]) },
          // Alice 150 at 30 days, 180 from 90; Bob 85; Carol 80: 315 and 345 over 3 customers.
          { key: "2025-01", customers: 3, repeat_customers: 2, repeat_rate: 0.6667, net_revenue: 345, ltv: 115, ...horizons([105, 115, 115, 115], [315, 345, 345, 345]) },
        ])
      })

      it("buckets months in the report's time zone", async () => {
        const report = await ok(`/admin/attribution/customers/cohorts?from=2025-01-01&to=2025-03-01&currency=USD&timezone=europe/paris`)
        expect(report.timezone).toBe("Europe/Paris")
        expect(report.rows.map((r: any) => [r.key, r.customers, r.ltv_30, r.ltv_90])).toEqual([
          ["2025-02", 2, 140, 140],
          ["2025-01", 2, 117.5, 132.5],
        ])
      })

      it("filters by acquisition channel", async () => {
        const report = await ok(`/admin/attribution/customers/cohorts?from=2025-01-01&to=2025-03-01&currency=USD&channel=Paid%20Search`)
        expect(report.channel).toBe("Paid Search")
        expect(report.rows.map((r: any) => [r.key, r.customers, r.repeat_rate, r.ltv_30, r.ltv_90, r.ltv])).toEqual([
          ["2025-02", 1, 0, 200, 200, 200],
          ["2025-01", 1, 1, 150, 180, 180],
        ])
      })

      it("answers null, not a low figure, where a cohort has not had the days yet", async () => {
        const to = new Date(Date.now() + 3600_000).toISOString()
        const report = await ok(`/admin/attribution/customers/cohorts?from=2025-01-01&to=${to}&currency=USD`)
        const month = erinAt.toISOString().slice(0, 7)
        const young = report.rows.find((r: any) => r.key === month)
        expect(young).toEqual({ key: month, customers: 1, repeat_customers: 0, repeat_rate: 0, net_revenue: 70, ltv: 70, ...horizons([null, null, null, null], [null, null, null, null]) })
        expect(report.rows[0].key).toBe(new Date(Date.parse(to) - 1).toISOString().slice(0, 7))
        expect(report.rows[report.rows.length - 1]).toMatchObject({ key: "2025-01", ltv_365: 115 })
      })
    })

    describe("GET /admin/attribution/customers/:id", () => {
      it("gives the widget each payment's status, the acquisition channel, LTV and the channel's average", async () => {
        const report = await ok(`/admin/attribution/customers/${alice}`)
        expect(report).toMatchObject({
          customer_id: alice,
          currency: "USD",
          currencies: ["USD", "EUR"],
          acquisition: { channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand", first_payment_id: ids.A1, first_payment_at: "2025-01-10T12:00:00.000Z", currency: "USD" },
          lifetime: { revenue: 180, refunded: 0, net_revenue: 180, payments: 3, repeat: true },
          // Alice and Dave, all time.
          channel_average: { channel: "Paid Search", customers: 2, ltv: 190, repeat_rate: 0.5 },
        })
        expect(report.payments.map((p: any) => [p.id, p.customer_status, p.amount, p.currency_code])).toEqual([
          [ids.A3, "returning", 30, "USD"],
          [ids.A4, "returning", 20, "EUR"],
          [ids.A2, "returning", 50, "USD"],
          [ids.A1, "new", 100, "USD"],
        ])
        const eur = await ok(`/admin/attribution/customers/${alice}?currency=eur`)
        expect(eur).toMatchObject({ currency: "EUR", lifetime: { net_revenue: 20, payments: 1 }, channel_average: null })
      })

      it("leaves a test-mode payment out unless asked, and answers empty for an unknown customer", async () => {
        const d = await ok(`/admin/attribution/customers/${dave}`)
        expect(d.payments.map((p: any) => p.id)).toEqual([ids.D1])
        expect(d.acquisition.channel).toBe("Paid Search")
        const withTest = await ok(`/admin/attribution/customers/${dave}?include_test=true`)
        // Test mode makes a customer of its own: both are firsts.
        expect(withTest.payments.map((p: any) => [p.id, p.customer_status])).toEqual([[ids.D1, "new"], [ids.DT, "new"]])
        expect(await ok(`/admin/attribution/customers/cus_unknown`)).toEqual({
          customer_id: "cus_unknown", currency: null, currencies: [], acquisition: null, lifetime: null, channel_average: null, payments: [],
        })
      })
    })

    describe("bad input and auth", () => {
      it.each([
        ["/admin/attribution/customers/new-returning?group_by=country", "group_by: must be one of"],
        ["/admin/attribution/customers/new-returning?model=best", "model: must be one of"],
        ["/admin/attribution/customers/ltv?from=yesterday", "from: must be an ISO 8601 date"],
        ["/admin/attribution/customers/ltv?currency=dollars", "currency: must be an ISO 4217 code"],
        ["/admin/attribution/customers/cohorts?channel=Television", "channel: must be a channel"],
        ["/admin/attribution/customers/cohorts?timezone=%2B01:00", "timezone:"],
        ["/admin/attribution/customers/cohorts?from=2025-03-01&to=2025-01-01", "from: must be before `to`"],
        [`/admin/attribution/customers/cus_x?include_test=1`, "include_test: must be one of true, false"],
      ])("%s answers 400 naming the parameter", async (path, message) => {
        const res = await get(path)
        expect(res.status).toBe(400)
        expect(res.data.type).toBe("invalid_data")
        expect(res.data.message).toContain(message)
      })

      it.each(["new-returning", "ltv", "cohorts", "cus_x"])("/admin/attribution/customers/%s answers 401 without admin auth", async (path) => {
        expect((await get(`/admin/attribution/customers/${path}`, null)).status).toBe(401)
      })
    })
  },
})
