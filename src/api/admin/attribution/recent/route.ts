import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recentArrivals } from "../../../../lib/reports/recent"

/** GET /admin/attribution/recent: the latest 10 events, payments and webhook deliveries. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const knex = req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  res.json(await recentArrivals(knex))
}
