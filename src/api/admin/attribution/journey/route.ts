import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { customerEmailHash } from "../../../../lib/reports/customers/customer"
import { JourneyQuery } from "../../../../lib/reports/journey-query"
import { journeyReport, type JourneyTarget } from "../../../../lib/reports/journey"
import { parseQuery } from "../../../../lib/reports/parse-query"

/**
 * GET /admin/attribution/journey?order_id|customer_id|payment_id&model: the sessions and
 * credits behind an order, a customer or a payment (docs/reports-api.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(JourneyQuery, req, res)
  if (!q) return
  let target: JourneyTarget
  if (q.order_id !== undefined) target = { order_id: q.order_id }
  else if (q.payment_id !== undefined) target = { payment_id: q.payment_id }
  else target = { customer_id: q.customer_id!, email_hash: await customerEmailHash(req, q.customer_id!) }
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  res.json(await journeyReport(knex, target, q.model, q.include_test))
}
