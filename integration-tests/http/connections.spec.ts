import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { secretBox } from "../../src/core/secret-box"
import resumeBackfills from "../../src/jobs/resume-backfills"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { lsOrder, lsSignature, stripeEvents, stripeSignature } from "./helpers/providers"
import { STRIPE_TEST_KEYS, type StripeApi, type StripeApiData, startStripeApi, stripeObjects } from "../provider-api/stripe-server"
import {
  type LemonSqueezyApi,
  type LemonSqueezyApiData,
  lemonSqueezyOrder,
  routeLemonSqueezyTo,
  startLemonSqueezyApi,
} from "../provider-api/lemonsqueezy-server"

jest.setTimeout(180_000)

/** medusa-config.ts gives the test app this key (ATTRIBUTION_TEST_NO_ENCRYPTION_KEY unset). */
const ENCRYPTION_KEY = "http-test-encryption-key-of-32-chars-or-more"
const STRIPE_URL = "https://shop.example/attribution/webhooks/stripe"
const LS_KEY = "ls_test_api_key_0123456789abcdef"
const DAY = 86_400
const now = () => Math.floor(Date.now() / 1000)

// Past Stripe payments: 12 checkout sessions and their charges within the last 30 days (two
// pages of 10... at the connector's 100 per page, one page each: the resume test cuts the
// charges phase in the middle with a saved cursor instead), one refunded in part, one older
// than the window.
const stripeData: StripeApiData = { checkoutSessions: [], charges: [], invoices: [] }
for (let i = 1; i <= 12; i++) {
  const created = now() - i * DAY
  const pi = `pi_backfill_${i}`
  stripeData.checkoutSessions!.push(
    stripeObjects.checkoutSession({ id: `cs_backfill_${i}`, created, amount: 1000 * i, currency: "eur", paymentIntent: pi, email: `buyer${i}@example.com` })
  )
  stripeData.charges!.push(
    stripeObjects.charge({
      id: `ch_backfill_${i}`,
      created,
      amount: 1000 * i,
      currency: "eur",
      paymentIntent: pi,
      refunds: i === 3 ? [{ id: "re_backfill_3", amount: 500, created: created + 60 }] : [],
    })
  )
}
stripeData.charges!.push(stripeObjects.charge({ id: "ch_too_old", created: now() - 60 * DAY, amount: 99_900, currency: "eur", paymentIntent: "pi_too_old" }))

const lsData: LemonSqueezyApiData = {
  keys: { [LS_KEY]: { testMode: false, storeIds: ["4242"] } },
  stores: { "4242": { name: "Lemon Shop" } },
  orders: [1, 2, 3].map((i) =>
    lemonSqueezyOrder({ id: String(700 + i), storeId: "4242", total: 1999 * i, currency: "USD", createdAt: new Date(Date.now() - i * DAY * 1000).toISOString() })
  ),
}

let stripeApi: StripeApi
let lsApi: LemonSqueezyApi
let restoreFetch: () => void

