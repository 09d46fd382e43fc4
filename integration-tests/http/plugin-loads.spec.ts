import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"

jest.setTimeout(120_000)

const VISITOR = "vis_0123456789abcdefXYZ"
const SESSION = "ses_0123456789abcdefXYZ"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>

    beforeEach(async () => {
      headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
    })

    it("registers the attribution module in the app", async () => {
      const service = getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      expect((await service.getOptions()).webhookSecrets.stripe).toEqual(["whsec_rotated_out", "whsec_http_test"])
    })

    it("serves the admin status route to an admin and refuses anyone else", async () => {
      const unauthenticated = await api.get("/admin/attribution/status").catch((e: any) => e.response)
      expect(unauthenticated.status).toBe(401)

      const res = await api.get("/admin/attribution/status", { headers })
      expect(res.status).toBe(200)
      expect(res.data.status).toMatchObject({ visitors: 0, payments: 0 })
      expect(res.data.status.providers.stripe.webhook_secret_configured).toBe(true)
      expect(JSON.stringify(res.data)).not.toContain("whsec_http_test")
    })

    it("runs the order.placed subscriber: a placed order becomes one linked payment", async () => {
      const container = getContainer()
      const orderModule = container.resolve(Modules.ORDER)
      const order = await orderModule.createOrders({
        currency_code: "jpy",
        email: "Buyer@Example.com",
        metadata: { attribution_visitor_id: VISITOR, attribution_session_id: SESSION, store_key: "kept" },
        items: [{ title: "Shirt", quantity: 2, unit_price: 1500 }],
      })

      const eventBus = container.resolve(Modules.EVENT_BUS)
      await eventBus.emit({ name: OrderWorkflowEvents.PLACED, data: { id: order.id } })
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const rows = await waitFor(async () => {
        const r = await pg.raw(
          `select provider, provider_payment_id, amount::text as amount, currency_code, visitor_id, session_id,
                  link_method, customer_email_hash from attribution_payment`
        )
        return r.rows.length ? r.rows : null
      })
      expect(rows).toEqual([
        {
          provider: "medusa",
          provider_payment_id: order.id,
          amount: "3000",
          currency_code: "JPY",
          visitor_id: VISITOR,
          session_id: SESSION,
          link_method: "metadata",
          // sha256("buyer@example.com"): the email is normalised before hashing
          customer_email_hash: "6a6c26195c3682faa816966af789717c3bfa834eee6c599d667d2b3429c27cfd",
        },
      ])

      // Delivered twice (the event bus retries), it is still one payment.
      await eventBus.emit({ name: OrderWorkflowEvents.PLACED, data: { id: order.id } })
      await new Promise((r) => setTimeout(r, 500))
      const again = await pg.raw(`select count(*)::int as n from attribution_payment`)
      expect(again.rows[0].n).toBe(1)
    })
  },
})

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== null) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error("timed out waiting for the subscriber")
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}
