import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { COHORT_DAYS } from "../../../../../core/customers/cohorts"
import { cohortsReport } from "../../../../../lib/reports/customers/cohorts"
import { CohortsQuery } from "../../../../../lib/reports/customers/query"
import { parseQuery } from "../../../../../lib/reports/parse-query"
import { pg } from "../../../../../lib/reports/report-db"
import { reportCurrency } from "../../../../../lib/reports/revenue"

/**
 * GET /admin/attribution/customers/cohorts?from&to&timezone&currency&include_test&channel
 * (docs/reports-api.md): customers acquired in the range by month of their first payment, with
 * net revenue per customer 30, 90, 180 and 365 days after it.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(CohortsQuery, req, res)
  if (!q) return
  const knex = pg(req)
  const { currency, currencies } = await reportCurrency(knex, q)
  const rows = await cohortsReport(knex, { ...q, currency })
  res.json({
    currency,
    currencies,
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    timezone: q.timezone,
    include_test: q.include_test,
    channel: q.channel ?? null,
    days: COHORT_DAYS,
    rows,
  })
}
