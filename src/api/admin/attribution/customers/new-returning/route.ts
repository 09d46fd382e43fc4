import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { newReturningReport } from "../../../../../lib/reports/customers/new-returning"
import { NewReturningQuery } from "../../../../../lib/reports/customers/query"
import { parseQuery } from "../../../../../lib/reports/parse-query"
import { pg } from "../../../../../lib/reports/report-db"
import { reportCurrency } from "../../../../../lib/reports/revenue"

/**
 * GET /admin/attribution/customers/new-returning?from&to&group_by&model&currency&include_test
 * (docs/reports-api.md): revenue of new customers' first payments, of returning customers and
 * of payments with no customer, per channel (or another dimension) under a model.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(NewReturningQuery, req, res)
  if (!q) return
  const knex = pg(req)
  const { currency, currencies } = await reportCurrency(knex, q)
  const report = await newReturningReport(knex, { ...q, currency })
  res.json({
    currency,
    currencies,
    model: q.model,
    group_by: q.group_by,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    include_test: q.include_test,
    ...report,
  })
}
