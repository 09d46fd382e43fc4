import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { describeDevice, toIngestEvent } from "../../src/lib/collector/enrich"
import type { CollectorEvent } from "../../src/lib/collector/schema"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { refreshReportRollups } from "../../src/lib/reports/rollups"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createSecretKey } from "./helpers/keys"

jest.setTimeout(240_000)

// The admin report routes (docs/reports-api.md) against a store whose visits and payments were
// recorded through the real paths: sessions through the module's event writer (as the collector
// writes them, with dates in October 2026), payments and refunds through the payment API, a
// cancellation, a test-mode payment and a customer's payment through the module service.
//
// Figures asserted below, for October 2026 (from 2026-10-01 to 2026-11-01, UTC), in USD under
// last_non_direct: P1 100.00 (refunded 25.00), P2 49.99, P6 10.00, P7 20.00, P8 30.00 and the
// unlinked P9 5.00: revenue 214.99, refunded 25.00, 6 payments; visitors A, B, C and D.

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const V = {
  A: "vis_reports_alpha_000001",
  B: "vis_reports_bravo_000001",
  C: "vis_reports_charlie_0001",
  D: "vis_reports_delta_000001",
}
const S = {
  A1: "ses_reports_alpha_000001",
  A2: "ses_reports_alpha_000002",
  B1: "ses_reports_bravo_000001",
  C1: "ses_reports_charlie_0001",
  D1: "ses_reports_delta_000001",
  D2: "ses_reports_delta_000002",
}
const DANA = "Dana@Example.com"
/** A campaign a spreadsheet would run as a formula, with a comma and quotes to escape. */
const FORMULA_CAMPAIGN = '=SUM(1,2) "x"'

