import { model } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODELS } from "../../../core/attribution/types"
import { CHANNELS } from "../../../core/channel"

/**
 * The share of one payment credited to one session under one model, with that session's
 * source denormalised so every report is a single aggregation over this table. The credits
 * of a payment under a model add up exactly to its amount; refunds reduce them in
 * proportion (`refunded_amount`). A payment with no session gets one Direct/unlinked row.
 */
export const AttributionCredit = model
  .define("attribution_credit", {
    id: model.id({ prefix: "acred" }).primaryKey(),
    payment_id: model.text(),
    model: model.enum([...ATTRIBUTION_MODELS]),
    session_id: model.text().nullable(),
    visitor_id: model.text().nullable(),
    weight: model.float(),
    amount: model.bigNumber(),
    refunded_amount: model.bigNumber().default(0),
    currency_code: model.text(),
    is_test: model.boolean().default(false),
    occurred_at: model.dateTime(),
    session_started_at: model.dateTime().nullable(),
    channel: model.enum([...CHANNELS]),
    source: model.text().nullable(),
    medium: model.text().nullable(),
    campaign: model.text().nullable(),
    term: model.text().nullable(),
    content: model.text().nullable(),
    landing_page: model.text().nullable(),
    referrer_domain: model.text().nullable(),
    /** Set on the credit of a mapped promotion code's touch (no session: the order itself). */
    promotion_code: model.text().nullable(),
  })
  .indexes([
    { name: "IDX_attribution_credit_payment_model", on: ["payment_id", "model"] },
    { name: "IDX_attribution_credit_model_occurred", on: ["model", "currency_code", "occurred_at"] },
    { name: "IDX_attribution_credit_model_channel", on: ["model", "channel", "occurred_at"] },
    { name: "IDX_attribution_credit_session_id", on: ["session_id"], where: "session_id IS NOT NULL" },
  ])
