import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { PaymentsQuery, listPayments } from "../../../../lib/reports/payments-list"

/**
 * GET /admin/attribution/payments: stored payments in a range, newest first, filtered by link,
 * provider, status and currency, a page at a time (docs/reports-api.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(PaymentsQuery, req, res)
  if (!q) return
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  res.json({ ...(await listPayments(knex, q)), model: q.model, from: q.from.toISOString(), to: q.to.toISOString() })
}
