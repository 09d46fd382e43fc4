import type { ReportScope } from "../report/report-scope"

/** The data-driven model's weights (issue 10). Placeholder: filled in by its feature. */
export const DataDrivenWeights = (_props: { scope: ReportScope }) => null
