import { model } from "@medusajs/framework/utils"

export const EVENT_TYPES = ["pageview", "event", "identify", "purchase"] as const
export type EventType = (typeof EVENT_TYPES)[number]

/**
 * A raw storefront event. `purchase` events are client-claimed revenue: kept apart from
 * verified payments and never added to them.
 */
export const AttributionEvent = model
  .define("attribution_event", {
    id: model.id({ prefix: "aev" }).primaryKey(),
    visitor_id: model.text(),
    session_id: model.text(),
    type: model.enum([...EVENT_TYPES]),
    name: model.text().nullable(),
    url: model.text().nullable(),
    path: model.text().nullable(),
    title: model.text().nullable(),
    props: model.json().nullable(),
    order_id: model.text().nullable(),
    amount: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    occurred_at: model.dateTime(),
  })
  .indexes([
    { name: "IDX_attribution_event_occurred_at", on: ["occurred_at"] },
    { name: "IDX_attribution_event_session_id", on: ["session_id"] },
    { name: "IDX_attribution_event_visitor_id", on: ["visitor_id"] },
    // Which visitors got new events since the reports' rollups were refreshed (events are only
    // ever inserted, so this index costs no update of a row).
    { name: "IDX_attribution_event_created_at", on: ["created_at"] },
    // The summary's client-claimed purchases: a few percent of the events, read by currency and time.
    { name: "IDX_attribution_event_purchase", on: ["currency_code", "occurred_at"], where: "type = 'purchase'" },
  ])
