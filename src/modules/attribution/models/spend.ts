import { model } from "@medusajs/framework/utils"

/** Where a spend row came from: an upload's detected format, or the JSON API. */
export const SPEND_ORIGINS = ["google_ads", "meta_ads", "template", "api"] as const
export type SpendOrigin = (typeof SPEND_ORIGINS)[number]

/**
 * Ad spend for one day and one campaign (and/or source, medium, channel), in major units of
 * its own currency. `match_key` is the row's identity (day, campaign, source, medium and channel,
 * normalised): importing the same day and campaign again replaces the row, because ad platforms
 * revise past days.
 */
export const AttributionSpend = model
  .define("attribution_spend", {
    id: model.id({ prefix: "aspd" }).primaryKey(),
    /** The ad platform's reporting day, `YYYY-MM-DD` (sorts and compares as text). */
    day: model.text(),
    channel: model.text().nullable(),
    source: model.text().nullable(),
    medium: model.text().nullable(),
    campaign: model.text().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    origin: model.enum([...SPEND_ORIGINS]).default("api"),
    match_key: model.text(),
  })
  .indexes([
    { name: "IDX_attribution_spend_match_key_unique", on: ["match_key"], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_attribution_spend_currency_day", on: ["currency_code", "day"], where: "deleted_at IS NULL" },
  ])
