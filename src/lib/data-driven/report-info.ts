import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AttributionModuleService } from "../../modules/attribution"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type { ResolvedAttributionOptions } from "../../modules/attribution/options"
import { knexSql } from "./sql"
import { dataDrivenStatus, latestWeights, type DataDrivenStatus, type StoredWeights } from "./weights-store"

export async function attributionOptions(req: MedusaRequest): Promise<ResolvedAttributionOptions> {
  return req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).getOptions()
}

/** The newest weights and whether they are in use, for the routes. */
export async function dataDrivenState(req: MedusaRequest): Promise<{ row: StoredWeights | null; status: DataDrivenStatus }> {
  const [options, row] = await Promise.all([
    attributionOptions(req),
    latestWeights(knexSql(req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION))),
  ])
  return { row, status: dataDrivenStatus(row, options.dataDrivenMinConversions) }
}

/**
 * `{ data_driven: {...} }` for a report asked under the data_driven model (spread into its
 * answer), `{}` under any other: whether its figures follow the weights or fell back to linear.
 */
export async function dataDrivenReportInfo(req: MedusaRequest, model: string): Promise<{ data_driven?: DataDrivenStatus }> {
  if (model !== "data_driven") return {}
  return { data_driven: (await dataDrivenState(req)).status }
}
