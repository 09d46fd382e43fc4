/**
 * POST /admin/demo/history (admin only; this route exists in the demo store, not in the plugin).
 *
 * Sixty days of past traffic cannot go through the collector, which clamps a client's
 * timestamp to at most seven days back. So the demo writes its history here, inside the store,
 * through the attribution module's own `writeEvents`, after deriving each event exactly as the
 * collector does (`toIngestEvent`). It also dates the demo's Medusa orders, which the Store API
 * places "now", back to when their visitor bought: the order's `created_at` and the plugin's
 * payment row. Writing the visitor's events afterwards makes the plugin credit the payment again,
 * at its real time, as it does when events arrive after a payment.
 *
 * Body: `{ orders: [{ order_id, placed_at }], batches: [{ events: [collector events with ts and user_agent] }] }`.
 * Idempotent: a batch whose sessions exist already is skipped; dating an order twice is a no-op.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { describeDevice, toIngestEvent } from "medusa-revenue-attribution/lib/collector/enrich"

type PastEvent = { visitor_id: string; session_id: string; ts: number; user_agent?: string } & Record<string, unknown>
type Body = { orders?: { order_id: string; placed_at: string }[]; batches?: { events: PastEvent[] }[] }

type AttributionService = {
  getOptions(): Promise<{ storeHosts: string[] }>
  writeEvents(events: unknown[]): Promise<void>
}

export const POST = async (req: MedusaRequest<Body>, res: MedusaResponse) => {
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const attribution = req.scope.resolve<AttributionService>("attribution")
  const { storeHosts } = await attribution.getOptions()
  const orders = req.body.orders ?? []
  const batches = req.body.batches ?? []

  for (const { order_id, placed_at } of orders) {
    await backdateOrder(knex, order_id, new Date(placed_at))
  }

  let written = 0
  for (const { events } of batches) {
    const sessions = [...new Set(events.map((e) => e.session_id))]
    const known = await knex.raw(`select 1 from attribution_session where id = any(?) limit 1`, [sessions])
    if (known.rows.length) {
      continue
    }
    // `now` = the event's own time, so the collector's clamp leaves past timestamps as they are.
    const ingest = events.map(({ user_agent, ...event }) =>
      toIngestEvent(event, describeDevice(user_agent), storeHosts, event.ts)
    )
    await attribution.writeEvents(ingest)
    written++
  }
  res.json({ orders: orders.length, batches_written: written, batches_skipped: batches.length - written })
}

type Knex = { raw: (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>; transaction: <T>(fn: (trx: Knex) => Promise<T>) => Promise<T> }

/** Waits for the plugin's order subscriber to have stored the payment, then dates both back. */
async function backdateOrder(knex: Knex, orderId: string, placedAt: Date) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const { rows } = await knex.raw(
      `select id from attribution_payment where provider = 'medusa' and provider_payment_id = ? and deleted_at is null`,
      [orderId]
    )
    if (rows.length) {
      break
    }
    if (Date.now() > deadline) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `order ${orderId} has no attribution payment after 30 s: is the plugin's order.placed subscriber running?`
      )
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  await knex.transaction(async (trx) => {
    await trx.raw(`update "order" set created_at = ? where id = ?`, [placedAt, orderId])
    await trx.raw(
      `update attribution_payment set occurred_at = ? where provider = 'medusa' and provider_payment_id = ?`,
      [placedAt, orderId]
    )
    await trx.raw(
      `update attribution_credit set occurred_at = ?
        where payment_id = (select id from attribution_payment where provider = 'medusa' and provider_payment_id = ?)`,
      [placedAt, orderId]
    )
  })
}