const OCTOBER = "from=2026-10-01&to=2026-11-01"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbUtils }) => {
    let headers: Record<string, string>
    let secret: string
    const ids: Record<string, string> = {}
    let customerId: string

    const container = () => getContainer()
    const service = () => container().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const knex = () => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const sql = async (q: string, params: unknown[] = []) => (await knex().raw(q, params)).rows

    const device = describeDevice(CHROME)
    /** An event as the collector would accept it at that moment. */
    const event = (e: Partial<CollectorEvent> & { type: CollectorEvent["type"]; visitor_id: string; session_id: string }, at: string) =>
      toIngestEvent({ ...e } as CollectorEvent, device, ["shop.example"], Date.parse(at))
    const at = (iso: string) => ({ ts: Date.parse(iso) })

    const get = (path: string, h: Record<string, string> | null = headers) =>
      api.get(path, h ? { headers: h } : {}).catch((e: any) => e.response)
    const postJson = (path: string, body: unknown) =>
      api.post(path, body, { headers: { authorization: `Bearer ${secret}` } }).catch((e: any) => e.response)
    const pay = async (name: string, body: Record<string, unknown>) => {
      const res = await postJson("/attribution/v1/payments", { provider: "stripe", providerPaymentId: `pi_${name}`, ...body })
      expect(res.status).toBe(201)
      ids[name] = res.data.payment.id
    }

    /** Everything the reports read, written once; each test starts from this snapshot. */
    async function seed() {
      const admin = await createAdminUser(container())
      headers = await adminHeaders(admin, container())
      secret = (await createSecretKey(container())).token
      const customers = container().resolve(Modules.CUSTOMER)
      customerId = (await customers.createCustomers({ email: DANA.toLowerCase(), first_name: "Dana" })).id

      const when = {
        A1: "2026-10-05T10:00:00Z",
        A2: "2026-10-20T09:00:00Z",
        B1: "2026-10-10T12:00:00Z",
        C1: "2026-10-12T08:00:00Z",
        D1: "2026-09-15T10:00:00Z",
        D2: "2026-10-25T10:00:00Z",
      }
      await service().writeEvents([
        event({ type: "pageview", visitor_id: V.A, session_id: S.A1, url: "https://shop.example/p/shirt?utm_source=google&utm_medium=cpc&utm_campaign=bf", referrer: "https://www.google.com/", ...at(when.A1) }, when.A1),
        event({ type: "pageview", visitor_id: V.A, session_id: S.A1, url: "https://shop.example/p/shirt/size", ...at("2026-10-05T10:02:00Z") }, "2026-10-05T10:02:00Z"),
        event({ type: "pageview", visitor_id: V.A, session_id: S.A2, url: "https://shop.example/", ...at(when.A2) }, when.A2),
        // A purchase the browser claims, sent twice (a reloaded thank-you page), and one in EUR.
        event({ type: "purchase", visitor_id: V.A, session_id: S.A2, order_id: "order_claimed_1", amount: 100, currency: "usd", url: "https://shop.example/thanks", ...at("2026-10-20T09:30:00Z") }, "2026-10-20T09:30:00Z"),
        event({ type: "purchase", visitor_id: V.A, session_id: S.A2, order_id: "order_claimed_1", amount: 100, currency: "usd", url: "https://shop.example/thanks", ...at("2026-10-20T09:31:00Z") }, "2026-10-20T09:31:00Z"),
        event({ type: "purchase", visitor_id: V.A, session_id: S.A2, order_id: "order_claimed_2", amount: 12.5, currency: "eur", url: "https://shop.example/thanks", ...at("2026-10-20T09:40:00Z") }, "2026-10-20T09:40:00Z"),
        event({ type: "pageview", visitor_id: V.B, session_id: S.B1, url: `https://shop.example/p/hat?utm_source=newsletter&utm_medium=email&utm_campaign=${encodeURIComponent(FORMULA_CAMPAIGN)}`, ...at(when.B1) }, when.B1),
        event({ type: "pageview", visitor_id: V.C, session_id: S.C1, url: "https://shop.example/blog", referrer: "https://www.facebook.com/", ...at(when.C1) }, when.C1),
        event({ type: "pageview", visitor_id: V.D, session_id: S.D1, url: "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand", ...at(when.D1) }, when.D1),
        event({ type: "identify", visitor_id: V.D, session_id: S.D1, email: DANA.toLowerCase(), ...at("2026-09-15T10:05:00Z") }, "2026-09-15T10:05:00Z"),
        event({ type: "pageview", visitor_id: V.D, session_id: S.D2, url: "https://shop.example/p/coat?utm_source=instagram&utm_medium=paid_social&utm_campaign=launch", ...at(when.D2) }, when.D2),
      ])

      await pay("A1", { amount: 100, currency: "USD", visitorId: V.A, occurredAt: "2026-10-20T10:00:00Z", orderId: "order_journey_1" })
      expect((await postJson("/attribution/v1/refunds", { provider: "stripe", providerPaymentId: "pi_A1", amount: "25.00" })).status).toBe(201)
      await pay("B1", { amount: 49.99, currency: "usd", visitorId: V.B, occurredAt: "2026-10-10T12:30:00Z" })
      await pay("B2", { amount: "80.00", currency: "EUR", visitorId: V.B, occurredAt: "2026-10-11T09:00:00Z" })
      await pay("A2", { amount: 1500, currency: "JPY", visitorId: V.A, occurredAt: "2026-10-21T10:00:00Z" })
      await pay("B3", { amount: "12.345", currency: "KWD", visitorId: V.B, occurredAt: "2026-10-15T10:00:00Z" })
      // Around the end of daylight saving time in Paris (2026-10-25 03:00 → 02:00 local).
      await pay("D1", { amount: 10, currency: "USD", visitorId: V.D, customerEmail: DANA, occurredAt: "2026-10-24T22:30:00Z" })
      await pay("D2", { amount: 20, currency: "USD", visitorId: V.D, customerEmail: DANA, occurredAt: "2026-10-25T22:30:00Z" })
      ids.D3 = (
        await service().recordPayment({
          provider: "medusa",
          provider_payment_id: "order_dana_3",
          order_id: "order_dana_3",
          customer_id: customerId,
          visitor_id: V.D,
          amount: "30.00",
          currency_code: "USD",
          occurred_at: new Date("2026-10-25T23:30:00Z"),
        })
      ).payment_id
      await pay("U1", { amount: 5, currency: "USD", occurredAt: "2026-10-03T03:00:00Z" })
      await pay("D0", { amount: 80, currency: "USD", visitorId: V.D, customerEmail: DANA, occurredAt: "2026-09-15T11:00:00Z" })
      await pay("X1", { amount: 1000, currency: "USD", visitorId: V.A, occurredAt: "2026-10-06T10:00:00Z" })
      expect(await service().cancelPayment("stripe", "pi_X1")).toBe(true)
      ids.T1 = (
        await service().recordPayment({
          provider: "stripe",
          provider_payment_id: "pi_T1",
          visitor_id: V.C,
          amount: "7.00",
          currency_code: "USD",
          is_test: true,
          occurred_at: new Date("2026-10-07T10:00:00Z"),
        })
      ).payment_id

      // As if every event had been written when it happened, then the rollups built: reports
      // count visitors from the rollup, with no visitor changed since.
      await sql(`update attribution_event set created_at = occurred_at`)
      expect(await refreshReportRollups(knex(), { rebuild: true })).toBe(true)
    }

    beforeAll(async () => {
      await seed()
      await dbUtils.snapshot()
    })

    const revenue = async (query: string) => {
      const res = await get(`/admin/attribution/revenue?${query}`)
      expect(res.status).toBe(200)
      return res.data
    }
    const rowOf = (report: { rows: { key: string }[] }, key: string) => report.rows.find((r) => r.key === key)

    const OCTOBER_TOTALS = {
      revenue: 214.99,
      refunded: 25,
      net_revenue: 189.99,
      payments: 6,
      visitors: 4,
      conversion_rate: 0.75,
      revenue_per_visitor: 53.75,
      average_order_value: 35.83,
    }
    const OCTOBER_CHANNELS = [
      { key: "Paid Search", revenue: 110, refunded: 25, net_revenue: 85, payments: 2, visitors: 1, conversion_rate: 2, revenue_per_visitor: 110, average_order_value: 55 },
      { key: "Paid Social", revenue: 50, refunded: 0, net_revenue: 50, payments: 2, visitors: 1, conversion_rate: 1, revenue_per_visitor: 50, average_order_value: 25 },
      { key: "Email", revenue: 49.99, refunded: 0, net_revenue: 49.99, payments: 1, visitors: 1, conversion_rate: 1, revenue_per_visitor: 49.99, average_order_value: 49.99 },
      { key: "Unassigned", revenue: 5, refunded: 0, net_revenue: 5, payments: 1, visitors: 0, conversion_rate: 0, revenue_per_visitor: 0, average_order_value: 5 },
      { key: "Direct", revenue: 0, refunded: 0, net_revenue: 0, payments: 0, visitors: 1, conversion_rate: 0, revenue_per_visitor: 0, average_order_value: 0 },
      { key: "Organic Social", revenue: 0, refunded: 0, net_revenue: 0, payments: 0, visitors: 1, conversion_rate: 0, revenue_per_visitor: 0, average_order_value: 0 },
    ]

    describe("GET /admin/attribution/revenue", () => {
      it("sums one currency under a model, with visitors per channel and exact ratios", async () => {
        const report = await revenue(`${OCTOBER}&currency=usd`)
        expect(report).toMatchObject({
          currency: "USD",
          currencies: ["USD", "EUR", "JPY", "KWD"],
          model: "last_non_direct",
          group_by: "channel",
          from: "2026-10-01T00:00:00.000Z",
          to: "2026-11-01T00:00:00.000Z",
          include_test: false,
        })
        expect(report.rows).toEqual(OCTOBER_CHANNELS)
        expect(report.totals).toEqual(OCTOBER_TOTALS)
        // Without `currency`: the currency with most payments.
        expect((await revenue(OCTOBER)).currency).toBe("USD")
      })

      it("answers JPY without decimals and KWD with three, never adding currencies", async () => {
        expect((await revenue(`${OCTOBER}&currency=JPY`)).totals).toMatchObject({ revenue: 1500, payments: 1, revenue_per_visitor: 375, average_order_value: 1500 })
        expect((await revenue(`${OCTOBER}&currency=kwd`)).totals).toMatchObject({ revenue: 12.345, payments: 1, revenue_per_visitor: 3.086 })
        expect((await revenue(`${OCTOBER}&currency=EUR&group_by=campaign`)).rows[0]).toMatchObject({ key: FORMULA_CAMPAIGN, revenue: 80 })
      })

      it("splits under a fractional model, test mode only when asked", async () => {
        const linear = await revenue(`${OCTOBER}&currency=USD&model=linear`)
        expect(Object.fromEntries(linear.rows.map((r: any) => [r.key, [r.revenue, r.refunded]]))).toMatchObject({
          "Paid Search": [85, 12.5],
          Direct: [50, 12.5],
          "Paid Social": [25, 0],
          Email: [49.99, 0],
          Unassigned: [5, 0],
        })
        expect(linear.totals).toMatchObject({ revenue: 214.99, refunded: 25, payments: 6 })
        const withTest = await revenue(`${OCTOBER}&currency=USD&include_test=true`)
        expect(withTest.totals).toMatchObject({ revenue: 221.99, payments: 7 })
      })
    })

    describe("visitor counts from the rollup, from the sessions, and while visitors change", () => {
      const SINCE_OCTOBER = `from=2026-10-01&to=${new Date(Date.now() + 3600_000).toISOString()}&currency=USD`
      const visitorsByChannel = async (query = `${OCTOBER}&currency=USD`) => {
        const report = await revenue(query)
        return { ...Object.fromEntries(report.rows.map((r: any) => [r.key, r.visitors])), total: report.totals.visitors }
      }
      const OCTOBER_VISITORS = { "Paid Search": 1, "Paid Social": 1, Email: 1, Unassigned: 0, Direct: 1, "Organic Social": 1, total: 4 }

      it("counts the same from the sessions when the rollup is missing, then builds it in the background", async () => {
        await sql(`delete from attribution_report_state`)
        await sql(`delete from attribution_report_session`)
        expect((await revenue(`${OCTOBER}&currency=USD`)).totals).toEqual(OCTOBER_TOTALS)
        // The report started a build and did not wait for it.
        const deadline = Date.now() + 30_000
        while (Date.now() < deadline && !(await sql(`select 1 from attribution_report_state`)).length) {
          await new Promise((r) => setTimeout(r, 100))
        }
        expect((await sql(`select count(*)::int as n from attribution_report_session`))[0].n).toBe(6)
        expect((await revenue(`${OCTOBER}&currency=USD`)).rows).toEqual(OCTOBER_CHANNELS)
      })

      it("counts visitors whose sessions changed since the rollup from their sessions, exactly", async () => {
        // Charlie comes back from a Google ad, Alpha twice directly (visits of the last days, as
        // the collector writes them): Paid Search gains Charlie, Direct still counts Alpha once.
        // Bravo's October visit from Instagram ads arrives only now (an import with its date).
        const day = 86_400_000
        const when = (msAgo: number) => new Date(Date.now() - msAgo).toISOString()
        await service().writeEvents([
          event({ type: "pageview", visitor_id: V.B, session_id: "ses_reports_bravo_000002", url: "https://shop.example/?utm_source=instagram&utm_medium=paid_social&utm_campaign=launch", ...at("2026-10-26T10:00:00Z") }, "2026-10-26T10:00:00Z"),
          event({ type: "pageview", visitor_id: V.C, session_id: "ses_reports_charlie_0002", url: "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=bf", ...at(when(2 * day)) }, when(2 * day)),
          event({ type: "pageview", visitor_id: V.A, session_id: "ses_reports_alpha_000003", url: "https://shop.example/", ...at(when(day)) }, when(day)),
          event({ type: "pageview", visitor_id: V.A, session_id: "ses_reports_alpha_000004", url: "https://shop.example/", ...at(when(day - 3600_000)) }, when(day - 3600_000)),
        ])
        const expected = { ...OCTOBER_VISITORS, "Paid Search": 2, "Paid Social": 2 }
        expect(await visitorsByChannel(SINCE_OCTOBER)).toEqual(expected)
        // Brought up to date, and once those writes are old news: the same from the rollup alone.
        expect(await refreshReportRollups(knex())).toBe(true)
        expect(await visitorsByChannel(SINCE_OCTOBER)).toEqual(expected)
        await sql(`update attribution_event set created_at = occurred_at`)
        expect(await refreshReportRollups(knex())).toBe(true)
        expect(await visitorsByChannel(SINCE_OCTOBER)).toEqual(expected)
        expect(await visitorsByChannel()).toEqual({ ...OCTOBER_VISITORS, "Paid Social": 2 })
        expect(await visitorsByChannel(`from=${when(3 * day)}&currency=USD`)).toEqual({ "Paid Search": 1, Direct: 1, total: 2 })
      })

      it("forgets the sessions that are deleted (an erased visitor), rollup rows included", async () => {
        await sql(`delete from attribution_event where visitor_id = ?`, [V.C])
        await sql(`delete from attribution_session where visitor_id = ?`, [V.C])
        const { "Organic Social": organic, ...rest } = OCTOBER_VISITORS
        expect(organic).toBe(1)
        expect(await visitorsByChannel()).toEqual({ ...rest, total: 3 })
        expect((await sql(`select count(*)::int as n from attribution_report_session where visitor_id = ?`, [V.C]))[0].n).toBe(0)
      })
    })

    describe("GET /admin/attribution/revenue/export", () => {
      it("downloads the rows and the totals as CSV, quoted and safe for spreadsheets", async () => {
        // As sent: axios would drop the byte order mark when decoding text.
        const raw = (path: string) =>
          api.get(path, { headers, responseType: "arraybuffer" }).then((r: any) => ({ ...r, data: Buffer.from(r.data).toString("utf8") }))
        const res = await raw(`/admin/attribution/revenue/export?${OCTOBER}&currency=USD&group_by=campaign`)
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
        expect(res.headers["content-disposition"]).toBe(
          'attachment; filename="attribution-campaign-last_non_direct-USD-2026-10-01-2026-10-31.csv"'
        )
        expect(res.data.split("\r\n")).toEqual([
          "\uFEFFkey,revenue,refunded,net_revenue,payments,visitors,conversion_rate,revenue_per_visitor,average_order_value",
          "bf,100.00,25.00,75.00,1,1,1,100.00,100.00",
          "launch,50.00,0.00,50.00,2,1,1,50.00,25.00",
          `"'=SUM(1,2) ""x""",49.99,0.00,49.99,1,1,1,49.99,49.99`,
          "brand,10.00,0.00,10.00,1,0,0,0.00,10.00",
          "(not set),5.00,0.00,5.00,1,2,0,2.50,5.00",
          "(total),214.99,25.00,189.99,6,4,0.75,53.75,35.83",
          "",
        ])
        const jpy = await raw(`/admin/attribution/revenue/export?${OCTOBER}&currency=JPY`)
        expect(jpy.data).toContain("\r\n(total),1500,0,1500,1,4,0.25,375,1500\r\n")
        expect(jpy.headers["content-disposition"]).toContain("-JPY-")
      })
    })

    describe("GET /admin/attribution/summary", () => {
      it("compares with the previous period and reports claimed purchases, unlinked payments and events apart", async () => {
        const res = await get(`/admin/attribution/summary?${OCTOBER}&currency=USD`)
        expect(res.status).toBe(200)
        expect(res.data).toEqual({
          currency: "USD",
          currencies: ["USD", "EUR", "JPY", "KWD"],
          model: "last_non_direct",
          include_test: false,
          timezone: "UTC",
          from: "2026-10-01T00:00:00.000Z",
          to: "2026-11-01T00:00:00.000Z",
          previous_from: "2026-08-31T00:00:00.000Z",
          previous_to: "2026-10-01T00:00:00.000Z",
          current: OCTOBER_TOTALS,
          previous: {
            revenue: 80,
            refunded: 0,
            net_revenue: 80,
            payments: 1,
            visitors: 1,
            conversion_rate: 1,
            revenue_per_visitor: 80,
            average_order_value: 80,
          },
          change: {
            revenue: 1.6874,
            refunded: null,
            net_revenue: 1.3749,
            payments: 5,
            visitors: 3,
            conversion_rate: -0.25,
            revenue_per_visitor: -0.3281,
            average_order_value: -0.5521,
          },
          claimed: { revenue: 100, purchases: 1 },
          unlinked_payments: 1,
          events: 9,
        })
      })

      it("counts events from the hourly counts and from the events alike, to the minute", async () => {
        // Whole hours come from the hourly counts, the partial hours at both ends from the events.
        const res = await get(`/admin/attribution/summary?from=2026-10-05T10:01:00Z&to=2026-10-20T09:35:00Z&currency=USD`)
        expect(res.data.events).toBe(6)
        await sql(`delete from attribution_report_event_hour`)
        await sql(`delete from attribution_report_state`)
        expect((await get(`/admin/attribution/summary?from=2026-10-05T10:01:00Z&to=2026-10-20T09:35:00Z&currency=USD`)).data.events).toBe(6)
      })

      it("reads a date-only range in the requested time zone", async () => {
        const res = await get(`/admin/attribution/summary?from=2026-10-25&to=2026-10-26&timezone=europe/paris&currency=USD`)
        expect(res.data).toMatchObject({ timezone: "Europe/Paris", from: "2026-10-24T22:00:00.000Z", to: "2026-10-25T23:00:00.000Z" })
        expect(res.data.current).toMatchObject({ revenue: 30, payments: 2, visitors: 1 })
      })
    })

    describe("GET /admin/attribution/timeseries", () => {
      it("fills every day in Paris, across the end of daylight saving time", async () => {
        const res = await get(`/admin/attribution/timeseries?from=2026-10-20&to=2026-10-28&timezone=Europe/Paris&currency=USD`)
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ currency: "USD", model: "last_non_direct", interval: "day", timezone: "Europe/Paris", group_by: "channel" })
        expect(res.data.keys).toEqual(["Paid Search", "Paid Social"])
        const zero = { revenue: 0, net_revenue: 0, payments: 0, visitors: 0, by: {} }
        expect(res.data.points).toEqual([
          { period: "2026-10-20", revenue: 100, net_revenue: 75, payments: 1, visitors: 1, by: { "Paid Search": { revenue: 100, net_revenue: 75, payments: 1 } } },
          { period: "2026-10-21", ...zero },
          { period: "2026-10-22", ...zero },
          { period: "2026-10-23", ...zero },
          { period: "2026-10-24", ...zero },
          // 00:30 on the 25th (22:30 UTC the day before) and 23:30 in the day's 25th hour.
          {
            period: "2026-10-25",
            revenue: 30,
            net_revenue: 30,
            payments: 2,
            visitors: 1,
            by: { "Paid Search": { revenue: 10, net_revenue: 10, payments: 1 }, "Paid Social": { revenue: 20, net_revenue: 20, payments: 1 } },
          },
          { period: "2026-10-26", revenue: 30, net_revenue: 30, payments: 1, visitors: 0, by: { "Paid Social": { revenue: 30, net_revenue: 30, payments: 1 } } },
          { period: "2026-10-27", ...zero },
        ])
        // The same payments by UTC day.
        const utc = await get(`/admin/attribution/timeseries?from=2026-10-24&to=2026-10-26&currency=USD`)
        expect(utc.data.points.map((p: any) => [p.period, p.revenue])).toEqual([["2026-10-24", 10], ["2026-10-25", 50]])
      })

      it("buckets by week from Monday and by month, with each payment under every key it credits", async () => {
        const weeks = await get(`/admin/attribution/timeseries?${OCTOBER}&interval=week&timezone=Europe/Paris&currency=USD&model=linear`)
        expect(weeks.data.points.map((p: any) => [p.period, p.revenue, p.payments])).toEqual([
          ["2026-09-28", 5, 1],
          ["2026-10-05", 49.99, 1],
          ["2026-10-12", 0, 0],
          ["2026-10-19", 130, 3],
          ["2026-10-26", 30, 1],
        ])
        // Under linear, payments in `by` count every key a payment credits.
        expect(weeks.data.points[3].by).toEqual({
          "Paid Search": { revenue: 70, net_revenue: 57.5, payments: 3 },
          Direct: { revenue: 50, net_revenue: 37.5, payments: 1 },
          "Paid Social": { revenue: 10, net_revenue: 10, payments: 1 },
        })
        const months = await get(`/admin/attribution/timeseries?from=2026-09-01&to=2026-11-01&interval=month&currency=USD&group_by=campaign`)
        expect(months.data.points.map((p: any) => [p.period, p.revenue, p.visitors])).toEqual([
          ["2026-09-01", 80, 1],
          ["2026-10-01", 214.99, 4],
        ])
        expect(months.data.keys).toEqual(["bf", "brand", "launch", FORMULA_CAMPAIGN, "(not set)"])
      })
    })

    describe("GET /admin/attribution/journey", () => {
      it("shows an order's payment, its credits under every model and the visitor's sessions", async () => {
        const res = await get(`/admin/attribution/journey?order_id=order_journey_1`)
        expect(res.status).toBe(200)
        const [payment] = res.data.payments
        expect(res.data.payments).toHaveLength(1)
        expect(payment).toMatchObject({
          id: ids.A1,
          provider: "stripe",
          provider_payment_id: "pi_A1",
          order_id: "order_journey_1",
          customer_id: null,
          amount: 100,
          refunded_amount: 25,
          currency_code: "USD",
          status: "partially_refunded",
          is_test: false,
          link_method: "metadata",
          occurred_at: "2026-10-20T10:00:00.000Z",
          visitor_id: V.A,
          credited: { channel: "Paid Search", source: "google", medium: "cpc", campaign: "bf" },
        })
        expect(payment.credits).toHaveLength(11)
        expect(payment.credits.filter((c: any) => c.model === "linear")).toEqual([
          { model: "linear", session_id: S.A1, channel: "Paid Search", source: "google", medium: "cpc", campaign: "bf", amount: 50, refunded_amount: 12.5, weight: 0.5, promotion_code: null },
          { model: "linear", session_id: S.A2, channel: "Direct", source: "(direct)", medium: "(none)", campaign: null, amount: 50, refunded_amount: 12.5, weight: 0.5, promotion_code: null },
        ])
        expect(payment.credits.find((c: any) => c.model === "last_touch")).toMatchObject({ session_id: S.A2, amount: 100 })
        expect(res.data.sessions.map((s: any) => [s.id, s.channel, s.started_at, s.pageviews])).toEqual([
          [S.A1, "Paid Search", "2026-10-05T10:00:00.000Z", 2],
          [S.A2, "Direct", "2026-10-20T09:00:00.000Z", 1],
        ])
        expect(res.data.sessions[0]).toMatchObject({ landing_page: "/p/shirt", referrer_domain: "google.com", term: null })
        expect(res.data.first_touch).toEqual({ channel: "Paid Search", source: "google", medium: "cpc", campaign: "bf", started_at: "2026-10-05T10:00:00.000Z" })
        expect(res.data.revenue_to_date).toEqual([{ currency: "USD", revenue: 100, refunded: 25, net_revenue: 75, payments: 1 }])
        // `credited` follows the model asked for.
        const lastTouch = await get(`/admin/attribution/journey?order_id=order_journey_1&model=last_touch`)
        expect(lastTouch.data.payments[0].credited).toEqual({ channel: "Direct", source: "(direct)", medium: "(none)", campaign: null })
      })

      it("gathers a customer's payments by id and by email, with the first touch and revenue per currency", async () => {
        const res = await get(`/admin/attribution/journey?customer_id=${customerId}`)
        expect(res.status).toBe(200)
        expect(res.data.payments.map((p: any) => p.id)).toEqual([ids.D0, ids.D1, ids.D2, ids.D3])
        expect(res.data.payments.map((p: any) => p.credited.channel)).toEqual(["Paid Search", "Paid Search", "Paid Social", "Paid Social"])
        expect(res.data.sessions.map((s: any) => s.id)).toEqual([S.D1, S.D2])
        expect(res.data.first_touch).toMatchObject({ channel: "Paid Search", campaign: "brand", started_at: "2026-09-15T10:00:00.000Z" })
        expect(res.data.revenue_to_date).toEqual([{ currency: "USD", revenue: 140, refunded: 0, net_revenue: 140, payments: 4 }])
      })

      it("shows one payment, and empty lists for what it does not know", async () => {
        const one = await get(`/admin/attribution/journey?payment_id=${ids.B3}`)
        expect(one.data.payments).toEqual([expect.objectContaining({ id: ids.B3, amount: 12.345, currency_code: "KWD", credited: expect.objectContaining({ channel: "Email" }) })])
        expect(one.data.revenue_to_date).toEqual([{ currency: "KWD", revenue: 12.345, refunded: 0, net_revenue: 12.345, payments: 1 }])
        for (const query of ["order_id=order_unknown", "payment_id=apay_unknown", "customer_id=cus_unknown"]) {
          const res = await get(`/admin/attribution/journey?${query}`)
          expect(res.status).toBe(200)
          expect(res.data).toEqual({ model: "last_non_direct", payments: [], sessions: [], sessions_total: 0, first_touch: null, revenue_to_date: [] })
        }
      })
    })

    describe("GET /admin/attribution/payments", () => {
      const list = async (query: string) => {
        const res = await get(`/admin/attribution/payments?${OCTOBER}&${query}`)
        expect(res.status).toBe(200)
        return res.data
      }

      it("lists payments newest first, a page at a time, with what they were credited to", async () => {
        const all = await list("limit=100")
        expect(all.count).toBe(10)
        expect(all.payments.map((p: any) => p.id)).toEqual([ids.D3, ids.D2, ids.D1, ids.A2, ids.A1, ids.B3, ids.B2, ids.B1, ids.X1, ids.U1])
        expect(all.payments[0]).toEqual({
          id: ids.D3,
          provider: "medusa",
          provider_payment_id: "order_dana_3",
          order_id: "order_dana_3",
          customer_id: customerId,
          amount: 30,
          refunded_amount: 0,
          currency_code: "USD",
          status: "paid",
          is_test: false,
          link_method: "metadata",
          linked_at: expect.any(String),
          occurred_at: "2026-10-25T23:30:00.000Z",
          visitor_id: V.D,
          session_id: null,
          credited: { channel: "Paid Social", source: "instagram", medium: "paid_social", campaign: "launch" },
        })
        expect(JSON.stringify(all)).not.toContain(DANA.toLowerCase())
        const page = await list("limit=3&offset=3")
        expect(page).toMatchObject({ count: 10, limit: 3, offset: 3 })
        expect(page.payments.map((p: any) => p.id)).toEqual([ids.A2, ids.A1, ids.B3])
        expect((await list("limit=3&offset=9")).payments.map((p: any) => p.id)).toEqual([ids.U1])
        expect((await list("offset=50")).payments).toEqual([])
      })

      it("filters by link, provider, status, currency and test mode", async () => {
        expect((await list("linked=false")).payments.map((p: any) => p.id)).toEqual([ids.U1])
        expect((await list("linked=true")).count).toBe(9)
        expect((await list("provider=Medusa")).payments.map((p: any) => p.id)).toEqual([ids.D3])
        expect((await list("status=canceled")).payments.map((p: any) => [p.id, p.status])).toEqual([[ids.X1, "canceled"]])
        expect((await list("status=partially_refunded")).payments.map((p: any) => p.id)).toEqual([ids.A1])
        expect((await list("currency=eur")).payments.map((p: any) => [p.id, p.amount])).toEqual([[ids.B2, 80]])
        expect((await list("include_test=true&currency=USD")).count).toBe(8)
      })
    })

    describe("GET /admin/attribution/recent", () => {
      it("answers the latest events, payments and deliveries", async () => {
        const res = await get(`/admin/attribution/recent`)
        expect(res.status).toBe(200)
        expect(res.data.events).toHaveLength(10)
        expect(res.data.events[0]).toEqual({ id: expect.stringMatching(/^aev_/), type: "pageview", name: null, path: "/p/coat", occurred_at: "2026-10-25T10:00:00.000Z" })
        expect(res.data.payments).toHaveLength(10)
        // Newest written first (the test-mode payment was recorded last), whatever their dates.
        expect(res.data.payments[0]).toEqual({
          id: ids.T1,
          provider: "stripe",
          amount: 7,
          currency_code: "USD",
          link_method: "metadata",
          status: "paid",
          is_test: true,
          occurred_at: "2026-10-07T10:00:00.000Z",
          recorded_at: expect.any(String),
        })
        expect(res.data.deliveries).toEqual([])
      })
    })

    describe("errors", () => {
      const bad: [string, RegExp][] = [
        ["revenue?from=yesterday", /^from: must be an ISO 8601 date/],
        ["revenue?from=2026-02-30", /^from: /],
        ["revenue?from=2026-11-01&to=2026-10-01", /^from: must be before `to`/],
        ["revenue?model=best", /^model: must be one of first_touch, /],
        ["revenue?group_by=country", /^group_by: must be one of channel, /],
        ["revenue?currency=us", /^currency: must be an ISO 4217 code/],
        ["revenue?include_test=yes", /^include_test: must be one of true, false/],
        ["revenue?model=linear&model=first_touch", /^model: /],
        ["revenue/export?group_by=nope", /^group_by: /],
        ["summary?timezone=Mars/Olympus", /^timezone: Mars\/Olympus is not an IANA time zone/],
        ["summary?timezone=%2B01:00", /^timezone: /],
        ["timeseries?interval=hour", /^interval: must be one of day, week, month/],
        ["timeseries?from=2024-01-01&to=2026-01-01", /^interval: the range holds 731 day buckets, at most 400/],
        ["journey", /^order_id: give exactly one of order_id, customer_id or payment_id/],
        ["journey?order_id=a&payment_id=b", /^payment_id: give exactly one of order_id, customer_id or payment_id \(got order_id, payment_id\)/],
        ["journey?order_id=a&model=x", /^model: /],
        ["payments?limit=0", /^limit: must be an integer from 1 to 100/],
        ["payments?limit=101", /^limit: /],
        ["payments?offset=-1", /^offset: /],
        ["payments?linked=1", /^linked: must be one of true, false/],
        ["payments?status=lost", /^status: must be one of paid, partially_refunded, refunded, canceled/],
        ["payments?provider=str%20ipe", /^provider: /],
      ]
      it.each(bad)("answers 400 naming the parameter: %s", async (path, message) => {
        const res = await get(`/admin/attribution/${path}`)
        expect(res.status).toBe(400)
        expect(res.data).toEqual({ type: "invalid_data", message: expect.stringMatching(message) })
      })

      it("answers 401 without admin authentication", async () => {
        for (const path of ["revenue", "revenue/export", "summary", "timeseries", "journey?order_id=x", "payments", "recent"]) {
          expect((await get(`/admin/attribution/${path}`, null)).status).toBe(401)
          expect((await get(`/admin/attribution/${path}`, { authorization: `Bearer ${secret}` })).status).toBe(401)
        }
      })
    })
  },
})
