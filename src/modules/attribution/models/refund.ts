import { model } from "@medusajs/framework/utils"

/** A refund of a stored payment, once per provider refund id. */
export const AttributionRefund = model
  .define("attribution_refund", {
    id: model.id({ prefix: "aref" }).primaryKey(),
    payment_id: model.text(),
    provider: model.text(),
    provider_refund_id: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    occurred_at: model.dateTime(),
  })
  .indexes([
    {
      name: "IDX_attribution_refund_provider_refund_id_unique",
      on: ["provider", "provider_refund_id"],
      unique: true,
      where: null,
    },
    { name: "IDX_attribution_refund_payment_id", on: ["payment_id"] },
    { name: "IDX_attribution_refund_occurred_at", on: ["occurred_at"] },
  ])
