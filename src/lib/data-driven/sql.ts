import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlRunner } from "../../modules/attribution/sql"

/**
 * A query runner with `?` placeholders answering rows: the data-driven code runs on the store's
 * knex pool (routes, the job) and on a payment's transaction manager (storeCredits) alike.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sql = (query: string, params?: unknown[]) => Promise<any[]>

export const knexSql =
  (knex: Knex | Knex.Transaction): Sql =>
  async (query, params = []) =>
    (await knex.raw(query, params as Knex.RawBinding[])).rows

export const managerSql =
  (manager: SqlRunner): Sql =>
  (query, params = []) =>
    manager.execute(query, params)
