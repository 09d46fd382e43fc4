import { model } from "@medusajs/framework/utils"

/**
 * Another id under which a stored payment is known, e.g. `stripe` + `cs_...` for the
 * checkout session of a payment keyed by its `pi_...`, or `stripe` + `pi_...` for a Medusa
 * order paid through Medusa's Stripe provider. Unique, so two routes reporting the same
 * payment converge on one row.
 */
export const AttributionPaymentReference = model
  .define("attribution_payment_reference", {
    id: model.id({ prefix: "apref" }).primaryKey(),
    payment_id: model.text(),
    provider: model.text(),
    external_id: model.text(),
  })
  .indexes([
    {
      name: "IDX_attribution_payment_reference_unique",
      on: ["provider", "external_id"],
      unique: true,
      where: null,
    },
    { name: "IDX_attribution_payment_reference_payment_id", on: ["payment_id"] },
  ])
