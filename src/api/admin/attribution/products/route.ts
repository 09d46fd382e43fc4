import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pg } from "../../../../lib/reports/report-db"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { productsReport } from "../../../../lib/reports/products"
import { ProductsQuery } from "../../../../lib/reports/products-query"
import { reportCurrency } from "../../../../lib/reports/revenue"

/**
 * GET /admin/attribution/products?group_by=product|variant|category|collection&split_by&model&currency&from&to&include_test&limit
 * (docs/reports-api.md): revenue of the Medusa orders' lines, each line's share of its
 * payment's credit exact to the smallest unit.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(ProductsQuery, req, res)
  if (!q) return
  const knex = pg(req)
  const { currency, currencies } = await reportCurrency(knex, q)
  const report = await productsReport(knex, { ...q, currency })
  res.json({
    currency,
    currencies,
    model: q.model,
    group_by: q.group_by,
    split_by: q.split_by ?? null,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    include_test: q.include_test,
    ...report,
  })
}
