import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pg, reportDb } from "../../../../../lib/reports/report-db"
import { parseQuery } from "../../../../../lib/reports/parse-query"
import { reportCurrency, revenueReport } from "../../../../../lib/reports/revenue"
import { exportFileName, revenueCsv } from "../../../../../lib/reports/revenue-csv"
import { RevenueQuery } from "../../../../../lib/reports/revenue-query"

/**
 * GET /admin/attribution/revenue/export: the revenue report's rows and totals as a CSV
 * download (docs/reports-api.md), for the same query.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(RevenueQuery, req, res)
  if (!q) return
  const [db, { currency }] = await Promise.all([reportDb(req), reportCurrency(pg(req), q)])
  const report = await revenueReport(db, { ...q, currency })
  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader("content-disposition", `attachment; filename="${exportFileName(q, currency)}"`)
  // A report changes as payments arrive: never serve a cached copy.
  res.setHeader("cache-control", "no-store")
  res.status(200).send(revenueCsv(report, currency))
}
