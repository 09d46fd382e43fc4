import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeIssues } from "../../../../lib/collector/schema"
import { CodeMappingBody } from "../../../../lib/codes/schema"
import { listCodeMappings, mappingJson } from "../../../../lib/codes/mappings"
import { pg } from "../../../../lib/reports/report-db"
import { ATTRIBUTION_MODULE } from "../../../../modules/attribution"
import type { AttributionModuleService } from "../../../../modules/attribution"

/** GET /admin/attribution/code-mappings: every promotion code mapped to a channel and source. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json({ mappings: await listCodeMappings(pg(req)) })
}

/**
 * POST /admin/attribution/code-mappings `{ code, channel, source?, medium?, campaign? }`:
 * creates the code's mapping (201) or replaces it (200), then stores again the credits of every
 * payment that used the code, so the mapping applies to past orders too (`recredited`).
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = CodeMappingBody.safeParse(req.body ?? {})
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const { mapping, created, recredited } = await attribution.mapCode(parsed.data)
  res.status(created ? 201 : 200).json({ mapping: mappingJson(mapping), created, recredited })
}
