import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { CodeMapping } from "../../core/codes"
import { newId } from "./ids"
import { lockKeys } from "./sql"

export type CodeMappingRow = CodeMapping & { created_at: Date; updated_at: Date }

const COLUMNS = "code, channel, source, medium, campaign, created_at, updated_at"

/** Creates the mapping of `input.code`, or replaces the one stored. Answers the row and whether it is new. */
export async function saveCodeMapping(
  manager: EntityManager,
  input: CodeMapping
): Promise<{ mapping: CodeMappingRow; created: boolean }> {
  const [row] = await manager.execute(
    `insert into attribution_code_mapping (id, code, channel, source, medium, campaign)
     values (?, ?, ?, ?, ?, ?)
     on conflict (code) where deleted_at is null do update
        set channel = excluded.channel, source = excluded.source, medium = excluded.medium,
            campaign = excluded.campaign, updated_at = now()
     returning ${COLUMNS}, (xmax = 0) as created`,
    [newId("acmap"), input.code, input.channel, input.source, input.medium, input.campaign]
  )
  const { created, ...mapping } = row
  return { mapping: mapping as CodeMappingRow, created: Boolean(created) }
}

/** Deletes the mapping of a code; answers whether there was one. */
export async function deleteCodeMapping(manager: EntityManager, code: string): Promise<boolean> {
  const rows = await manager.execute(`delete from attribution_code_mapping where code = ? returning id`, [code])
  return rows.length > 0
}

/**
 * The next batch of payments that used `code` (by id, after `afterId`), locked the way every
 * writer of a payment locks it: its references' keys (those `recordPayment` takes), then its
 * row key (the one refunds take), each set in one sorted call, so credits are never rewritten
 * by two transactions at once and no lock order is reversed.
 */
export async function lockPaymentsWithCode(
  manager: EntityManager,
  code: string,
  afterId: string,
  limit: number
): Promise<string[]> {
  const rows: { id: string; keys: string[] }[] = await manager.execute(
    `select p.id, coalesce((select array_agg('payment:' || r.provider || ':' || r.external_id)
                              from attribution_payment_reference r
                             where r.payment_id = p.id and r.deleted_at is null), '{}') as keys
       from attribution_payment p
      where ? = any(p.promotion_codes) and p.id > ? and p.deleted_at is null
      order by p.id limit ?`,
    [code, afterId, limit]
  )
  await lockKeys(manager, rows.flatMap((r) => r.keys))
  await lockKeys(manager, rows.map((r) => `payment-row:${r.id}`))
  return rows.map((r) => r.id)
}
