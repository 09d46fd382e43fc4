import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reportInputs } from "../../../../lib/reports/report-db"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { revenueReport } from "../../../../lib/reports/revenue"
import { RevenueQuery } from "../../../../lib/reports/revenue-query"

/**
 * GET /admin/attribution/revenue?from&to&group_by&model&currency&include_test&timezone
 * (docs/reports-api.md). Without `currency`, the currency with the most payments in the range;
 * `currencies` lists the others, which are never added in.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(RevenueQuery, req, res)
  if (!q) return
  const { db, currency, currencies, dataDriven } = await reportInputs(req, q)
  const report = await revenueReport(db, { ...q, currency })
  res.json({
    currency,
    currencies,
    model: q.model,
    group_by: q.group_by,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    include_test: q.include_test,
    ...report,
    ...dataDriven,
  })
}
