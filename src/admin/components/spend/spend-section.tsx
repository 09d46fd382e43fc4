import type { ReportScope } from "../report/report-scope"

/** Ad spend: upload, ROAS, CAC (issue 10). Placeholder: filled in by its feature. */
export const SpendSection = (_props: { scope: ReportScope }) => null
