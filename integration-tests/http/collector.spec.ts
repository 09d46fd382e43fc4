import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { createPublishableKey, createSecretKey, revokeKey } from "./helpers/keys"

jest.setTimeout(120_000)

// A low limit so the rate-limit test is quick; every other test uses a fresh key.
process.env.ATTRIBUTION_TEST_RATE_LIMIT = "30"

const BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
const VID = "vis_collector_test_0001"
const SID = "ses_collector_test_0001"
const T0 = Date.now() - 60_000

const pageview = (over: Record<string, unknown> = {}) => ({
  type: "pageview",
  visitor_id: VID,
  session_id: SID,
  url: "https://shop.example/p/shirt?utm_source=Google&utm_medium=CPC&utm_campaign=Black-Friday&gclid=abc",
  referrer: "https://www.google.com/",
  title: "Shirt",
  ts: T0,
  ...over,
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let key: string

    beforeEach(async () => {
      key = (await createPublishableKey(getContainer())).token
    })

    const fast = (body: unknown, headers: Record<string, string> = {}) =>
      api
        .post("/attribution/events", typeof body === "string" ? body : JSON.stringify(body), {
          headers: { "content-type": "text/plain", "user-agent": BROWSER, ...headers },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)

    const store = (body: unknown, headers: Record<string, string> = {}) =>
      api
        .post("/store/attribution/events", body, {
          headers: { "x-publishable-api-key": key, "user-agent": BROWSER, ...headers },
        })
        .catch((e: any) => e.response)

    const flush = () => getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE).flushEvents()
    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows
    const counts = async () => {
      await flush()
      const [row] = await sql(`select
        (select count(*) from attribution_visitor)::int as visitors,
        (select count(*) from attribution_session)::int as sessions,
        (select count(*) from attribution_event)::int as events`)
      return row
    }

    describe("fast path POST /attribution/events", () => {
      it("accepts a text/plain batch and derives the session's source from its first event", async () => {
        const res = await fast(
          { key, events: [pageview(), pageview({ url: "https://shop.example/cart", referrer: "https://shop.example/p/shirt", ts: T0 + 5000 })] },
          { origin: "https://shop.example" }
        )
        expect(res.status).toBe(202)
        expect(res.data).toEqual({ accepted: 2 })
        expect(res.headers["access-control-allow-origin"]).toBe("*")

        await flush()
        const [session] = await sql(`select * from attribution_session`)
        expect(session).toMatchObject({
          id: SID,
          visitor_id: VID,
          source: "google",
          medium: "cpc",
          campaign: "Black-Friday",
          click_ids: { gclid: "abc" },
          referrer: "https://www.google.com/",
          referrer_domain: "google.com",
          landing_page: "/p/shirt",
          channel: "Paid Search",
          device_type: "mobile",
          browser: "Mobile Safari",
          os: "iOS",
          pageviews: 2,
          events: 2,
        })
        const [visitor] = await sql(`select * from attribution_visitor`)
        expect(visitor.id).toBe(VID)
        expect(new Date(visitor.first_seen_at).getTime()).toBe(T0)
        const events = await sql(`select type, path, url from attribution_event order by occurred_at`)
        expect(events.map((e: any) => e.path)).toEqual(["/p/shirt", "/cart"])
      })

      it("never lets an internal navigation or a self-referral overwrite the source, in any arrival order", async () => {
        // The later page arrives first (a retried first request comes in late).
        await fast({ key, events: [pageview({ url: "https://shop.example/cart", referrer: "https://shop.example/p", ts: T0 + 9000 })] })
        await flush()
        let [s] = await sql(`select source, channel, pageviews from attribution_session`)
        expect(s).toEqual({ source: "(direct)", channel: "Direct", pageviews: 1 })

        await fast({ key, events: [pageview()] })
        await flush()
        ;[s] = await sql(`select source, channel, pageviews, started_at from attribution_session`)
        expect(s).toMatchObject({ source: "google", channel: "Paid Search", pageviews: 2 })
        expect(new Date(s.started_at).getTime()).toBe(T0)

        await fast({ key, events: [pageview({ url: "https://shop.example/x", referrer: "https://www.facebook.com/", ts: T0 + 20_000 })] })
        await flush()
        ;[s] = await sql(`select source, channel from attribution_session`)
        expect(s).toEqual({ source: "google", channel: "Paid Search" })
      })

      it("attaches a hashed email on identify and keeps no plaintext email", async () => {
        const res = await fast({ key, events: [pageview(), { type: "identify", visitor_id: VID, session_id: SID, email: " Buyer@Example.com " }] })
        expect(res.status).toBe(202)
        await flush()
        const [v] = await sql(`select email_hash from attribution_visitor`)
        expect(v.email_hash).toMatch(/^[0-9a-f]{64}$/)
        const dump = JSON.stringify(await sql(`select * from attribution_event`)) + JSON.stringify(await sql(`select * from attribution_visitor`))
        expect(dump.toLowerCase()).not.toContain("buyer@example.com")
      })

      it("records custom events and client-claimed purchases at the currency's precision", async () => {
        const res = await fast({
          key,
          events: [
            { type: "event", visitor_id: VID, session_id: SID, name: "add_to_cart", props: { sku: "SHIRT-M", qty: 2 } },
            { type: "purchase", visitor_id: VID, session_id: SID, order_id: "order_1", amount: 1500, currency: "jpy" },
            { type: "purchase", visitor_id: VID, session_id: SID, order_id: "order_2", amount: "12.345", currency: "KWD" },
          ],
        })
        expect(res.status).toBe(202)
        await flush()
        const rows = await sql(`select type, name, props, order_id, amount::text as amount, currency_code from attribution_event order by order_id nulls first`)
        expect(rows).toEqual([
          { type: "event", name: "add_to_cart", props: { sku: "SHIRT-M", qty: 2 }, order_id: null, amount: null, currency_code: null },
          { type: "purchase", name: null, props: null, order_id: "order_1", amount: "1500", currency_code: "JPY" },
          { type: "purchase", name: null, props: null, order_id: "order_2", amount: "12.345", currency_code: "KWD" },
        ])
      })

      it("clamps a timestamp from the future to the server's clock", async () => {
        await fast({ key, events: [pageview({ ts: Date.now() + 3600_000 })] })
        await flush()
        const [e] = await sql(`select occurred_at from attribution_event`)
        expect(new Date(e.occurred_at).getTime()).toBeLessThanOrEqual(Date.now())
      })

      it.each([
        ["no key", (k: string) => ({ events: [pageview()] }), /key/],
        ["an unknown key", () => ({ key: "pk_unknown_000", events: [pageview()] }), /unknown|revoked/],
      ])("answers 401 for %s and stores nothing", async (_name, body, message) => {
        const res = await fast(body(key), { origin: "https://shop.example" })
        expect(res.status).toBe(401)
        expect(res.data.message).toMatch(message)
        // Errors carry the CORS header too, so the snippet can read them and not resend.
        expect(res.headers["access-control-allow-origin"]).toBe("*")
        expect(await counts()).toEqual({ visitors: 0, sessions: 0, events: 0 })
      })

      it("answers 401 for a secret key and for a revoked publishable key", async () => {
        const secret = await createSecretKey(getContainer())
        expect((await fast({ key: secret.token, events: [pageview()] })).status).toBe(401)
        const revoked = await createPublishableKey(getContainer(), "old")
        await revokeKey(getContainer(), revoked.id)
        expect((await fast({ key: revoked.token, events: [pageview()] })).status).toBe(401)
        expect(await counts()).toEqual({ visitors: 0, sessions: 0, events: 0 })
      })

      const bad: [string, (k: string) => unknown, RegExp][] = [
        ["text that is not JSON", () => "{not json", /JSON/],
        ["a JSON array", () => [], /JSON object/],
        ["no events", (k) => ({ key: k, events: [] }), /events/],
        ["51 events", (k) => ({ key: k, events: Array.from({ length: 51 }, () => pageview()) }), /events/],
        ["a malformed visitor id", (k) => ({ key: k, events: [pageview({ visitor_id: "short" })] }), /events\.0\.visitor_id/],
        ["an unknown event type", (k) => ({ key: k, events: [pageview({ type: "click" })] }), /events\.0\.type/],
        ["an unknown field", (k) => ({ key: k, events: [pageview({ ip: "1.2.3.4" })] }), /ip/],
        ["a pageview without url", (k) => ({ key: k, events: [pageview({ url: undefined })] }), /events\.0\.url/],
        ["a custom event without name", (k) => ({ key: k, events: [{ type: "event", visitor_id: VID, session_id: SID }] }), /events\.0\.name/],
        ["an invalid email", (k) => ({ key: k, events: [{ type: "identify", visitor_id: VID, session_id: SID, email: "nope" }] }), /events\.0\.email/],
        ["an unknown currency", (k) => ({ key: k, events: [{ type: "purchase", visitor_id: VID, session_id: SID, order_id: "o", amount: 1, currency: "XYZ" }] }), /events\.0\.currency/],
        ["JPY with decimals", (k) => ({ key: k, events: [{ type: "purchase", visitor_id: VID, session_id: SID, order_id: "o", amount: "10.5", currency: "JPY" }] }), /events\.0\.amount/],
        ["a negative amount", (k) => ({ key: k, events: [{ type: "purchase", visitor_id: VID, session_id: SID, order_id: "o", amount: -1, currency: "USD" }] }), /events\.0\.amount/],
        ["a 3,000-character url", (k) => ({ key: k, events: [pageview({ url: "https://shop.example/" + "a".repeat(3000) })] }), /events\.0\.url/],
        ["26 props", (k) => ({ key: k, events: [{ type: "event", visitor_id: VID, session_id: SID, name: "x", props: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, i])) }] }), /props/],
        ["a nested prop", (k) => ({ key: k, events: [{ type: "event", visitor_id: VID, session_id: SID, name: "x", props: { a: { b: 1 } } }] }), /props/],
      ]
      it.each(bad)("answers 400 naming the problem for %s, storing nothing", async (_name, body, message) => {
        const res = await fast(body(key))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
        expect(await counts()).toEqual({ visitors: 0, sessions: 0, events: 0 })
      })

      it("refuses a body over 64 KB with 413", async () => {
        const res = await fast({ key, events: [pageview({ title: "x".repeat(70_000) })] })
        expect(res.status).toBe(413)
        expect(await counts()).toEqual({ visitors: 0, sessions: 0, events: 0 })
      })

      it("drops bots: 202 with nothing accepted, nothing stored", async () => {
        for (const agent of ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", "HeadlessChrome/120.0"]) {
          const res = await fast({ key, events: [pageview()] }, { "user-agent": agent })
          expect(res.status).toBe(202)
          expect(res.data).toEqual({ accepted: 0 })
        }
        expect(await counts()).toEqual({ visitors: 0, sessions: 0, events: 0 })
      })

      it("rate-limits a client: 429 with Retry-After once over the limit", async () => {
        const statuses: number[] = []
        for (let i = 0; i < 33; i++) {
          statuses.push((await fast({ key, events: [pageview({ ts: T0 + i })] })).status)
        }
        expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true)
        expect(statuses.slice(30)).toEqual([429, 429, 429])
        const res = await fast({ key, events: [pageview()] })
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0)
        expect((await counts()).events).toBe(30)
      })

      it("answers a preflight for the storefront origin", async () => {
        const res = await api
          .options("/attribution/events", { headers: { origin: "https://shop.example", "access-control-request-method": "POST" } })
          .catch((e: any) => e.response)
        expect(res.status).toBe(204)
        expect(res.headers["access-control-allow-origin"]).toBe("*")
      })
    })

    describe("POST /store/attribution/events", () => {
      it("accepts events with the publishable key header", async () => {
        const res = await store({ events: [pageview()] })
        expect(res.status).toBe(202)
        expect(res.data).toEqual({ accepted: 1 })
        expect(await counts()).toEqual({ visitors: 1, sessions: 1, events: 1 })
      })

      it("uses the user agent a server-side caller forwards per event", async () => {
        const res = await store({ events: [pageview({ user_agent: BROWSER })] }, { "user-agent": "node-fetch/3.0" })
        expect(res.data).toEqual({ accepted: 1 })
        await flush()
        const [s] = await sql(`select device_type from attribution_session`)
        expect(s.device_type).toBe("mobile")
      })

      it("refuses a request without the header (Medusa's store rule) and bad bodies", async () => {
        const noKey = await store({ events: [pageview()] }, { "x-publishable-api-key": "" })
        expect(noKey.status).toBe(400)
        const badBody = await store({ events: [pageview({ session_id: "bad" })] })
        expect(badBody.status).toBe(400)
        expect(badBody.data.message).toMatch(/events\.0\.session_id/)
        expect(await counts()).toEqual({ visitors: 0, sessions: 0, events: 0 })
      })
    })
  },
})
