import type { ReportScope } from "../report/report-scope"

/** New and returning customers, LTV, cohorts (issue 10). Placeholder: filled in by its feature. */
export const CustomersSection = (_props: { scope: ReportScope }) => null
