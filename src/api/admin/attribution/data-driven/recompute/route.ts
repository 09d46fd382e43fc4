import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { pg } from "../../../../../lib/reports/report-db"
import { attributionOptions } from "../../../../../lib/data-driven/report-info"
import { RecomputeBusyError, recomputeDataDrivenWeights } from "../../../../../lib/data-driven/recompute"
import { weightsResponse } from "../../../../../lib/data-driven/response"

/**
 * POST /admin/attribution/data-driven/recompute: computes the weights now over the window
 * (`dataDrivenWindowDays`), stores them and rewrites the window's data_driven credits. 409
 * while another recompute runs. Takes no body.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const options = await attributionOptions(req)
  try {
    const result = await recomputeDataDrivenWeights(pg(req), {
      windowDays: options.dataDrivenWindowDays,
      minConversions: options.dataDrivenMinConversions,
    })
    res.json({
      ...weightsResponse(result.weights, result.data_driven, options.dataDrivenWindowDays),
      payments_recredited: result.payments_recredited,
      weights_ms: result.weights_ms,
      recredit_ms: result.recredit_ms,
    })
  } catch (e) {
    if (e instanceof RecomputeBusyError) throw new MedusaError(MedusaError.Types.CONFLICT, e.message)
    throw e
  }
}
