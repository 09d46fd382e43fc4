import { model } from "@medusajs/framework/utils"

/**
 * How far the reports' rollups go (one row, id `sessions`): `attribution_report_session` holds
 * every session as it was at `snapshot_at`, `attribution_report_event_hour` every hour before
 * `events_before`; both were last rebuilt from scratch at `rebuilt_at`.
 */
export const AttributionReportState = model.define("attribution_report_state", {
  id: model.id().primaryKey(),
  snapshot_at: model.dateTime(),
  events_before: model.dateTime(),
  rebuilt_at: model.dateTime(),
})
