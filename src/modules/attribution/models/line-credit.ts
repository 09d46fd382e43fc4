import { model } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODELS } from "../../../core/attribution/types"
import { CHANNELS } from "../../../core/channel"

/**
 * One credit's share of one order line: every credit of a payment with stored lines, shared
 * among those lines in proportion to their amounts, exact to the smallest unit (largest
 * remainder; src/core/products/split.ts), and its refunded part likewise. Derived from the
 * credits and the lines, and rewritten with them (src/modules/attribution/line-credits.ts), so
 * the Products report is one scan of this table rather than a split computed on every request.
 * The credit's filter and dimension columns are copied, under the same names, for that scan;
 * labels stay in attribution_line_item (rows are kept narrow: a report reads thousands).
 */
export const AttributionLineCredit = model
  .define("attribution_line_credit", {
    id: model.id({ prefix: "alcr" }).primaryKey(),
    credit_id: model.text(),
    payment_id: model.text(),
    line_id: model.text(),
    line_item_id: model.text(),
    product_id: model.text().nullable(),
    variant_id: model.text().nullable(),
    collection_id: model.text().nullable(),
    categories: model.json().nullable(),
    quantity: model.number(),
    /**
     * True on one row of each line per model (its share of the lowest credit id): units,
     * orders and labels are counted over these, once per line, never split.
     */
    line_primary: model.boolean(),
    model: model.enum([...ATTRIBUTION_MODELS]),
    currency_code: model.text(),
    is_test: model.boolean().default(false),
    occurred_at: model.dateTime(),
    channel: model.enum([...CHANNELS]),
    source: model.text().nullable(),
    medium: model.text().nullable(),
    campaign: model.text().nullable(),
    term: model.text().nullable(),
    content: model.text().nullable(),
    landing_page: model.text().nullable(),
    referrer_domain: model.text().nullable(),
    /**
     * The line's share of the credit and of its refunded part, in minor units of currency_code.
     * `bigint` in the migration (the DML has no such type, and bigNumber's jsonb twin would make
     * every row, scanned by every Products report, half as wide again).
     */
    revenue_minor: model.number(),
    refunded_minor: model.number(),
    /**
     * On the line's primary row only (0 elsewhere): the line's exact share of the whole payment
     * and of its refunds, which reports without a split add up (the same under every model).
     */
    line_revenue_minor: model.number(),
    line_refunded_minor: model.number(),
  })
  .indexes([
    { name: "IDX_attribution_line_credit_model_occurred", on: ["model", "currency_code", "occurred_at"], where: "deleted_at IS NULL" },
    { name: "IDX_attribution_line_credit_payment_id", on: ["payment_id"], where: "deleted_at IS NULL" },
    { name: "IDX_attribution_line_credit_product_id", on: ["product_id"], where: "deleted_at IS NULL" },
  ])
