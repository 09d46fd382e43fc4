import { model } from "@medusajs/framework/utils"

/**
 * A copy of a session for the reports' visitor counts, with, for the visitor's sessions, when
 * the previous one started overall and under each report dimension (the same channel, the
 * same campaign, ...). With it, "distinct visitors with a session in [from, to)" becomes a
 * plain filtered count: the sessions in the range whose previous one of the same key started
 * before `from`. Counting distinct (visitor, key) pairs instead costs a large hash per request.
 *
 * Rebuilt for the visitors whose sessions changed since `attribution_report_state.snapshot_at`
 * (src/lib/reports/rollups.ts); reports count those visitors from the sessions
 * themselves until then, so figures are exact at any time.
 */
export const AttributionReportSession = model
  .define("attribution_report_session", {
    /** The session's id. */
    id: model.id().primaryKey(),
    visitor_id: model.text(),
    started_at: model.dateTime(),
    channel: model.text(),
    source: model.text().nullable(),
    medium: model.text().nullable(),
    campaign: model.text().nullable(),
    term: model.text().nullable(),
    content: model.text().nullable(),
    landing_page: model.text().nullable(),
    referrer_domain: model.text().nullable(),
    previous_at: model.dateTime().nullable(),
    previous_channel_at: model.dateTime().nullable(),
    previous_source_at: model.dateTime().nullable(),
    previous_medium_at: model.dateTime().nullable(),
    previous_campaign_at: model.dateTime().nullable(),
    previous_term_at: model.dateTime().nullable(),
    previous_content_at: model.dateTime().nullable(),
    previous_landing_page_at: model.dateTime().nullable(),
    previous_referrer_domain_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_attribution_report_session_started_at", on: ["started_at"] },
    { name: "IDX_attribution_report_session_visitor_id", on: ["visitor_id"] },
  ])
