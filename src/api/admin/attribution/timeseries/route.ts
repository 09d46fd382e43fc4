import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reportInputs } from "../../../../lib/reports/report-db"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { timeseriesReport } from "../../../../lib/reports/timeseries"
import { TimeseriesQuery } from "../../../../lib/reports/timeseries-query"

/**
 * GET /admin/attribution/timeseries: revenue, payments and visitors per day, week or month in
 * a time zone, split by one dimension (docs/reports-api.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(TimeseriesQuery, req, res)
  if (!q) return
  const { db, currency, currencies, dataDriven } = await reportInputs(req, q)
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
