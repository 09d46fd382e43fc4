import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { customerEmailHash, customerReport } from "../../../../../lib/reports/customers/customer"
import { CustomerQuery } from "../../../../../lib/reports/customers/query"
import { parseQuery } from "../../../../../lib/reports/parse-query"
import { pg } from "../../../../../lib/reports/report-db"

/**
 * GET /admin/attribution/customers/:id?currency&include_test (docs/reports-api.md): the
 * customer widget's figures, new or returning per payment, acquisition channel, lifetime value
 * and the average of the customers acquired through the same channel. An unknown customer
 * answers empty figures, as the journey does.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(CustomerQuery, req, res)
  if (!q) return
  const id = req.params.id!
  if (id.length > 255) {
    res.status(400).json({ type: "invalid_data", message: "id: must be at most 255 characters" })
    return
  }
  res.json(await customerReport(pg(req), { customer_id: id, email_hash: await customerEmailHash(req, id) }, q))
}
