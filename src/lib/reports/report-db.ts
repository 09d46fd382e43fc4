import type { MedusaRequest } from "@medusajs/framework/http"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { dataDrivenReportInfo } from "../data-driven/report-info"
import { reportCurrency, type ReportDb } from "./revenue"
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

/**
 * What the revenue, summary and timeseries routes each read before their report, at once: the
 * database view, the report's currency (the one asked for, else the one with most payments)
 * with the range's currencies, and under `data_driven` whether the weights are in use.
 */
export async function reportInputs(req: MedusaRequest, q: { from: Date; to: Date; include_test: boolean; currency?: string; model: string }) {
  const [db, { currency, currencies }, dataDriven] = await Promise.all([
    reportDb(req),
    reportCurrency(pg(req), q),
    dataDrivenReportInfo(req, q.model),
  ])
  return { db, currency, currencies, dataDriven }
}
