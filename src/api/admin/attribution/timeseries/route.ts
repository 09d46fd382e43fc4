import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pg, reportDb } from "../../../../lib/reports/report-db"
import { dataDrivenReportInfo } from "../../../../lib/data-driven/report-info"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { reportCurrency } from "../../../../lib/reports/revenue"
import { timeseriesReport } from "../../../../lib/reports/timeseries"
import { TimeseriesQuery } from "../../../../lib/reports/timeseries-query"

/**
 * GET /admin/attribution/timeseries: revenue, payments and visitors per day, week or month in
 * a time zone, split by one dimension (docs/reports-api.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(TimeseriesQuery, req, res)
  if (!q) return
  const [db, { currency, currencies }, dataDriven] = await Promise.all([
    reportDb(req),
    reportCurrency(pg(req), q),
    dataDrivenReportInfo(req, q.model), // data_driven: weights in use or linear fallback
  ])
  const report = await timeseriesReport(db, { ...q, currency })
  res.json({
    currency,
    currencies,
    model: q.model,
    interval: q.interval,
    timezone: q.timezone,
    group_by: q.group_by,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    include_test: q.include_test,
    ...report,
    ...dataDriven,
  })
}
