import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { SqlRunner } from "./sql"

/** The slice of node-postgres' client a transaction uses (knex's pool hands these out). */
type PgClient = {
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>
  /** knex marks a connection it saw fail; its pool then discards it instead of reusing it. */
  __knex__disposed?: unknown
}

/**
 * A transaction on a connection of the store's pool that takes fewer round trips than
 * MikroORM's: `begin` travels with the first statement, and a statement whose rows nobody
 * reads (`executeLater`) travels with the next one, or with `commit`. A webhook's payment
 * is then three round trips (claim, upsert, credits) instead of five; each costs the server
 * a socket write and a wake-up, about an eighth of a delivery's CPU on the benchmark machine
 * (bench/README.md). Statements are formatted by MikroORM's own platform, as its `execute`
 * formats them (the values inlined, escaped), so they are exactly the SQL the other path sends.
 */
export class PipelinedTransaction implements SqlRunner {
  /** Statements waiting to be sent with the next one. */
  private pending: string[] = ["begin"]
  /** Whether anything reached the server (then a failure needs a rollback). */
  sent = false

  constructor(
    private readonly client: PgClient,
    private readonly format: (sql: string, params: readonly unknown[]) => string
  ) {}

  /** Runs a statement (after the pending ones, in the same round trip); answers its rows. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async execute(sql: string, params: readonly unknown[] = []): Promise<any> {
    const results = await this.send([...this.pending.splice(0), this.format(sql, params)])
    return results[results.length - 1]!.rows
  }

  /** Queues a statement whose rows are not needed: it goes with the next one, or the commit. */
  executeLater(sql: string, params: readonly unknown[] = []): void {
    this.pending.push(this.format(sql, params))
  }

  async commit(): Promise<void> {
    // Only `begin` waiting, and nothing sent: the work ran no statement, there is nothing to commit.
    if (!this.sent && this.pending.length === 1) return
    await this.send([...this.pending.splice(0), "commit"])
  }

  private async send(statements: string[]): Promise<{ rows: unknown[] }[]> {
    this.sent = true
    // Several statements in one simple query: Postgres runs them in order and stops at the
    // first error, which leaves the transaction aborted (the caller rolls back).
    const result = await this.client.query(statements.join(";\n"))
    return Array.isArray(result) ? result : [result]
  }
}

/**
 * Runs `work` in a PipelinedTransaction on a connection of the module manager's pool: commits
 * when it answers, rolls back when it throws (and lets the pool discard a connection that
 * cannot even roll back), and always gives the connection back.
 */
export async function inPipelinedTransaction<T>(manager: EntityManager, work: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
  const knex = manager.getKnex()
  const client = (await knex.client.acquireConnection()) as PgClient
  const tx = new PipelinedTransaction(client, (sql, params) => manager.getPlatform().formatQuery(sql, params))
  try {
    const result = await work(tx)
    await tx.commit()
    return result
  } catch (e) {
    if (tx.sent) {
      await client.query("rollback").catch((rollbackError) => {
        client.__knex__disposed = rollbackError
      })
    }
    throw e
  } finally {
    await knex.client.releaseConnection(client)
  }
}
