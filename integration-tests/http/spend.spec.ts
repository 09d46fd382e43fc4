import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { randomBytes } from "crypto"
import { readFileSync } from "fs"
import { join } from "path"
import { describeDevice, toIngestEvent } from "../../src/lib/collector/enrich"
import type { CollectorEvent } from "../../src/lib/collector/schema"
import { refreshReportRollups } from "../../src/lib/reports/rollups"
import { ATTRIBUTION_MODULE, type AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createSecretKey } from "./helpers/keys"

jest.setTimeout(240_000)

// Ad spend (issue 10, docs/ad-spend.md): the JSON API, CSV uploads of every format, bad
// input, and the revenue report's spend, ROAS, CAC and cost per visitor, against figures
// worked out by hand below.
//
// November 2026 (UTC), USD, last_non_direct:
//   V1 google/cpc "Black Friday" pays 200.00 (alice, first payment: a new customer)
//   V2 google/cpc "Black Friday" pays 50.00 (bob, who paid in October already: returning)
//   V3 facebook/paid_social "autumn-sale" pays 30.00 (carol, new), 10.00 refunded
//   V4 facebook/paid_social "autumn-sale" visits; V5 comes directly.
// Spend in November: Black Friday 60.00 + 40.00, brand 25.00 (Google Ads), autumn-sale 45.00
// (Meta), and 20.00 EUR on Affiliates (never added to USD); 1,000.00 USD in December.

