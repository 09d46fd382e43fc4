import { model } from "@medusajs/framework/utils"

/**
 * How many storefront events each hour holds, for hours old enough that no event can still be
 * written into them (the collector clamps event times to at most seven days back). The
 * summary's `events` adds these up instead of counting a million rows; the hours since are
 * counted from the events. Rebuilt once a day (src/lib/reports/rollups.ts), so events
 * deleted since (an erasure, the retention purge) leave it then.
 */
export const AttributionReportEventHour = model
  .define("attribution_report_event_hour", {
    /** The hour's start, ISO 8601. */
    id: model.id().primaryKey(),
    hour: model.dateTime(),
    events: model.number(),
  })
  .indexes([{ name: "IDX_attribution_report_event_hour_hour", on: ["hour"] }])
