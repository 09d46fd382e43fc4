import { model } from "@medusajs/framework/utils"
import { CHANNELS } from "../../../core/channel"

/**
 * A promotion code the owner ties to a source (an influencer's code → Affiliates / `anna`).
 * An order that used it gets a touch at order time, credited under every model like a session.
 * `code` is stored upper-case, as on payments: the plugin compares codes case-insensitively.
 */
export const AttributionCodeMapping = model
  .define("attribution_code_mapping", {
    id: model.id({ prefix: "acmap" }).primaryKey(),
    code: model.text(),
    channel: model.enum([...CHANNELS]),
    source: model.text().nullable(),
    medium: model.text().nullable(),
    campaign: model.text().nullable(),
  })
  .indexes([{ name: "IDX_attribution_code_mapping_code_unique", on: ["code"], unique: true, where: "deleted_at IS NULL" }])
