import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pg } from "../../../../../../lib/reports/report-db"
import { parseQuery } from "../../../../../../lib/reports/parse-query"
import { productsReport } from "../../../../../../lib/reports/products"
import { ProductChannelsQuery, productIdField } from "../../../../../../lib/reports/products-query"
import { reportCurrency } from "../../../../../../lib/reports/revenue"

/**
 * GET /admin/attribution/products/:id/channels?model&currency&from&to&include_test&split_by
 * (docs/reports-api.md): the product widget's "Channels that sell this product".
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const id = productIdField.safeParse(req.params.id)
  if (!id.success) {
    res.status(400).json({ type: "invalid_data", message: `id: ${id.error.issues[0]?.message}` })
    return
  }
  const q = parseQuery(ProductChannelsQuery, req, res)
  if (!q) return
  const knex = pg(req)
  const { currency, currencies } = await reportCurrency(knex, q)
  const report = await productsReport(knex, { ...q, currency, group_by: "product", product_id: id.data })
  const row = report.rows[0]
  res.json({
    product_id: id.data,
    label: row?.label ?? null,
    currency,
    currencies,
    model: q.model,
    split_by: q.split_by,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    include_test: q.include_test,
    rows: row?.split ?? [],
    totals: {
      revenue: row?.revenue ?? 0,
      refunded: row?.refunded ?? 0,
      net_revenue: row?.net_revenue ?? 0,
      quantity: row?.quantity ?? 0,
      orders: row?.orders ?? 0,
    },
  })
}
