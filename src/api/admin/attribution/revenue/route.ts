import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { describeIssues } from "../../../../lib/collector/schema"
import { currenciesInRange, revenueReport } from "../../../../lib/reports/revenue"
import { RevenueQuery } from "../../../../lib/reports/revenue-query"

/**
 * GET /admin/attribution/revenue?from&to&group_by&model&currency&include_test
 * (CONTRACT.md "Admin report shapes"). Without `currency`, the currency with the most
 * payments in the range; `currencies` lists the others, which are never added in.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = RevenueQuery.safeParse(req.query)
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  const q = parsed.data
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const currencies = await currenciesInRange(knex, q)
  const currency = q.currency ?? currencies[0] ?? "USD"
  const report = await revenueReport(knex, { ...q, currency })
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
