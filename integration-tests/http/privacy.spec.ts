import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import purgeExpiredEvents from "../../src/jobs/purge-expired-events"
import { toIngestEvent } from "../../src/lib/collector/enrich"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createPublishableKey, createSecretKey } from "./helpers/keys"

jest.setTimeout(180_000)

process.env.ATTRIBUTION_TEST_RETENTION_DAYS = "30"

const IP = "203.0.113.77"
const PERSON = { visitor: "vis_privacy_person_01", session: "ses_privacy_person_01", email: "Person@Example.com" }
const OTHER = { visitor: "vis_privacy_other_001", session: "ses_privacy_other_001", email: "other@example.com" }
const PLUGIN_TABLES = [
  "attribution_visitor",
  "attribution_session",
  "attribution_event",
  "attribution_payment",
  "attribution_payment_reference",
  "attribution_refund",
  "attribution_webhook_delivery",
  "attribution_credit",
  "attribution_report_session",
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: Record<string, string>
    let publishable: string
    let secret: string

    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows
    const attribution = () => getContainer().resolve<any>("attribution")

    const visit = async (p: typeof PERSON) => {
      const events = [
        { type: "pageview", visitor_id: p.visitor, session_id: p.session, url: "https://shop.example/?utm_source=newsletter&utm_medium=email", referrer: "" },
        { type: "identify", visitor_id: p.visitor, session_id: p.session, email: p.email },
      ]
      const res = await api.post(
        "/store/attribution/events",
        { events },
        { headers: { "x-publishable-api-key": publishable, "x-forwarded-for": IP, "user-agent": "Mozilla/5.0 Chrome/120" } }
      )
      expect(res.status).toBe(202)
      await attribution().flushEvents()
    }
    const pay = async (p: typeof PERSON, id: string, amount: number) => {
      const res = await api.post(
        "/attribution/v1/payments",
        { provider: "custom", providerPaymentId: id, amount, currency: "EUR", visitorId: p.visitor, customerEmail: p.email, metadata: { note: p.email } },
        { headers: { authorization: `Bearer ${secret}` } }
      )
      expect(res.status).toBe(201)
    }
    const revenue = async () =>
      (await api.get("/admin/attribution/revenue?currency=EUR&group_by=channel", { headers: admin })).data
    const erase = (body: unknown) => api.post("/admin/attribution/erase", body, { headers: admin, validateStatus: () => true })

    beforeEach(async () => {
      admin = await adminHeaders(await createAdminUser(getContainer()), getContainer())
      publishable = (await createPublishableKey(getContainer())).token
      secret = (await createSecretKey(getContainer())).token
      await visit(PERSON)
      await visit(OTHER)
      await pay(PERSON, "privacy_pay_1", 40)
      await pay(OTHER, "privacy_pay_2", 60)
    })

    it("erases a person by email: visits gone, payments kept and anonymous, reports still add up", async () => {
      const before = await revenue()
      expect(before.totals.revenue).toBe(100)
      expect(before.rows.find((r: any) => r.key === "Email").revenue).toBe(100)

      const res = await erase({ email: "  PERSON@example.com " })
      expect(res.status).toBe(200)
      expect(res.data.erased).toEqual({ visitors: 1, sessions: 1, events: 2, payments_anonymized: 1 })

      expect(await sql(`select id from attribution_visitor where id = ?`, [PERSON.visitor])).toEqual([])
      expect(await sql(`select id from attribution_session where visitor_id = ?`, [PERSON.visitor])).toEqual([])
      expect(await sql(`select id from attribution_event where visitor_id = ?`, [PERSON.visitor])).toEqual([])
      const [payment] = await sql(
        `select visitor_id, session_id, customer_email, customer_email_hash, customer_id, metadata, amount::text as amount
           from attribution_payment where provider_payment_id = 'privacy_pay_1'`
      )
      expect(payment).toEqual({
        visitor_id: null, session_id: null, customer_email: null, customer_email_hash: null, customer_id: null, metadata: null, amount: "40.00",
      })
      const credits = await sql(
        `select distinct c.visitor_id, c.session_id, c.channel from attribution_credit c
           join attribution_payment p on p.id = c.payment_id where p.provider_payment_id = 'privacy_pay_1'`
      )
      expect(credits).toEqual([{ visitor_id: null, session_id: null, channel: "Email" }])
      // Nothing of the person is left anywhere in the plugin's tables.
      for (const table of PLUGIN_TABLES) {
        const leaks = await sql(
          `select count(*)::int as n from ${table} t where row_to_json(t)::text ilike any(array[?, ?])`,
          [`%${PERSON.visitor}%`, `%person@example.com%`]
        )
        expect({ table, n: leaks[0].n }).toEqual({ table, n: 0 })
      }

      const after = await revenue()
      expect(after.totals.revenue).toBe(100)
      expect(after.totals.payments).toBe(2)
      expect(after.rows.find((r: any) => r.key === "Email").revenue).toBe(100)
      // The other visitor is untouched.
      expect(await sql(`select id from attribution_visitor where id = ?`, [OTHER.visitor])).toHaveLength(1)
    })

    it("erases by visitor id, and refuses a request that names nobody or two things", async () => {
      const res = await erase({ visitor_id: OTHER.visitor })
      expect(res.status).toBe(200)
      expect(res.data.erased).toMatchObject({ visitors: 1, sessions: 1, events: 2, payments_anonymized: 1 })
      for (const bad of [{}, { visitor_id: OTHER.visitor, email: OTHER.email }, { email: "not-an-email" }, { visitor_id: "short" }, { name: "x" }]) {
        const r = await erase(bad)
        expect(r.status).toBe(400)
        expect(r.data.message).toBeTruthy()
      }
      const unknown = await erase({ visitor_id: "vis_nobody_0000000000" })
      expect(unknown.data.erased).toEqual({ visitors: 0, sessions: 0, events: 0, payments_anonymized: 0 })
    })

    it("stores no IP address anywhere", async () => {
      for (const table of PLUGIN_TABLES) {
        const rows = await sql(`select count(*)::int as n from ${table} t where row_to_json(t)::text like ?`, [`%${IP}%`])
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 })
      }
    })

    it("the retention job deletes raw events past the retention period and keeps sessions and credits", async () => {
      const device = { device_type: "desktop", browser: "Chrome", os: "Linux" }
      const old = toIngestEvent(
        { type: "pageview", visitor_id: "vis_privacy_old_0001", session_id: "ses_privacy_old_0001", url: "https://shop.example/old" },
        device,
        ["shop.example"],
        Date.now()
      )
      old.occurred_at = new Date(Date.now() - 40 * 24 * 3600 * 1000)
      await attribution().writeEvents([old])
      const creditsBefore = await sql(`select count(*)::int as n, sum(amount)::text as total from attribution_credit`)

      await purgeExpiredEvents(getContainer())

      expect(await sql(`select id from attribution_event where visitor_id = 'vis_privacy_old_0001'`)).toEqual([])
      expect(await sql(`select id from attribution_session where id = 'ses_privacy_old_0001'`)).toHaveLength(1)
      const [{ recent }] = await sql(`select count(*)::int as recent from attribution_event`)
      expect(recent).toBe(4)
      expect(await sql(`select count(*)::int as n, sum(amount)::text as total from attribution_credit`)).toEqual(creditsBefore)
    })
  },
})
