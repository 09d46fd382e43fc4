import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { attributionOptions, dataDrivenState } from "../../../../lib/data-driven/report-info"
import { weightsResponse } from "../../../../lib/data-driven/response"

/**
 * GET /admin/attribution/data-driven: the newest data-driven weights (per channel, adding up
 * to 1), when and over how many paths and conversions they were computed, and whether reports
 * use them or fall back to linear (docs/reports-api.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const [{ row, status }, options] = await Promise.all([dataDrivenState(req), attributionOptions(req)])
  res.json(weightsResponse(row, status, options.dataDrivenWindowDays))
}
