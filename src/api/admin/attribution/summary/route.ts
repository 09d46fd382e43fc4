import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { reportInputs } from "../../../../lib/reports/report-db"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { reportFields, withRange } from "../../../../lib/reports/query-fields"
import { summaryReport } from "../../../../lib/reports/summary"

const SummaryQuery = z.object(reportFields).transform(withRange)

/**
 * GET /admin/attribution/summary: the period's figures, the previous period's, the change,
 * client-claimed purchases, unlinked payments and the number of storefront events.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(SummaryQuery, req, res)
  if (!q) return
  const { db, currency, currencies, dataDriven } = await reportInputs(req, q)
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
