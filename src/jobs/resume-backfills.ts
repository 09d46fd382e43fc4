import type { MedusaContainer } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type { AttributionModuleService } from "../modules/attribution"
import { isConnectable } from "../lib/connections"
import { runBackfillInBackground } from "../lib/connections/backfill-runner"

/**
 * Every minute: a backfill still marked running whose lease has expired was left by a process
 * that stopped (a deploy, a crash). Continue it from its last saved page.
 */
export default async function resumeBackfills(container: MedusaContainer) {
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  for (const provider of await attribution.orphanedBackfills()) {
    if (isConnectable(provider)) {
      runBackfillInBackground(container, provider)
    }
  }
}

export const config = {
  name: "attribution-resume-backfills",
  schedule: "* * * * *",
}
