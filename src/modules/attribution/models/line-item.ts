import { model } from "@medusajs/framework/utils"

/**
 * One line item of a Medusa order that is a stored payment, with the product, variant,
 * collection and categories it was at order time (titles copied, so reports need no other
 * module). `amount` is the line's total after discounts, in major units; a payment's credit is
 * shared among its lines in proportion to these amounts.
 */
export const AttributionLineItem = model
  .define("attribution_line_item", {
    id: model.id({ prefix: "alin" }).primaryKey(),
    payment_id: model.text(),
    order_id: model.text(),
    line_item_id: model.text(),
    product_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    product_title: model.text().nullable(),
    variant_title: model.text().nullable(),
    sku: model.text().nullable(),
    collection_id: model.text().nullable(),
    collection_title: model.text().nullable(),
    /** `[{ "id": "pcat_...", "name": "Shirts" }]` */
    categories: model.json().nullable(),
    quantity: model.number(),
    amount: model.bigNumber(),
    currency_code: model.text(),
  })
  .indexes([
    { name: "IDX_attribution_line_item_payment_line_unique", on: ["payment_id", "line_item_id"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_attribution_line_item_product_id", on: ["product_id"], where: "deleted_at IS NULL" },
    // The Products report reads the labels of the variants and collections it shows.
    { name: "IDX_attribution_line_item_variant_id", on: ["variant_id"], where: "deleted_at IS NULL" },
    { name: "IDX_attribution_line_item_collection_id", on: ["collection_id"], where: "deleted_at IS NULL" },
  ])
