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
  ])
