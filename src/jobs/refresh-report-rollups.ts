import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refreshReportRollups } from "../lib/reports/rollups"

/**
 * Keeps the reports' rollups close to the sessions and events, so reports count few visitors
 * the slow way. Reports stay exact without it (and start a refresh themselves when the rollups
 * are missing or far behind, e.g. on a server that runs no scheduled jobs).
 */
export default async function refreshReportRollupsJob(container: MedusaContainer) {
  await refreshReportRollups(container.resolve(ContainerRegistrationKeys.PG_CONNECTION))
}

export const config = {
  name: "attribution-refresh-report-rollups",
  schedule: "*/5 * * * *",
}
