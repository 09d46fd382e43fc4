import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { inPipelinedTransaction } from "../../src/modules/attribution/pipelined-transaction"

jest.setTimeout(60_000)

const moduleDir = path.join(__dirname, "../../src/modules/attribution")

const basePayment = {
  provider: "stripe",
  provider_payment_id: "pi_3QabcDEF123",
  amount: "99.99",
  currency_code: "usd",
  occurred_at: new Date("2026-11-20T10:00:00Z"),
}

// The schema comes from the committed migrations, not from the models, so a model change
// without a regenerated migration fails here.
moduleIntegrationTestRunner<AttributionModuleService>({
  moduleName: ATTRIBUTION_MODULE,
  resolve: moduleDir,
  pathToMigrations: path.join(moduleDir, "migrations"),
  moduleOptions: {
    stripe: { webhookSecret: ["whsec_old", "whsec_new"] },
    attributionWindowDays: 30,
  },
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = async (query: string, params: unknown[] = []) =>
      MikroOrmWrapper.getManager().getConnection().execute(query, params)

    describe("options", () => {
      it("applies plugin options over defaults and keeps secret lists", async () => {
        const options = await service.getOptions()
        expect(options.attributionWindowDays).toBe(30)
        expect(options.sessionTimeoutMinutes).toBe(30)
        expect(options.timestampMatchWindowMinutes).toBe(30)
        expect(options.webhookSecrets.stripe).toEqual(["whsec_old", "whsec_new"])
        expect(options.webhookSecrets.lemonsqueezy).toEqual([])
      })
    })

    describe("payments", () => {
      it("stores a payment once per (provider, provider payment id) with its exact amount", async () => {
        const first = await service.recordPayment(basePayment)
        const again = await service.recordPayment({ ...basePayment, amount: "99.99" })
        expect(first.created).toBe(true)
        expect(again).toEqual({ payment_id: first.payment_id, created: false })

        const rows = await sql(`select amount::text as amount, currency_code, status, link_method from attribution_payment`)
        expect(rows).toEqual([{ amount: "99.99", currency_code: "USD", status: "paid", link_method: "unlinked" }])
      })

      it("keeps amounts exact beyond float precision", async () => {
        await service.recordPayment({ ...basePayment, provider_payment_id: "pi_big", amount: "90071992547409.93" })
        await service.recordPayment({ ...basePayment, provider_payment_id: "pi_big2", amount: "0.01" })
        const [row] = await sql(`select sum(amount)::text as total from attribution_payment`)
        expect(row.total).toBe("90071992547409.94")
      })

      it("merges a report of the same payment under another id through its references", async () => {
        const medusa = await service.recordPayment({
          provider: "medusa",
          provider_payment_id: "order_01ABC",
          order_id: "order_01ABC",
          amount: "50.00",
          currency_code: "EUR",
          occurred_at: new Date(),
          references: [{ provider: "stripe", external_id: "pi_from_medusa" }],
        })
        const stripe = await service.recordPayment({
          provider: "stripe",
          provider_payment_id: "pi_from_medusa",
          amount: "50.00",
          currency_code: "EUR",
          occurred_at: new Date(),
          visitor_id: "visitor_0123456789abcdef",
          metadata: { campaign: "bf" },
          references: [{ provider: "stripe", external_id: "cs_test_1" }],
        })
        expect(stripe).toEqual({ payment_id: medusa.payment_id, created: false })
        expect(await service.findPaymentIdByReference("stripe", "cs_test_1")).toBe(medusa.payment_id)

        const rows = await sql(`select provider, visitor_id, order_id, metadata from attribution_payment`)
        expect(rows).toEqual([
          { provider: "medusa", visitor_id: "visitor_0123456789abcdef", order_id: "order_01ABC", metadata: { campaign: "bf" } },
        ])
      })

      it("stores one row when the same payment is reported concurrently", async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            service.recordPayment({
              ...basePayment,
              provider_payment_id: i % 2 ? "pi_race" : "cs_race",
              references: [{ provider: "stripe", external_id: i % 2 ? "cs_race" : "pi_race" }],
            })
          )
        )
        expect(results.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(results.map((r) => r.payment_id)).size).toBe(1)
        const [{ n }] = await sql(`select count(*)::int as n from attribution_payment`)
        expect(n).toBe(1)
      })

      it("refuses a second row for the same key at the database level", async () => {
        await service.recordPayment(basePayment)
        await expect(
          sql(
            `insert into attribution_payment (id, provider, provider_payment_id, amount, raw_amount, currency_code, occurred_at)
             values ('x', 'stripe', ?, 1, '{"value":"1","precision":20}', 'USD', now())`,
            [basePayment.provider_payment_id]
          )
        ).rejects.toThrow(/duplicate key|unique/i)
      })
    })

    // The webhook payment path's transaction (pipelined-transaction.ts): `begin` sent with the
    // first statement, a statement nobody reads sent with the next one or with `commit`.
    describe("pipelined transactions", () => {
      const insertDelivery = `insert into attribution_webhook_delivery (id, provider, event_id, event_type, outcome, received_at)
        values (?, 'pipelined', ?, 'test', 'processed', now())`
      const stored = async () =>
        (await sql(`select event_id from attribution_webhook_delivery where provider = 'pipelined' order by event_id`)).map(
          (r: { event_id: string }) => r.event_id
        )
      const manager = () => MikroOrmWrapper.getManager().fork()

      it("commits the statements it ran and the one held back, in order, on one connection", async () => {
        const answer = await inPipelinedTransaction(manager(), async (tx) => {
          const [first] = await tx.execute(`select pg_backend_pid() as pid, txid_current() as txid`)
          await tx.execute(insertDelivery, ["d1", "a"])
          tx.executeLater(insertDelivery, ["d2", "b"])
          const [again] = await tx.execute(`select pg_backend_pid() as pid, txid_current() as txid, (select count(*)::int from attribution_webhook_delivery where provider = 'pipelined') as n`)
          tx.executeLater(insertDelivery, ["d3", "c"])
          return { first, again }
        })
        // The same connection and the same transaction throughout; the held-back insert ran before the read.
        expect(answer.again).toEqual({ ...answer.first, n: 2 })
        expect(await stored()).toEqual(["a", "b", "c"])
      })

      it("rolls everything back when the work throws, and the connection serves the next transaction", async () => {
        await expect(
          inPipelinedTransaction(manager(), async (tx) => {
            await tx.execute(insertDelivery, ["d1", "a"])
            tx.executeLater(insertDelivery, ["d2", "b"])
            throw new Error("the work failed")
          })
        ).rejects.toThrow("the work failed")
        expect(await stored()).toEqual([])
        for (const id of ["x", "y", "z"]) {
          await inPipelinedTransaction(manager(), async (tx) => tx.executeLater(insertDelivery, [`d${id}`, id]))
        }
        expect(await stored()).toEqual(["x", "y", "z"])
      })

      it("rolls back what ran before when a held-back statement fails at commit", async () => {
        await expect(
          inPipelinedTransaction(manager(), async (tx) => {
            await tx.execute(insertDelivery, ["d1", "a"])
            tx.executeLater(insertDelivery, ["d2", "a"]) // the same (provider, event_id): refused
          })
        ).rejects.toThrow(/duplicate key|unique/i)
        expect(await stored()).toEqual([])
        await inPipelinedTransaction(manager(), async (tx) => tx.execute(insertDelivery, ["d3", "b"]))
        expect(await stored()).toEqual(["b"])
      })

      it("sends nothing when the work runs no statement", async () => {
        let seen: { sent: boolean } | null = null
        expect(await inPipelinedTransaction(manager(), async (tx) => ((seen = tx), "nothing"))).toBe("nothing")
        expect(seen!.sent).toBe(false)
      })
    })

    describe("refunds", () => {
      it("nets partial then full refunds exactly, once per refund id", async () => {
        const { payment_id } = await service.recordPayment({ ...basePayment, amount: "100.00" })
        const refund = { payment_id, provider: "stripe", currency_code: "USD", occurred_at: new Date() }

        expect((await service.recordRefund({ ...refund, provider_refund_id: "re_1", amount: "30.10" })).created).toBe(true)
        expect((await service.recordRefund({ ...refund, provider_refund_id: "re_1", amount: "30.10" })).created).toBe(false)
        let [row] = await sql(`select refunded_amount::text as r, status from attribution_payment`)
        expect(row).toEqual({ r: "30.10", status: "partially_refunded" })

        await service.recordRefund({ ...refund, provider_refund_id: "re_2", amount: "69.90" })
        ;[row] = await sql(`select refunded_amount::text as r, status from attribution_payment`)
        expect(row).toEqual({ r: "100.00", status: "refunded" })
        const [{ n }] = await sql(`select count(*)::int as n from attribution_refund`)
        expect(n).toBe(2)
      })

      it("refuses a refund in another currency or for an unknown payment, storing nothing", async () => {
        const { payment_id } = await service.recordPayment({ ...basePayment, provider_payment_id: "pi_jpy", amount: "1500", currency_code: "JPY" })
        const refund = { provider: "stripe", provider_refund_id: "re_x", amount: "100", occurred_at: new Date() }
        await expect(service.recordRefund({ ...refund, payment_id, currency_code: "USD" })).rejects.toThrow(/differs/)
        await expect(service.recordRefund({ ...refund, payment_id: "apay_missing", currency_code: "JPY" })).rejects.toThrow(
          /not found/
        )
        const [{ n }] = await sql(`select count(*)::int as n from attribution_refund`)
        expect(n).toBe(0)
      })
    })

    describe("webhook deliveries", () => {
      it("claims each provider event once", async () => {
        const delivery = { provider: "stripe", event_id: "evt_1", event_type: "payment_intent.succeeded" }
        expect(await service.claimWebhookDelivery(delivery)).toBe(true)
        expect(await service.claimWebhookDelivery(delivery)).toBe(false)
        expect(await service.claimWebhookDelivery({ ...delivery, provider: "lemonsqueezy" })).toBe(true)
        const claims = await Promise.all(
          Array.from({ length: 6 }, () => service.claimWebhookDelivery({ ...delivery, event_id: "evt_race" }))
        )
        expect(claims.filter(Boolean)).toHaveLength(1)
      })
    })

    describe("generated CRUD and status", () => {
      it("creates visitors and sessions and reports counts without secrets", async () => {
        const now = new Date()
        await service.createAttributionVisitors({ id: "vis_abcdefghijklmnop", first_seen_at: now, last_seen_at: now })
        await service.createAttributionSessions({
          id: "ses_abcdefghijklmnop",
          visitor_id: "vis_abcdefghijklmnop",
          started_at: now,
          last_seen_at: now,
          source: "google",
          medium: "cpc",
          channel: "Paid Search",
        })
        const status = await service.getStatus()
        expect(status).toMatchObject({ visitors: 1, sessions: 1, payments: 0 })
        expect(status.providers.stripe).toEqual({ webhook_secret_configured: true })
        expect(JSON.stringify(status)).not.toContain("whsec_")
      })

      it("rejects a session channel outside the contract's list", async () => {
        await expect(
          sql(
            `insert into attribution_session (id, visitor_id, started_at, last_seen_at, channel) values ('s', 'v', now(), now(), 'Made Up')`
          )
        ).rejects.toThrow(/check constraint/)
      })
    })
  },
})
