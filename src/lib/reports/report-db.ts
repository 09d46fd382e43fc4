import type { MedusaRequest } from "@medusajs/framework/http"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ReportDb } from "./revenue"
import { currentRollups } from "./rollups"

/** The store's Postgres pool (knex), as Medusa registers it. */
export const pg = (req: MedusaRequest): Knex => req.scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)

/**
 * The connection a report runs on, and what it may take from the rollups now. Reading their
 * state and the visitors they do not cover yet happens once per request, whatever the report asks.
 */
export async function reportDb(req: MedusaRequest): Promise<ReportDb> {
  const knex = pg(req)
  const logger = req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const rollups = await currentRollups(knex, (e) =>
    logger.warn(`attribution: refreshing the report rollups failed (reports stay exact, only slower): ${(e as Error).message}`)
  )
  return { knex, ...rollups }
}
