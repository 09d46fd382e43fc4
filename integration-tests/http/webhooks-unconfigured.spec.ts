import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { lsOrder, lsSignature, stripeEvents, stripeSignature } from "./helpers/providers"

jest.setTimeout(120_000)

// This app boots with no webhook secret in the options or the environment.
process.env.ATTRIBUTION_TEST_NO_SECRETS = "1"
delete process.env.ATTRIBUTION_STRIPE_WEBHOOK_SECRET
delete process.env.ATTRIBUTION_LEMONSQUEEZY_WEBHOOK_SECRET

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    afterAll(() => {
      delete process.env.ATTRIBUTION_TEST_NO_SECRETS
    })

    it("answers 503 naming the missing option and never accepts unsigned or signed data", async () => {
      const stripePayload = JSON.stringify(stripeEvents.paymentIntent({ pi: "pi_unconfigured_1" }, { amount: 100, currency: "usd" }))
      const stripe = await api
        .post("/attribution/webhooks/stripe", stripePayload, {
          headers: { "content-type": "application/json", "stripe-signature": stripeSignature(stripePayload) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
      expect(stripe.status).toBe(503)
      expect(stripe.data.message).toMatch(/stripe\.webhookSecret.*ATTRIBUTION_STRIPE_WEBHOOK_SECRET/)

      const lsPayload = JSON.stringify(lsOrder("order_created", { id: "1", total: 100, currency: "USD" }))
      const ls = await api
        .post("/attribution/webhooks/lemonsqueezy", lsPayload, {
          headers: { "content-type": "application/json", "x-signature": lsSignature(lsPayload) },
          transformRequest: [(d: unknown) => d],
        })
        .catch((e: any) => e.response)
      expect(ls.status).toBe(503)
      expect(ls.data.message).toMatch(/lemonsqueezy\.webhookSecret.*ATTRIBUTION_LEMONSQUEEZY_WEBHOOK_SECRET/)

      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      expect((await pg.raw(`select count(*)::int as n from attribution_payment`)).rows[0].n).toBe(0)
    })
  },
})
