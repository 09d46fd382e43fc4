import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { paddleSignature, paddleTransaction } from "./helpers/paddle"
import { polarHeaders, polarOrderEvent } from "./helpers/polar"
import { lsOrder, lsSignature, stripeEvents, stripeSignature } from "./helpers/providers"

jest.setTimeout(120_000)

// This app boots with no webhook secret and no encryption key in the options or the environment.
process.env.ATTRIBUTION_TEST_NO_SECRETS = "1"
process.env.ATTRIBUTION_TEST_NO_ENCRYPTION_KEY = "1"
for (const name of ["STRIPE", "LEMONSQUEEZY", "PADDLE", "POLAR"]) {
  delete process.env[`ATTRIBUTION_${name}_WEBHOOK_SECRET`]
}
delete process.env.ATTRIBUTION_ENCRYPTION_KEY

/** One correctly signed delivery per provider, as it would be signed with the test secrets. */
const deliveries: Record<string, () => { payload: string; headers: Record<string, string> }> = {
  stripe: () => {
    const payload = JSON.stringify(stripeEvents.paymentIntent({ pi: "pi_unconfigured_1" }, { amount: 100, currency: "usd" }))
    return { payload, headers: { "stripe-signature": stripeSignature(payload) } }
  },
  lemonsqueezy: () => {
    const payload = JSON.stringify(lsOrder("order_created", { id: "1", total: 100, currency: "USD" }))
    return { payload, headers: { "x-signature": lsSignature(payload) } }
  },
  paddle: () => {
    const payload = JSON.stringify(paddleTransaction({ id: "txn_unconfigured_1", grandTotal: "100", currency: "USD" }))
    return { payload, headers: { "paddle-signature": paddleSignature(payload) } }
  },
  polar: () => {
    const payload = JSON.stringify(polarOrderEvent("order.paid", { id: "ord_unconfigured_1", total: 100, currency: "usd" }))
    return { payload, headers: polarHeaders(payload) }
  },
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    afterAll(() => {
      delete process.env.ATTRIBUTION_TEST_NO_SECRETS
      delete process.env.ATTRIBUTION_TEST_NO_ENCRYPTION_KEY
    })

    it.each(Object.keys(deliveries))("%s: answers 503 naming the missing option and stores nothing", async (provider) => {
      const { payload, headers } = deliveries[provider]()
      const res = await api
        .post(`/attribution/webhooks/${provider}`, payload, {
          headers: { "content-type": "application/json", ...headers },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
      expect(res.status).toBe(503)
      expect(res.data.message).toContain(`${provider}.webhookSecret`)
      expect(res.data.message).toContain(`ATTRIBUTION_${provider.toUpperCase()}_WEBHOOK_SECRET`)

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      expect((await pg.raw(`select count(*)::int as n from attribution_payment`)).rows[0].n).toBe(0)
    })

    it("refuses to connect a provider from the admin without an encryption key, and says which to set", async () => {
      const headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
      const list = await api.get("/admin/attribution/connections", { headers })
      expect(list.data.encryption_configured).toBe(false)
      const res = await api
        .post(
          "/admin/attribution/connections/stripe",
          { api_key: "rk_test_unconfigured_0000", webhook_url: "https://shop.example/attribution/webhooks/stripe" },
          { headers }
        )
        .catch((e: any) => e.response)
      expect(res.status).toBe(503)
      expect(res.data.message).toMatch(/ATTRIBUTION_ENCRYPTION_KEY/)
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      expect((await pg.raw(`select count(*)::int as n from attribution_provider_connection`)).rows[0].n).toBe(0)
    })
  },
})
