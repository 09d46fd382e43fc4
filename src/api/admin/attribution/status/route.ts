import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../../../modules/attribution"
import type { AttributionModuleService } from "../../../../modules/attribution"

/**
 * GET /admin/attribution/status: counts and latest arrivals, and which providers have a
 * webhook secret (a yes/no, never the secret). Admin auth is applied by Medusa to /admin.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  res.json({ status: await attribution.getStatus() })
}
