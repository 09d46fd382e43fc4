import type { ReportScope } from "../report/report-scope"

/** Products by channel (issue 10). Placeholder: filled in by its feature. */
export const ProductsSection = (_props: { scope: ReportScope }) => null
