import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { describeDevice, toIngestEvent } from "../../src/lib/collector/enrich"
import type { CollectorEvent } from "../../src/lib/collector/schema"
import { forgetCachedWeights } from "../../src/lib/data-driven/weights-store"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createSecretKey } from "./helpers/keys"

jest.setTimeout(240_000)

// Three conversions are enough for weights in this app (medusa-config.ts reads this).
process.env.ATTRIBUTION_TEST_DD_MIN_CONVERSIONS = "3"

// The data_driven model end to end: sessions written through the module's event writer,
// payments and a refund through the payment API, weights recomputed through the route.
//
// Paths (days before now):
//   V1: Paid Search (20) → Email (10) → pays P1 100.00          PS → Email → conversion
//   V2: Email (15) → pays P2 50.00                               Email → conversion
//   V3: Paid Search (12), no payment                             PS → null
//   V4: Organic Social (8), no payment                           OS → null
//   V5 (added by some tests): Paid Search (9) → Email (5) → pays P3 33.33
//
// With V5 (3 conversions): START→PS 3, START→Email 1, START→OS 1; PS→Email 2, PS→null 1;
// Email→conv 3; OS→null 1. x_Email = 1, x_PS = 2/3, x_OS = 0; P = 3/5·2/3 + 1/5 = 3/5.
// Without PS: P = 1/5, effect 1 − 1/3 = 2/3. Without Email: P = 0, effect 1. Without OS: 0.
// Weights: PS (2/3)/(5/3) = 0.4, Email 1/(5/3) = 0.6, Organic Social 0.
// P1 100.00 → PS 40.00, Email 60.00. P3 33.33 = 3333 cents → 1333.2 / 1999.8 → 13.33 / 20.00
// (the leftover cent to the larger remainder).

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const DAY = 86_400_000
const NOW = Date.now()
const daysAgo = (d: number, extraMinutes = 0) => new Date(NOW - d * DAY + extraMinutes * 60_000).toISOString()
const PAID = "https://shop.example/?utm_source=google&utm_medium=cpc&utm_campaign=brand"
const EMAIL = "https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=weekly"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbUtils }) => {
    let headers: Record<string, string>
    let secret: string
    const ids: Record<string, string> = {}

    const container = () => getContainer()
    const service = () => container().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const knex = () => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const sql = async (q: string, params: unknown[] = []) => (await knex().raw(q, params)).rows
    const device = describeDevice(CHROME)

    const visit = (visitor: string, session: string, url: string, at: string, referrer?: string) =>
      toIngestEvent(
        { type: "pageview", visitor_id: visitor, session_id: session, url, referrer, ts: Date.parse(at) } as CollectorEvent,
        device,
        ["shop.example"],
        Date.parse(at)
      )
    const get = (path: string, h: Record<string, string> | null = headers) =>
      api.get(path, h ? { headers: h } : {}).catch((e: any) => e.response)
    const post = (path: string, body: unknown, h: Record<string, string> | null = headers) =>
      api.post(path, body, h ? { headers: h } : {}).catch((e: any) => e.response)
    const pay = async (name: string, visitorId: string, amount: string, occurredAt: string) => {
      const res = await post("/attribution/v1/payments", { provider: "stripe", providerPaymentId: `pi_dd_${name}`, amount, currency: "USD", visitorId, occurredAt }, { authorization: `Bearer ${secret}` })
      expect(res.status).toBe(201)
      ids[name] = res.data.payment.id
    }
    const recompute = async () => {
      const res = await post("/admin/attribution/data-driven/recompute", {})
      expect(res.status).toBe(200)
      return res.data
    }
    /** A payment's data_driven credits: channel → [amount, refunded] (exact decimal text). */
    const credits = async (paymentId: string, model = "data_driven") =>
      sql(
        `select channel, trim_scale(amount)::text as amount, trim_scale(refunded_amount)::text as refunded, weight from attribution_credit
          where payment_id = ? and model = ? and deleted_at is null order by session_started_at`,
        [paymentId, model]
      )
    const addFifthVisitor = async () => {
      await service().writeEvents([visit("vis_dd_5", "ses_dd_5a", PAID, daysAgo(9)), visit("vis_dd_5", "ses_dd_5b", EMAIL, daysAgo(5))])
      await pay("P3", "vis_dd_5", "33.33", daysAgo(5, 60))
    }
    const range = `from=${encodeURIComponent(daysAgo(30))}&to=${encodeURIComponent(new Date(NOW + DAY).toISOString())}&currency=USD`

    beforeAll(async () => {
      const admin = await createAdminUser(container())
      headers = await adminHeaders(admin, container())
      secret = (await createSecretKey(container())).token
      await service().writeEvents([
        visit("vis_dd_1", "ses_dd_1a", PAID, daysAgo(20)),
        visit("vis_dd_1", "ses_dd_1b", EMAIL, daysAgo(10)),
        visit("vis_dd_2", "ses_dd_2a", EMAIL, daysAgo(15)),
        visit("vis_dd_3", "ses_dd_3a", PAID, daysAgo(12)),
        visit("vis_dd_4", "ses_dd_4a", "https://shop.example/blog", daysAgo(8), "https://www.facebook.com/"),
      ])
      await pay("P1", "vis_dd_1", "100.00", daysAgo(10, 60))
      await pay("P2", "vis_dd_2", "50.00", daysAgo(15, 60))
      await dbUtils.snapshot()
    })

    // Each test starts from the snapshot; weights cached by an earlier test are gone with it.
    beforeEach(() => forgetCachedWeights())

    it("answers 401 without an admin", async () => {
      expect((await get("/admin/attribution/data-driven", null)).status).toBe(401)
      expect((await post("/admin/attribution/data-driven/recompute", {}, null)).status).toBe(401)
      expect(await sql(`select count(*)::int as n from attribution_model_weights`)).toEqual([{ n: 0 }])
    })

    it("runs one recompute at a time: a concurrent one answers 409, never a half-written state", async () => {
      const statuses = (await Promise.all([1, 2, 3].map(() => post("/admin/attribution/data-driven/recompute", {})))).map((r: any) => r.status)
      expect(statuses).toContain(200)
      for (const s of statuses) expect([200, 409]).toContain(s)
      const [{ n }] = await sql(`select count(*)::int as n from attribution_model_weights`)
      expect(n).toBe(statuses.filter((s) => s === 200).length)
      // Each payment still has exactly one set of data_driven credits adding up to it.
      expect(
        await sql(`select c.payment_id from attribution_credit c join attribution_payment p on p.id = c.payment_id
                    where c.model = 'data_driven' group by c.payment_id, p.amount having sum(c.amount) <> p.amount`)
      ).toEqual([])
    })

    it("answers linear_fallback before any computation", async () => {
      const res = await get("/admin/attribution/data-driven")
      expect(res.status).toBe(200)
      expect(res.data).toEqual({
        data_driven: { status: "linear_fallback", computed_at: null, paths: 0, conversions: 0, min_conversions: 3 },
        window_days: 90,
        weights: null,
      })
      const report = (await get(`/admin/attribution/revenue?${range}&model=data_driven`)).data
      expect(report.data_driven).toMatchObject({ status: "linear_fallback", min_conversions: 3 })
      // Like linear: P1 split evenly between its two sessions.
      expect((await credits(ids.P1)).map((c: any) => c.amount)).toEqual(["50", "50"])
    })

    it("falls back to linear below the minimum number of conversions, and says so", async () => {
      const body = await recompute()
      // 4 paths (V1, V2, V3, V4), 2 conversions: below 3.
      expect(body.data_driven).toMatchObject({ status: "linear_fallback", paths: 4, conversions: 2, min_conversions: 3 })
      expect(body.weights).toMatchObject({ paths: 4, conversions: 2 })
      expect(body.payments_recredited).toBe(2)
      expect((await credits(ids.P1)).map((c: any) => [c.channel, c.amount])).toEqual([
        ["Paid Search", "50"],
        ["Email", "50"],
      ])
      for (const path of ["revenue", "summary", "timeseries"]) {
        const res = await get(`/admin/attribution/${path}?${range}&model=data_driven`)
        expect(res.status).toBe(200)
        expect(res.data.data_driven).toMatchObject({ status: "linear_fallback", conversions: 2, min_conversions: 3 })
        // Other models say nothing about it.
        expect((await get(`/admin/attribution/${path}?${range}&model=linear`)).data.data_driven).toBeUndefined()
      }
    })

    it("computes the weights by hand, stores and shows them, and credits each payment by them exactly", async () => {
      await addFifthVisitor()
      const body = await recompute()
      expect(body.data_driven).toMatchObject({ status: "weights", paths: 5, conversions: 3, min_conversions: 3 })
      const weights = Object.fromEntries(body.weights.channels.map((c: any) => [c.channel, c.weight]))
      expect(weights["Paid Search"]).toBeCloseTo(0.4, 12)
      expect(weights["Email"]).toBeCloseTo(0.6, 12)
      expect(weights["Organic Social"]).toBe(0)
      expect(body.weights.channels.map((c: any) => c.channel)).toEqual(["Email", "Paid Search", "Organic Social"])
      expect(body.payments_recredited).toBe(3)

      // Stored: the newest row, shown by GET.
      const [row] = await sql(`select paths, conversions, weights from attribution_model_weights`)
      expect(row).toMatchObject({ paths: 5, conversions: 3 })
      const shown = (await get("/admin/attribution/data-driven")).data
      expect(shown.weights).toEqual(body.weights)
      expect(shown.data_driven.status).toBe("weights")

      // P1 by hand: 100.00 × 0.4 / 0.6; P3: 33.33 → 13.33 / 20.00; P2 has one session: all of it.
      expect((await credits(ids.P1)).map((c: any) => [c.channel, c.amount])).toEqual([
        ["Paid Search", "40"],
        ["Email", "60"],
      ])
      expect((await credits(ids.P3)).map((c: any) => [c.channel, c.amount])).toEqual([
        ["Paid Search", "13.33"],
        ["Email", "20"],
      ])
      expect((await credits(ids.P2)).map((c: any) => [c.channel, c.amount])).toEqual([["Email", "50"]])
      // Every payment's data_driven credits add up exactly to its amount.
      expect(
        await sql(`select c.payment_id from attribution_credit c join attribution_payment p on p.id = c.payment_id
                    where c.model = 'data_driven' group by c.payment_id, p.amount having sum(c.amount) <> p.amount`)
      ).toEqual([])

      // The report under data_driven: PS 40 + 13.33, Email 60 + 50 + 20.
      const report = (await get(`/admin/attribution/revenue?${range}&model=data_driven`)).data
      expect(report.data_driven).toMatchObject({ status: "weights", conversions: 3 })
      const byChannel = Object.fromEntries(report.rows.map((r: any) => [r.key, r.revenue]))
      expect(byChannel).toMatchObject({ "Paid Search": 53.33, Email: 130 })
      expect(report.totals.revenue).toBe(183.33)
    })

    it("credits a new payment with the current weights, and prorates refunds over data_driven credits", async () => {
      await addFifthVisitor()
      await recompute()
      // A new visitor with the same two channels pays after the recompute: 10.00 → 4.00 / 6.00.
      await service().writeEvents([visit("vis_dd_6", "ses_dd_6a", PAID, daysAgo(3)), visit("vis_dd_6", "ses_dd_6b", EMAIL, daysAgo(2))])
      await pay("P4", "vis_dd_6", "10.00", daysAgo(2, 30))
      expect((await credits(ids.P4)).map((c: any) => [c.channel, c.amount])).toEqual([
        ["Paid Search", "4"],
        ["Email", "6"],
      ])
      // A refund of 25.00 on P1 (40 / 60): 10.00 / 15.00.
      const refund = await post("/attribution/v1/refunds", { provider: "stripe", providerPaymentId: "pi_dd_P1", amount: "25.00" }, { authorization: `Bearer ${secret}` })
      expect(refund.status).toBe(201)
      expect((await credits(ids.P1)).map((c: any) => [c.amount, c.refunded])).toEqual([
        ["40", "10"],
        ["60", "15"],
      ])
      // A recompute, now with V6's path PS → Email → conversion too: START→PS 4/6, Email 1/6,
      // OS 1/6; PS→Email 3/4. P = 4/6 · 3/4 + 1/6 = 2/3; without PS 1/6 (effect 3/4), without
      // Email 0 (effect 1): weights 3/7 and 4/7. P1: 42.86 / 57.14; its refund of 25.00 in the
      // same proportion: 2500 × 4286/10000 = 1071.5, 2500 × 5714/10000 = 1428.5 → 10.72 / 14.28
      // (the tie to the earlier touch).
      const again = await recompute()
      const w = Object.fromEntries(again.weights.channels.map((c: any) => [c.channel, c.weight]))
      expect(w["Paid Search"]).toBeCloseTo(3 / 7, 12)
      expect(w["Email"]).toBeCloseTo(4 / 7, 12)
      expect((await credits(ids.P1)).map((c: any) => [c.amount, c.refunded])).toEqual([
        ["42.86", "10.72"],
        ["57.14", "14.28"],
      ])
    })

    // The recompute locks the window's payment rows before it reads their credits; every credit
    // writer locks its payment's row first too. Payments and refunds of the window arriving
    // while recomputes run must neither fail (a deadlock would answer 5xx) nor be left with
    // stale or missing data_driven credits.
    it("stores payments and refunds that arrive during recomputes, each credited once and exactly", async () => {
      await addFifthVisitor()
      await recompute()
      const visitors = Array.from({ length: 12 }, (_, i) => `vis_dd_race_${String(i).padStart(2, "0")}`)
      await service().writeEvents(
        visitors.flatMap((v, i) => [visit(v, `${v}_a`, PAID, daysAgo(4 + (i % 3))), visit(v, `${v}_b`, EMAIL, daysAgo(3))])
      )
      const traffic = Promise.all([
        ...visitors.map(async (v, i) => {
          const res = await post(
            "/attribution/v1/payments",
            { provider: "stripe", providerPaymentId: `pi_dd_race_${i}`, amount: `${10 + i}.01`, currency: "USD", visitorId: v, occurredAt: daysAgo(2, i) },
            { authorization: `Bearer ${secret}` }
          )
          return res.status
        }),
        post("/attribution/v1/refunds", { provider: "stripe", providerPaymentId: "pi_dd_P1", amount: "5.00" }, { authorization: `Bearer ${secret}` }).then((r: any) => r.status),
      ])
      const recomputes = Promise.all([0, 1, 2].map(async (i) => {
        await new Promise((r) => setTimeout(r, i * 40))
        return (await post("/admin/attribution/data-driven/recompute", {})).status
      }))
      const [statuses, recomputed] = await Promise.all([traffic, recomputes])
      expect(statuses).toEqual([...visitors.map(() => 201), 201])
      for (const s of recomputed) expect([200, 409]).toContain(s)
      // After one more recompute, every payment has data_driven credits adding up to its amount
      // and its refund, and they follow the weights like the payment's own linear path.
      await recompute()
      expect(
        await sql(`select p.id, p.amount, p.refunded_amount, sum(c.amount) as credited, sum(c.refunded_amount) as refunded
                     from attribution_payment p left join attribution_credit c
                       on c.payment_id = p.id and c.model = 'data_driven' and c.deleted_at is null
                    group by p.id having coalesce(sum(c.amount), -1) <> p.amount or coalesce(sum(c.refunded_amount), -1) <> p.refunded_amount`)
      ).toEqual([])
      expect(await sql(`select count(*)::int as n from attribution_payment where provider_payment_id like 'pi_dd_race_%'`)).toEqual([{ n: 12 }])
    })
  },
})