// Before the app boots (the runner's own beforeAll comes after this one): the app reads the
// Stripe API's address from the environment, and the Lemon Squeezy SDK calls the global fetch.
beforeAll(async () => {
  stripeApi = await startStripeApi(stripeData)
  process.env.ATTRIBUTION_TEST_STRIPE_API = stripeApi.url
  lsApi = await startLemonSqueezyApi(lsData)
  restoreFetch = routeLemonSqueezyTo(lsApi.url)
})
afterAll(async () => {
  delete process.env.ATTRIBUTION_TEST_STRIPE_API
  restoreFetch?.()
  await stripeApi?.close()
  await lsApi?.close()
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    beforeEach(async () => {
      headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
    })
    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows
    const call = (method: "get" | "post" | "delete", path: string, body?: unknown) =>
      (method === "get" || method === "delete" ? api[method](path, { headers }) : api.post(path, body, { headers })).catch((e: any) => e.response)
    const postStripe = (event: unknown, secret: string) => {
      const payload = JSON.stringify(event)
      return api
        .post("/attribution/webhooks/stripe", payload, {
          headers: { "content-type": "application/json", "stripe-signature": stripeSignature(payload, secret) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
    }
    const waitForBackfill = async (provider: string) => {
      for (let i = 0; i < 150; i++) {
        const { backfill } = (await call("get", `/admin/attribution/connections/${provider}/backfill`)).data
        if (backfill.status !== "running") return backfill
        await new Promise((r) => setTimeout(r, 200))
      }
      throw new Error(`${provider} backfill did not finish`)
    }
    const storedPayments = () =>
      sql(`select provider_payment_id, amount::text as amount, refunded_amount::text as refunded from attribution_payment
            where provider = 'stripe' order by provider_payment_id`)

    it("needs an admin, and lists both providers unconnected", async () => {
      expect((await api.get("/admin/attribution/connections").catch((e: any) => e.response)).status).toBe(401)
      const res = await call("get", "/admin/attribution/connections")
      expect(res.data.encryption_configured).toBe(true)
      expect(res.data.connections.map((c: any) => [c.provider, c.connected])).toEqual([
        ["stripe", false],
        ["lemonsqueezy", false],
      ])
    })

    it("answers bad input with 4xx naming the problem, never echoing the key, and stores nothing", async () => {
      const cases: [string, unknown, number, RegExp][] = [
        ["/admin/attribution/connections/stripe", { webhook_url: STRIPE_URL }, 400, /api_key/],
        ["/admin/attribution/connections/stripe", { api_key: STRIPE_TEST_KEYS.full, webhook_url: "not a url" }, 400, /webhook_url/],
        ["/admin/attribution/connections/stripe", { api_key: "sk test with spaces", webhook_url: STRIPE_URL }, 400, /api_key/],
        ["/admin/attribution/connections/stripe", { api_key: STRIPE_TEST_KEYS.full, webhook_url: STRIPE_URL, extra: 1 }, 400, /extra/],
        ["/admin/attribution/connections/lemonsqueezy", { api_key: LS_KEY, webhook_url: STRIPE_URL }, 400, /store_id/],
        ["/admin/attribution/connections/paypal", { api_key: LS_KEY, webhook_url: STRIPE_URL }, 404, /stripe, lemonsqueezy/],
        ["/admin/attribution/connections/stripe/backfill", {}, 400, /not connected/],
        ["/admin/attribution/connections/stripe/backfill", { days: 0 }, 400, /days/],
        ["/admin/attribution/connections/stripe", { api_key: STRIPE_TEST_KEYS.rejected, webhook_url: STRIPE_URL }, 400, /rejected/i],
      ]
      for (const [path, body, status, message] of cases) {
        const res = await call("post", path, body)
        expect([path, res.status]).toEqual([path, status])
        expect(res.data.message).toMatch(message)
        expect(JSON.stringify(res.data)).not.toContain(STRIPE_TEST_KEYS.rejected)
      }
      // The restricted key may not register a webhook: the answer says which permission is missing.
      const restricted = await call("post", "/admin/attribution/connections/stripe", { api_key: STRIPE_TEST_KEYS.restricted, webhook_url: STRIPE_URL })
      expect(restricted.status).toBe(400)
      expect(restricted.data.message).toMatch(/webhook/i)
      expect(await sql(`select id from attribution_provider_connection`)).toEqual([])
      expect(stripeApi.endpoints).toEqual([])
    })

    it("connects Stripe: registers the endpoint, keeps key and secret encrypted, verifies deliveries with it, backfills, resumes, disconnects", async () => {
      // A payment the webhook already stored: the backfill must not add it again.
      await postStripe(stripeEvents.paymentIntent({ pi: "pi_backfill_2" }, { amount: 2000, currency: "eur", livemode: false }), "whsec_http_test")

      const connected = await call("post", "/admin/attribution/connections/stripe", { api_key: STRIPE_TEST_KEYS.full, webhook_url: STRIPE_URL })
      expect(connected.status).toBe(201)
      expect(stripeApi.endpoints).toHaveLength(1)
      const endpoint = stripeApi.endpoints[0]
      expect(endpoint.url).toBe(STRIPE_URL)
      expect(endpoint.enabled_events).toEqual(expect.arrayContaining(["checkout.session.completed", "charge.refunded", "invoice.paid"]))
      expect(connected.data.connection).toMatchObject({
        provider: "stripe",
        connected: true,
        is_test: true,
        api_key_hint: `sk_test_…${STRIPE_TEST_KEYS.full.slice(-4)}`,
        webhook: { registered: true, endpoint_id: endpoint.id, url: STRIPE_URL, secret_stored: true },
      })
      const answered = JSON.stringify(connected.data) + JSON.stringify((await call("get", "/admin/attribution/connections")).data)
      expect(answered).not.toContain(STRIPE_TEST_KEYS.full)
      expect(answered).not.toContain(endpoint.secret)

      // At rest: sealed, and opened only with the configured key.
      const [row] = await sql(`select api_key_encrypted, webhook_secret_encrypted from attribution_provider_connection where provider = 'stripe'`)
      expect(row.api_key_encrypted).not.toContain(STRIPE_TEST_KEYS.full.slice(8, 30))
      expect(row.webhook_secret_encrypted).not.toContain(endpoint.secret.slice(6))
      expect(secretBox(ENCRYPTION_KEY).open(row.api_key_encrypted)).toBe(STRIPE_TEST_KEYS.full)
      expect(secretBox(ENCRYPTION_KEY).open(row.webhook_secret_encrypted)).toBe(endpoint.secret)
      expect((await call("post", "/admin/attribution/connections/stripe", { api_key: STRIPE_TEST_KEYS.full, webhook_url: STRIPE_URL })).status).toBe(409)

      // Deliveries signed with the registered endpoint's secret are accepted; others are not.
      const delivered = await postStripe(stripeEvents.paymentIntent({ pi: "pi_live_after_connect" }, { amount: 4200, currency: "eur" }), endpoint.secret)
      expect(delivered.status).toBe(200)
      expect((await postStripe(stripeEvents.paymentIntent({ pi: "pi_forged" }, { amount: 1, currency: "eur" }), "whsec_forged")).status).toBe(400)

      // Backfill the last 30 days: 12 payments (one already stored), one refund; the 60-day-old charge is out.
      const started = await call("post", "/admin/attribution/connections/stripe/backfill", { days: 30 })
      expect(started.status).toBe(202)
      const done = await waitForBackfill("stripe")
      expect(done).toMatchObject({ status: "done", days: 30, error: null, refunds: 1 })
      const payments = await storedPayments()
      expect(payments.map((p: any) => p.provider_payment_id)).toEqual(
        [...Array.from({ length: 12 }, (_, i) => `pi_backfill_${i + 1}`), "pi_live_after_connect"].sort()
      )
      expect(payments.find((p: any) => p.provider_payment_id === "pi_backfill_3")).toEqual({ provider_payment_id: "pi_backfill_3", amount: "30.00", refunded: "5.00" })
      expect(payments.find((p: any) => p.provider_payment_id === "pi_backfill_2")).toMatchObject({ amount: "20.00", refunded: "0" })

      // Again: nothing new.
      await call("post", "/admin/attribution/connections/stripe/backfill", { days: 30 })
      expect(await waitForBackfill("stripe")).toMatchObject({ status: "done", payments: 0, refunds: 0 })
      expect(await storedPayments()).toEqual(payments)

      // A process that stopped mid-way: running, lease expired, cursor in the charges phase.
      // The job continues from the cursor: the pages before it are not asked for again.
      stripeData.charges!.push(stripeObjects.charge({ id: "ch_backfill_late", created: now() - 2 * DAY, amount: 700, currency: "eur", paymentIntent: "pi_backfill_late" }))
      await sql(
        `update attribution_provider_connection set backfill_status = 'running', backfill_lease_until = now() - interval '1 minute',
                backfill_cursor = ?::jsonb, backfill_payments = 0 where provider = 'stripe'`,
        [JSON.stringify({ next: { phase: "charges", after: null }, label: "charges" })]
      )
      const callsBefore = stripeApi.calls.length
      await resumeBackfills(getContainer())
      expect(await waitForBackfill("stripe")).toMatchObject({ status: "done", payments: 1 })
      const resumedPaths = stripeApi.calls.slice(callsBefore).map((c) => c.path)
      expect(resumedPaths).toContain("/v1/charges")
      expect(resumedPaths).not.toContain("/v1/checkout/sessions")
      expect((await storedPayments()).map((p: any) => p.provider_payment_id)).toContain("pi_backfill_late")

      // Disconnect: the endpoint is removed at Stripe, the key and secret here; its signature no longer passes.
      const disconnected = await call("delete", "/admin/attribution/connections/stripe")
      expect(disconnected.data).toEqual({ provider: "stripe", disconnected: true, webhook_removed: true })
      expect(stripeApi.endpoints).toEqual([])
      expect(await sql(`select id from attribution_provider_connection`)).toEqual([])
      expect((await postStripe(stripeEvents.paymentIntent({ pi: "pi_after_disconnect" }, { amount: 100, currency: "eur" }), endpoint.secret)).status).toBe(400)
    })

    it("connects Lemon Squeezy: registers a webhook with a generated secret, accepts its deliveries, backfills orders", async () => {
      const connected = await call("post", "/admin/attribution/connections/lemonsqueezy", {
        api_key: LS_KEY,
        store_id: "4242",
        webhook_url: "https://shop.example/attribution/webhooks/lemonsqueezy",
      })
      expect(connected.status).toBe(201)
      expect(connected.data.connection).toMatchObject({ account_name: "Lemon Shop", store_id: "4242", is_test: false, webhook: { registered: true } })
      const webhook = lsApi.webhooks.find((w) => !w.deleted)!
      expect(webhook.events).toEqual(expect.arrayContaining(["order_created", "order_refunded", "subscription_created"]))
      expect(JSON.stringify(connected.data)).not.toContain(webhook.secret)

      const body = JSON.stringify(lsOrder("order_created", { id: "990", total: 500, currency: "USD" }))
      const delivered = await api
        .post("/attribution/webhooks/lemonsqueezy", body, {
          headers: { "content-type": "application/json", "x-signature": lsSignature(body, webhook.secret) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
      expect(delivered.status).toBe(200)

      await call("post", "/admin/attribution/connections/lemonsqueezy/backfill", {})
      expect(await waitForBackfill("lemonsqueezy")).toMatchObject({ status: "done", days: 90, payments: 3 })
      const rows = await sql(`select provider_payment_id, amount::text as amount from attribution_payment where provider = 'lemonsqueezy' order by 1`)
      expect(rows).toEqual([
        { provider_payment_id: "order:701", amount: "19.99" },
        { provider_payment_id: "order:702", amount: "39.98" },
        { provider_payment_id: "order:703", amount: "59.97" },
        { provider_payment_id: "order:990", amount: "5.00" },
      ])

      expect((await call("delete", "/admin/attribution/connections/lemonsqueezy")).data).toMatchObject({ disconnected: true, webhook_removed: true })
      expect(lsApi.webhooks.find((w) => w.id === webhook.id)!.deleted).toBe(true)
    })
  },
})
