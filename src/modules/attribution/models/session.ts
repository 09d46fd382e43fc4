import { model } from "@medusajs/framework/utils"
import { CHANNELS } from "../../../core/channel"

/**
 * One visit (`_ra_sid`), with the traffic source derived from its first event. The source
 * columns are written once and never overwritten by later pages of the same session.
 */
export const AttributionSession = model
  .define("attribution_session", {
    id: model.id({ prefix: "ses" }).primaryKey(),
    visitor_id: model.text(),
    started_at: model.dateTime(),
    last_seen_at: model.dateTime(),
    source: model.text().nullable(),
    medium: model.text().nullable(),
    campaign: model.text().nullable(),
    term: model.text().nullable(),
    content: model.text().nullable(),
    /** Every click id seen on the landing URL, e.g. `{ "gclid": "..." }`. */
    click_ids: model.json().nullable(),
    referrer: model.text().nullable(),
    referrer_domain: model.text().nullable(),
    landing_page: model.text().nullable(),
    channel: model.enum([...CHANNELS]).default("Direct"),
    device_type: model.text().nullable(),
    browser: model.text().nullable(),
    os: model.text().nullable(),
    pageviews: model.number().default(0),
    events: model.number().default(0),
  })
  .indexes([
    { name: "IDX_attribution_session_visitor_started", on: ["visitor_id", "started_at"] },
    { name: "IDX_attribution_session_started_at", on: ["started_at"] },
    { name: "IDX_attribution_session_channel_started", on: ["channel", "started_at"] },
  ])
