/** What every section of the Attribution page reports on: the page's filters. */
export type ReportScope = {
  from: string
  to: string
  model: import("../../lib/types").AttributionModel
  /** The currency the summary settled on ("" until it has). */
  currency: string
  includeTest: boolean
  /** The browser's IANA time zone. */
  timezone: string
}
