import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** Postgres planner settings a report may change for its own query only. */
export type PlannerSettings = Partial<Record<"jit" | "work_mem" | "enable_mergejoin", string>>

/**
 * Runs one report query in a transaction of its own with these settings
 * (`set_config(..., true)` lasts until the transaction ends, so no other query on the pooled
 * connection sees them). Reports whose row counts the planner cannot estimate use it: it then
 * guesses millions of rows and JIT-compiles for seconds a query that runs in milliseconds.
 */
export async function rawWithSettings(knex: Knex, settings: PlannerSettings, sql: string, params: Knex.Value[]): Promise<unknown[]> {
  const entries = Object.entries(settings)
  return knex.transaction(async (trx) => {
    if (entries.length) {
      await trx.raw(`select ${entries.map(() => "set_config(?, ?, true)").join(", ")}`, entries.flat())
    }
    return (await trx.raw(sql, params)).rows as unknown[]
  })
}
