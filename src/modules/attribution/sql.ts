/**
 * What the payment path's statements run on: MikroORM's transaction manager (its `execute`
 * answers rows), or a PipelinedTransaction, which can also hold back a statement whose rows
 * nobody reads and send it with the next one.
 */
export type SqlRunner = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  execute(sql: string, params?: any[]): Promise<any>
  executeLater?: (sql: string, params?: unknown[]) => void
}

/** The jsonb twin Medusa keeps beside every bigNumber column. */
export function rawBigNumber(value: string): string {
  return JSON.stringify({ value, precision: 20 })
}

/** Lock keys without repeats, in the one order every writer takes them in. */
export function lockOrder(keys: string[]): string[] {
  return [...new Set(keys)].sort()
}

/**
 * Takes transaction-scoped advisory locks on string keys, in a fixed order so two writers
 * locking overlapping sets cannot deadlock. Held until the transaction ends, across every
 * server that shares the database.
 */
export async function lockKeys(manager: SqlRunner, keys: string[]): Promise<void> {
  const sorted = lockOrder(keys)
  if (!sorted.length) {
    return
  }
  // One round trip; `order by` takes the locks in that fixed order.
  await manager.execute(
    `select pg_advisory_xact_lock(hashtextextended(k, 0))
       from jsonb_array_elements_text(?::jsonb) with ordinality as t(k, i) order by i`,
    [JSON.stringify(sorted)]
  )
}
