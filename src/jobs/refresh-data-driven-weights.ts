import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RecomputeBusyError, recomputeDataDrivenWeights } from "../lib/data-driven/recompute"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type { AttributionModuleService } from "../modules/attribution"

/**
 * Daily: recomputes the data_driven model's weights over the last `dataDrivenWindowDays` days
 * and rewrites the window's data_driven credits (lib/data-driven/recompute.ts). The admin's
 * "Recompute" button does the same on demand.
 */
export default async function refreshDataDrivenWeightsJob(container: MedusaContainer) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const options = await container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).getOptions()
  try {
    const r = await recomputeDataDrivenWeights(container.resolve(ContainerRegistrationKeys.PG_CONNECTION), {
      windowDays: options.dataDrivenWindowDays,
      minConversions: options.dataDrivenMinConversions,
    })
    logger.info(
      `attribution: data-driven weights over ${r.weights.paths} paths and ${r.weights.conversions} conversions ` +
        `(${r.data_driven.status}) in ${r.weights_ms} ms; ${r.payments_recredited} payments re-credited in ${r.recredit_ms} ms`
    )
  } catch (e) {
    if (e instanceof RecomputeBusyError) return // someone pressed "Recompute" at the same moment
    throw e
  }
}

export const config = {
  name: "attribution-refresh-data-driven-weights",
  schedule: "17 3 * * *",
}
