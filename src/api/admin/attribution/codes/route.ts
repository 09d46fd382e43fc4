import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { codesReport } from "../../../../lib/codes/report"
import { CodesQuery } from "../../../../lib/codes/schema"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { pg } from "../../../../lib/reports/report-db"
import { reportCurrency } from "../../../../lib/reports/revenue"

/**
 * GET /admin/attribution/codes?from&to&model&currency&include_test&timezone&split_by
 * (docs/reports-api.md, "Discount codes"): revenue by promotion code, and with `split_by`
 * each code's credits under the model by that dimension (code × channel).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(CodesQuery, req, res)
  if (!q) return
  const knex = pg(req)
  const { currency, currencies } = await reportCurrency(knex, q)
  const report = await codesReport(knex, { ...q, currency })
  res.json({
    currency,
    currencies,
    model: q.model,
    split_by: q.split_by ?? null,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    include_test: q.include_test,
    ...report,
  })
}
