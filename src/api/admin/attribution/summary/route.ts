import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { pg, reportDb } from "../../../../lib/reports/report-db"
import { dataDrivenReportInfo } from "../../../../lib/data-driven/report-info"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { reportFields, withRange } from "../../../../lib/reports/query-fields"
import { reportCurrency } from "../../../../lib/reports/revenue"
import { summaryReport } from "../../../../lib/reports/summary"

const SummaryQuery = z.object(reportFields).transform(withRange)

/**
 * GET /admin/attribution/summary: the period's figures, the previous period's, the change,
 * client-claimed purchases, unlinked payments and the number of storefront events.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(SummaryQuery, req, res)
  if (!q) return
  const [db, { currency, currencies }, dataDriven] = await Promise.all([
    reportDb(req),
    reportCurrency(pg(req), q),
    dataDrivenReportInfo(req, q.model), // data_driven: weights in use or linear fallback
  ])
  const summary = await summaryReport(db, { ...q, currency })
  res.json({
    currency,
    currencies,
    model: q.model,
    include_test: q.include_test,
    timezone: q.timezone,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    ...summary,
    ...dataDriven,
  })
}
