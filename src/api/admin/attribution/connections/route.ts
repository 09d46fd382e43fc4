import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { connectionsJson } from "../../../../lib/connections/serialize"
import { ATTRIBUTION_MODULE } from "../../../../modules/attribution"
import type { AttributionModuleService } from "../../../../modules/attribution"

/** GET /admin/attribution/connections: each connectable provider, connected or not (never a key or secret). */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  res.json({ encryption_configured: await attribution.encryptionConfigured(), connections: connectionsJson(await attribution.listConnections()) })
}
