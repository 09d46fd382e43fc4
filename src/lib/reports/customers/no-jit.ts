import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { rawWithSettings } from "../planner-settings"

/**
 * Runs a customer report's query with Postgres' JIT compilation off (rawWithSettings). The
 * planner cannot estimate how many payments share a customer key (a `coalesce` of columns),
 * guesses millions of rows, and JIT-compiles: measured on the bench data (20,000 payments),
 * 1.9 s of compiling for a query that runs in 100 ms.
 */
export async function rawWithoutJit(knex: Knex, sql: string, params: Knex.Value[]): Promise<{ rows: unknown[] }> {
  return { rows: await rawWithSettings(knex, { jit: "off" }, sql, params) }
}
