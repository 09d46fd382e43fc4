import { model } from "@medusajs/framework/utils"

export const DELIVERY_OUTCOMES = ["processed", "ignored"] as const

/** A provider event already handled: the same event delivered again is a no-op. */
export const AttributionWebhookDelivery = model
  .define("attribution_webhook_delivery", {
    id: model.id({ prefix: "awhd" }).primaryKey(),
    provider: model.text(),
    event_id: model.text(),
    event_type: model.text(),
    outcome: model.enum([...DELIVERY_OUTCOMES]).default("processed"),
    payment_id: model.text().nullable(),
    received_at: model.dateTime(),
  })
  .indexes([
    {
      name: "IDX_attribution_webhook_delivery_event_unique",
      on: ["provider", "event_id"],
      unique: true,
      where: null,
    },
    { name: "IDX_attribution_webhook_delivery_received_at", on: ["received_at"] },
  ])
