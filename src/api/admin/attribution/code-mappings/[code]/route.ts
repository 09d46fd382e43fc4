import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeIssues } from "../../../../../lib/collector/schema"
import { codeField } from "../../../../../lib/codes/schema"
import { ATTRIBUTION_MODULE } from "../../../../../modules/attribution"
import type { AttributionModuleService } from "../../../../../modules/attribution"

/**
 * DELETE /admin/attribution/code-mappings/:code (any case): removes the mapping and stores again
 * the credits of the payments that used the code, which go back to their sessions. 404 when the
 * code has no mapping.
 */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = codeField.safeParse(req.params.code)
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error).replace(/^body/, "code") })
    return
  }
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const { deleted, recredited } = await attribution.unmapCode(parsed.data)
  if (!deleted) {
    res.status(404).json({ type: "not_found", message: `code: ${parsed.data} has no mapping` })
    return
  }
  res.json({ code: parsed.data, deleted: true, recredited })
}
