import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ltvReport } from "../../../../../lib/reports/customers/ltv"
import { LtvQuery } from "../../../../../lib/reports/customers/query"
import { parseQuery } from "../../../../../lib/reports/parse-query"
import { pg } from "../../../../../lib/reports/report-db"
import { reportCurrency } from "../../../../../lib/reports/revenue"

/**
 * GET /admin/attribution/customers/ltv?from&to&currency&include_test (docs/reports-api.md):
 * lifetime value to date of the customers acquired in the range, by acquisition channel.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(LtvQuery, req, res)
  if (!q) return
  const knex = pg(req)
  const { currency, currencies } = await reportCurrency(knex, q)
  const report = await ltvReport(knex, { ...q, currency })
  res.json({ currency, currencies, from: q.from.toISOString(), to: q.to.toISOString(), include_test: q.include_test, ...report })
}