const FIXTURES = join(__dirname, "../../src/core/spend/__tests__/fixtures")
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const NOVEMBER = "from=2026-11-01&to=2026-12-01"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbUtils }) => {
    let headers: Record<string, string>
    let secret: string
    const service = () => getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const knex = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const sql = async (q: string, params: unknown[] = []) => (await knex().raw(q, params)).rows
    const spendRows = async () => Number((await sql(`select count(*)::int as n from attribution_spend`))[0].n)

    const device = describeDevice(CHROME)
    const visit = (visitor: string, session: string, query: string, iso: string) =>
      toIngestEvent(
        { type: "pageview", visitor_id: visitor, session_id: session, url: `https://shop.example/${query ? `?${query}` : ""}`, ts: Date.parse(iso) } as CollectorEvent,
        device,
        ["shop.example"],
        Date.parse(iso)
      )

    const as = (h: Record<string, string> | null) => (h ? { headers: h } : {})
    const get = (path: string, h: Record<string, string> | null = headers) => api.get(path, as(h)).catch((e: any) => e.response)
    const del = (path: string, h: Record<string, string> | null = headers) => api.delete(path, as(h)).catch((e: any) => e.response)
    const post = (path: string, body: unknown, h: Record<string, string> | null = headers) =>
      api.post(path, body, as(h)).catch((e: any) => e.response)
    const upload = (body: Buffer | string, query = "", h: Record<string, string> | null = headers) =>
      api
        .post(`/admin/attribution/spend/upload${query}`, body, {
          headers: { ...(h ?? {}), "content-type": "text/csv" },
          maxBodyLength: Infinity,
          transformRequest: [(data: unknown) => data],
        })
        .catch((e: any) => e.response)
    const fixture = (name: string) => readFileSync(join(FIXTURES, name))
    const pay = async (name: string, body: Record<string, unknown>) => {
      const res = await api
        .post("/attribution/v1/payments", { provider: "stripe", providerPaymentId: `pi_${name}`, ...body }, { headers: { authorization: `Bearer ${secret}` } })
        .catch((e: any) => e.response)
      expect(res.status).toBe(201)
    }

    beforeAll(async () => {
      const admin = await createAdminUser(getContainer())
      headers = await adminHeaders(admin, getContainer())
      secret = (await createSecretKey(getContainer())).token
      await service().writeEvents([
        visit("vis_spend_one_000000001", "ses_spend_one_000000001", "utm_source=google&utm_medium=cpc&utm_campaign=Black%20Friday", "2026-11-21T10:00:00Z"),
        visit("vis_spend_two_000000001", "ses_spend_two_000000001", "utm_source=google&utm_medium=cpc&utm_campaign=Black%20Friday", "2026-11-21T11:00:00Z"),
        visit("vis_spend_three_0000001", "ses_spend_three_0000001", "utm_source=facebook&utm_medium=paid_social&utm_campaign=autumn-sale", "2026-11-22T10:00:00Z"),
        visit("vis_spend_four_00000001", "ses_spend_four_00000001", "utm_source=facebook&utm_medium=paid_social&utm_campaign=autumn-sale", "2026-11-22T11:00:00Z"),
        visit("vis_spend_five_00000001", "ses_spend_five_00000001", "", "2026-11-23T10:00:00Z"),
      ])
      await pay("bob_october", { amount: 15, currency: "USD", customerEmail: "bob@example.com", occurredAt: "2026-10-01T10:00:00Z" })
      await pay("alice", { amount: 200, currency: "USD", visitorId: "vis_spend_one_000000001", customerEmail: "alice@example.com", occurredAt: "2026-11-21T10:30:00Z" })
      await pay("bob", { amount: 50, currency: "USD", visitorId: "vis_spend_two_000000001", customerEmail: "bob@example.com", occurredAt: "2026-11-21T11:30:00Z" })
      await pay("carol", { amount: "30.00", currency: "USD", visitorId: "vis_spend_three_0000001", customerEmail: "carol@example.com", occurredAt: "2026-11-22T10:30:00Z" })
      const refund = await api
        .post("/attribution/v1/refunds", { provider: "stripe", providerPaymentId: "pi_carol", amount: "10.00" }, { headers: { authorization: `Bearer ${secret}` } })
        .catch((e: any) => e.response)
      expect(refund.status).toBe(201)
      await sql(`update attribution_event set created_at = occurred_at`)
      expect(await refreshReportRollups(knex(), { rebuild: true })).toBe(true)
      await dbUtils.snapshot()
    })

    describe("POST, GET and DELETE /admin/attribution/spend", () => {
      const row = (over: Record<string, unknown> = {}) => ({ date: "2026-11-21", campaign: "black-friday", source: "google", medium: "cpc", channel: "Paid Search", amount: 153.22, currency: "USD", ...over })

      it("stores JSON rows, and a second import of the same day and campaign replaces them", async () => {
        const first = await post("/admin/attribution/spend", { rows: [row(), row({ date: "2026-11-22", amount: "99.90" }), row({ campaign: null, source: null, medium: null, channel: "Affiliates", amount: 1500, currency: "jpy" })] })
        expect(first.status).toBe(200)
        expect(first.data).toEqual({ stored: 3, created: 3, replaced: 0 })
        // The platform revised Nov 21 (any spelling of the same campaign); Nov 23 is new.
        const again = await post("/admin/attribution/spend", { rows: [row({ campaign: " Black-Friday ", amount: 160 }), row({ date: "2026-11-23", amount: 10 })] })
        expect(again.data).toEqual({ stored: 2, created: 1, replaced: 1 })
        expect(await spendRows()).toBe(4)
        const list = await get(`/admin/attribution/spend?${NOVEMBER}`)
        expect(list.status).toBe(200)
        expect(list.data.totals).toEqual([
          { currency: "JPY", amount: 1500, rows: 1 },
          { currency: "USD", amount: 269.9, rows: 3 },
        ])
        expect(list.data.rows.map((r: any) => [r.date, r.campaign, r.channel, r.amount, r.currency, r.origin])).toEqual([
          ["2026-11-21", null, "Affiliates", 1500, "JPY", "api"],
          ["2026-11-21", "Black-Friday", "Paid Search", 160, "USD", "api"],
          ["2026-11-22", "black-friday", "Paid Search", 99.9, "USD", "api"],
          ["2026-11-23", "black-friday", "Paid Search", 10, "USD", "api"],
        ])
        expect((await get(`/admin/attribution/spend?from=2026-11-22&to=2026-11-23&currency=usd`)).data).toMatchObject({ count: 1, totals: [{ currency: "USD", amount: 99.9, rows: 1 }] })
      })

      it("answers 400 naming the row and field of every invalid row, and stores nothing", async () => {
        const res = await post("/admin/attribution/spend", {
          rows: [row(), row({ date: "2026-13-01" }), row({ amount: -5 }), row({ amount: "12,5" }), row({ currency: "XYZ" }), row({ campaign: null, source: null, channel: null }), row({ channel: "Telepathy" })],
        })
        expect(res.status).toBe(400)
        expect(res.data.errors).toEqual([
          { row: 1, field: "date", message: "date 2026-13-01 does not exist" },
          { row: 2, field: "amount", message: "amount -5 is negative" },
          { row: 3, field: "amount", message: 'amount "12,5" is not a number' },
          { row: 4, field: "currency", message: 'currency "XYZ" is not a known ISO 4217 code' },
          { row: 5, field: "campaign", message: "needs at least one of campaign, source, channel" },
          { row: 6, field: "channel", message: expect.stringMatching(/^channel "Telepathy" is not one of/) },
        ])
        expect(res.data.message).toMatch(/^rows\.1\.date: date 2026-13-01 does not exist; rows\.2\.amount: .*nothing was stored$/)
        const shape = await post("/admin/attribution/spend", { rows: [{ date: "2026-11-21", amount: true, currency: "USD", campaign: "x" }] })
        expect(shape.status).toBe(400)
        expect(shape.data.message).toMatch(/^rows\.0\.amount: must be a number/)
        expect((await post("/admin/attribution/spend", { rows: [] })).data.message).toBe("rows: must hold at least one row")
        expect(await spendRows()).toBe(0)
      })

      it("removes a range and says how many rows went", async () => {
        await post("/admin/attribution/spend", { rows: [row(), row({ date: "2026-11-30" }), row({ date: "2026-12-01" }), row({ date: "2026-11-25", currency: "EUR" })] })
        const res = await del(`/admin/attribution/spend?${NOVEMBER}&currency=USD`)
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ from: "2026-11-01", to: "2026-12-01", currency: "USD", deleted: 2 })
        expect((await get(`/admin/attribution/spend`)).data.rows.map((r: any) => [r.date, r.currency])).toEqual([["2026-11-25", "EUR"], ["2026-12-01", "USD"]])
        expect((await del(`/admin/attribution/spend?from=2026-11-01`)).status).toBe(400)
        expect((await del(`/admin/attribution/spend?from=2026-12-01&to=2026-11-01`)).data.message).toMatch(/^from: must be before `to`/)
        expect((await get(`/admin/attribution/spend?from=21-11-2026`)).data.message).toMatch(/^from: must be a day YYYY-MM-DD/)
      })

      it("refuses every spend route without admin authentication", async () => {
        expect((await get(`/admin/attribution/spend`, null)).status).toBe(401)
        expect((await post(`/admin/attribution/spend`, { rows: [row()] }, null)).status).toBe(401)
        expect((await del(`/admin/attribution/spend?${NOVEMBER}`, null)).status).toBe(401)
        expect((await upload(fixture("template.csv"), "", null)).status).toBe(401)
        expect(await spendRows()).toBe(0)
      })
    })

    describe("POST /admin/attribution/spend/upload", () => {
      it("imports each format as exported, and re-importing replaces instead of doubling", async () => {
        const google = await upload(fixture("google-ads-utf16.tsv"))
        expect(google.status).toBe(200)
        expect(google.data).toEqual({ format: "google_ads", stored: 3, created: 3, replaced: 0, skipped: 2 })
        expect((await upload(fixture("google-ads-micros.csv"))).data).toMatchObject({ format: "google_ads", stored: 3 })
        expect((await upload(fixture("meta-ads.csv"))).data).toMatchObject({ format: "meta_ads", stored: 2, skipped: 1 })
        expect((await upload(fixture("template.csv"))).data).toMatchObject({ format: "template", stored: 4 })
        // 12 rows read, 11 stored: the currency is no part of a row's identity (CONTRACT), so
        // the EUR account's "brand" of Nov 21 replaced the USD one with the same name.
        expect(await spendRows()).toBe(11)
        expect((await upload(fixture("google-ads-utf16.tsv"))).data).toMatchObject({ stored: 3, created: 0, replaced: 3 })
        expect(await spendRows()).toBe(11)
        const totals = (await get(`/admin/attribution/spend?${NOVEMBER}`)).data.totals
        // USD: 1,153.22 + 45.10 + 980.00 (Google) + 100.25 + 50.25 (Meta) + 153.22 + 0 (template);
        // EUR: 12.35 (12,345,678 micros) + 0 (Google) + 20.00 (template).
        expect(totals).toEqual([
          { currency: "EUR", amount: 32.35, rows: 3 },
          { currency: "JPY", amount: 1500, rows: 1 },
          { currency: "USD", amount: 2482.04, rows: 7 },
        ])
        const stored = await sql(`select origin, count(*)::int as n from attribution_spend group by 1 order by 1`)
        expect(stored).toEqual([{ origin: "google_ads", n: 5 }, { origin: "meta_ads", n: 2 }, { origin: "template", n: 4 }])
      })

      it("takes the currency of the upload for a file that names none", async () => {
        const text = "Day,Campaign,Cost\n2026-11-21,bf,10.10\n"
        const res = await upload(text)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/names no currency/)
        expect((await upload(text, "?currency=gbp")).data).toMatchObject({ format: "google_ads", stored: 1 })
        expect((await get(`/admin/attribution/spend`)).data.totals).toEqual([{ currency: "GBP", amount: 10.1, rows: 1 }])
      })

      it("answers 400 naming each problem and stores nothing", async () => {
        const wrongHeader = await upload("when,what,how much\n2026-11-21,bf,10\n")
        expect(wrongHeader.status).toBe(400)
        expect(wrongHeader.data).toMatchObject({ format: null, message: expect.stringMatching(/^The header was not recognised: expected a Google Ads/), rejected: [{ line: 1, reason: expect.stringContaining('"when", "what", "how much"') }] })

        const bad = await upload(fixture("bad-rows.csv"))
        expect(bad.status).toBe(400)
        expect(bad.data).toEqual({
          type: "invalid_data",
          message: "5 rows were rejected, so nothing was imported",
          format: "template",
          rejected_count: 5,
          rejected: [
            { line: 3, reason: "date 2026-02-30 does not exist" },
            { line: 4, reason: 'amount "-5" is negative' },
            { line: 5, reason: 'amount "ten" is not a number' },
            { line: 6, reason: 'currency "XYZ" is not a known ISO 4217 code' },
            { line: 7, reason: "amount: Amount 1.005 has 3 decimal places but USD allows 2" },
          ],
        })
        const metaBadDate = await upload("Campaign name,Day,Amount spent (USD)\nautumn-sale,2026-11-21,1.00\nautumn-sale,Nov 22 2026,2.00\n")
        expect(metaBadDate.data.rejected).toEqual([{ line: 3, reason: 'date "Nov 22 2026" is not a date YYYY-MM-DD' }])
        const unknownHeaderCurrency = await upload("Campaign name,Day,Amount spent (XYZ)\nautumn-sale,2026-11-21,1.00\n")
        expect(unknownHeaderCurrency.data.message).toMatch(/XYZ.*not a known ISO 4217 code/)

        // 10 MB of garbage, as text and as bytes.
        let text = ""
        while (text.length < 10 * 1024 * 1024) text += `${Math.random().toString(36).slice(2)}${Math.random() < 0.02 ? "\n" : ","}`
        const garbage = await upload(text)
        expect(garbage.status).toBe(400)
        expect(garbage.data.message).toMatch(/^The header was not recognised/)
        const binary = await upload(randomBytes(10 * 1024 * 1024))
        expect(binary.status).toBe(400)
        expect(binary.data.message).toMatch(/not text|binary/)
        // A real header followed by 10 MB of garbage: rows rejected by line, the list capped.
        const tail = await upload(`date,campaign,amount,currency\n${text}`)
        expect(tail.status).toBe(400)
        expect(tail.data.rejected_count).toBeGreaterThan(1000)
        expect(tail.data.rejected).toHaveLength(1000)
        expect(tail.data.rejected[0]).toMatchObject({ line: 2 })
        expect((await upload("")).status).toBe(400)
        expect(await spendRows()).toBe(0)
      })
    })

    describe("the revenue report with spend", () => {
      const upload4 = async () => {
        const google = "Campaign report\nNovember 1, 2026 - November 30, 2026\nDay,Campaign,Currency code,Cost\n" +
          "2026-11-21,Black Friday,USD,60.00\n2026-11-22,Black Friday,USD,40.00\n2026-11-21,brand,USD,25.00\n2026-12-05,Black Friday,USD,\"1,000.00\"\nTotal: Account,--,USD,\"1,125.00\"\n"
        expect((await upload(google)).data).toMatchObject({ format: "google_ads", stored: 4, skipped: 1 })
        expect((await upload("Campaign name,Day,Amount spent (USD)\nautumn-sale,2026-11-22,45.00\n")).data).toMatchObject({ stored: 1 })
        expect((await post("/admin/attribution/spend", { rows: [{ date: "2026-11-21", channel: "Affiliates", amount: 20, currency: "EUR" }] })).status).toBe(200)
      }
      const report = async (query: string) => {
        const res = await get(`/admin/attribution/revenue?${NOVEMBER}&currency=USD&${query}`)
        expect(res.status).toBe(200)
        return res.data
      }
      const figures = (r: any) => [r.key, r.revenue, r.net_revenue, r.visitors, r.spend, r.roas, r.cac, r.cost_per_visitor, r.new_customers]

      it("has no spend fields while no spend is stored", async () => {
        const r = await report("group_by=campaign")
        expect(r.totals).not.toHaveProperty("spend")
        expect(r).not.toHaveProperty("spend_other_currencies")
        expect(r.rows[0]).not.toHaveProperty("roas")
      })

      it("matches spend to campaigns, sources and channels, ratios from sums, other currencies apart", async () => {
        await upload4()
        const byCampaign = await report("group_by=campaign")
        // Black Friday: net 250.00 ÷ spend 100.00 = 2.5; one new customer (alice; bob paid in
        // October): CAC 100.00; two visitors: 50.00 each. autumn-sale: net 30.00 − 10.00 = 20.00
        // ÷ 45.00 = 0.4444; carol is new: CAC 45.00; two visitors: 22.50. brand spent and
        // brought no one: a row of its own. Totals: net 270.00 ÷ 170.00 = 1.5882; 2 new
        // customers: CAC 85.00; 5 visitors: 34.00.
        expect(byCampaign.rows.map(figures)).toEqual([
          ["Black Friday", 250, 250, 2, 100, 2.5, 100, 50, 1],
          ["autumn-sale", 30, 20, 2, 45, 0.4444, 45, 22.5, 1],
          ["(not set)", 0, 0, 1, null, null, null, null, 0],
          ["brand", 0, 0, 0, 25, 0, null, null, 0],
        ])
        expect(figures(byCampaign.totals)).toEqual([undefined, 280, 270, 5, 170, 1.5882, 85, 34, 2])
        expect(byCampaign.spend_other_currencies).toEqual([{ currency: "EUR", amount: 20 }])

        const byChannel = await report("group_by=channel")
        expect(byChannel.rows.map(figures)).toEqual([
          ["Paid Search", 250, 250, 2, 125, 2, 125, 62.5, 1],
          ["Paid Social", 30, 20, 2, 45, 0.4444, 45, 22.5, 1],
          ["Direct", 0, 0, 1, null, null, null, null, 0],
        ])
        const bySource = await report("group_by=source")
        expect(Object.fromEntries(bySource.rows.map((r: any) => [r.key, r.spend]))).toEqual({ google: 125, facebook: 45, "(direct)": null })
        // No spend column for terms: spend only in the totals.
        const byTerm = await report("group_by=term")
        expect(byTerm.rows.every((r: any) => r.spend === null)).toBe(true)
        expect(byTerm.totals).toMatchObject({ spend: 170, roas: 1.5882 })
        // From Nov 22: Black Friday's 40.00 and autumn-sale's 45.00.
        const later = await get(`/admin/attribution/revenue?from=2026-11-22&to=2026-12-01&currency=USD&group_by=campaign`)
        expect(later.data.totals.spend).toBe(85)
        // In EUR: the EUR spend, no revenue; the USD spend apart.
        const eur = await get(`/admin/attribution/revenue?${NOVEMBER}&currency=EUR`)
        expect(eur.data.totals).toMatchObject({ revenue: 0, spend: 20, roas: 0, cac: null })
        expect(eur.data.spend_other_currencies).toEqual([{ currency: "USD", amount: 170 }])
        // A month without spend, once spend exists: the fields, null.
        const october = await get(`/admin/attribution/revenue?from=2026-10-01&to=2026-11-01&currency=USD`)
        expect(october.data.totals).toMatchObject({ spend: null, roas: null, cac: null, cost_per_visitor: null })
      })

      it("shares a new customer among the channels of their path under a multi-touch model", async () => {
        await upload4()
        // dave is new: an autumn-sale (Paid Social) visit, then a Black Friday (Paid Search) one.
        await service().writeEvents([
          visit("vis_spend_six_000000001", "ses_spend_six_000000001", "utm_source=facebook&utm_medium=paid_social&utm_campaign=autumn-sale", "2026-11-20T10:00:00Z"),
          visit("vis_spend_six_000000001", "ses_spend_six_000000002", "utm_source=google&utm_medium=cpc&utm_campaign=Black%20Friday", "2026-11-21T10:00:00Z"),
        ])
        await pay("dave", { amount: 100, currency: "USD", visitorId: "vis_spend_six_000000001", customerEmail: "dave@example.com", occurredAt: "2026-11-21T12:00:00Z" })
        const linear = await report("group_by=channel&model=linear")
        // Under linear, half of dave to each channel: Paid Search alice 1 + dave 0.5 (bob
        // returns), Paid Social carol 1 + dave 0.5; CAC 125.00 ÷ 1.5 and 45.00 ÷ 1.5.
        const byKey = Object.fromEntries(linear.rows.map((r: any) => [r.key, [r.new_customers, r.cac]]))
        expect(byKey).toEqual({ "Paid Search": [1.5, 83.33], "Paid Social": [1.5, 30], Direct: [0, null] })
        expect(linear.totals).toMatchObject({ new_customers: 3, cac: 56.67 })
        // Under a single-touch model each new customer is one row's.
        const lastTouch = await report("group_by=channel&model=last_touch")
        expect(Object.fromEntries(lastTouch.rows.map((r: any) => [r.key, r.new_customers]))).toEqual({ "Paid Search": 2, "Paid Social": 1, Direct: 0 })
      })

      it("exports the spend columns in the CSV", async () => {
        await upload4()
        const res = await api.get(`/admin/attribution/revenue/export?${NOVEMBER}&currency=USD&group_by=campaign`, { headers, responseType: "arraybuffer" })
        const lines = Buffer.from(res.data).toString("utf8").split("\r\n")
        expect(lines[0]).toBe("\uFEFFkey,revenue,refunded,net_revenue,payments,visitors,conversion_rate,revenue_per_visitor,average_order_value,spend,roas,cac,cost_per_visitor,new_customers")
        expect(lines[1]).toBe("Black Friday,250.00,0.00,250.00,2,2,1,125.00,125.00,100.00,2.5,100.00,50.00,1")
        expect(lines[3]).toBe("(not set),0.00,0.00,0.00,0,1,0,0.00,0.00,,,,,0")
        expect(lines[5]).toBe("(total),280.00,10.00,270.00,3,5,0.6,56.00,93.33,170.00,1.5882,85.00,34.00,2")
      })
    })
  },
})
