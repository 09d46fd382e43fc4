import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type { AttributionModuleService } from "../modules/attribution"

/**
 * Daily: deletes raw storefront events older than the `eventRetentionDays` option. Sessions
 * and payments' stored attribution stay, so reports are unchanged.
 */
export default async function purgeExpiredEvents(container: MedusaContainer) {
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const deleted = await attribution.purgeExpiredEvents()
  if (deleted > 0) {
    container.resolve(ContainerRegistrationKeys.LOGGER).info(`attribution: deleted ${deleted} events past the retention period`)
  }
}

export const config = {
  name: "attribution-purge-expired-events",
  schedule: "23 3 * * *",
}
