import type { ReportScope } from "../report/report-scope"

/** Revenue by discount code (issue 10). Placeholder: filled in by its feature. */
export const CodesSection = (_props: { scope: ReportScope }) => null
