import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import { newId } from "./ids"

/**
 * SQL for `attribution_provider_connection` (see the model). Secrets arrive here sealed by the
 * service and leave sealed: nothing in this file sees a plain key.
 */
export type ConnectionRow = {
  id: string
  provider: string
  api_key_encrypted: string
  api_key_hint: string
  store_id: string | null
  account_name: string | null
  is_test: boolean
  webhook_endpoint_id: string | null
  webhook_url: string | null
  webhook_secret_encrypted: string | null
  backfill_status: "idle" | "running" | "done" | "failed"
  backfill_days: number | null
  backfill_since: Date | null
  /** `{ next: BackfillCursor | null, label: string | null }` */
  backfill_cursor: { next: { phase: string; after: string | null } | null; label: string | null } | null
  backfill_payments: number
  backfill_refunds: number
  backfill_skipped: number
  backfill_error: string | null
  backfill_started_at: Date | null
  backfill_finished_at: Date | null
  backfill_lease_until: Date | null
  created_at: Date
}

export type NewConnection = Pick<
  ConnectionRow,
  | "provider"
  | "api_key_encrypted"
  | "api_key_hint"
  | "store_id"
  | "account_name"
  | "is_test"
  | "webhook_endpoint_id"
  | "webhook_url"
  | "webhook_secret_encrypted"
>

export async function findConnection(manager: EntityManager, provider: string): Promise<ConnectionRow | null> {
  const [row] = await manager.execute(
    `select * from attribution_provider_connection where provider = ? and deleted_at is null`,
    [provider]
  )
  return (row as ConnectionRow) ?? null
}

export async function listConnectionRows(manager: EntityManager): Promise<ConnectionRow[]> {
  return (await manager.execute(
    `select * from attribution_provider_connection where deleted_at is null order by provider`
  )) as ConnectionRow[]
}

/** Inserts a connection; answers null when the provider is already connected (unique index). */
export async function insertConnection(manager: EntityManager, c: NewConnection): Promise<ConnectionRow | null> {
  const [row] = await manager.execute(
    `insert into attribution_provider_connection
       (id, provider, api_key_encrypted, api_key_hint, store_id, account_name, is_test,
        webhook_endpoint_id, webhook_url, webhook_secret_encrypted)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (provider) where deleted_at is null do nothing
     returning *`,
    [
      newId("apcon"),
      c.provider,
      c.api_key_encrypted,
      c.api_key_hint,
      c.store_id,
      c.account_name,
      c.is_test,
      c.webhook_endpoint_id,
      c.webhook_url,
      c.webhook_secret_encrypted,
    ]
  )
  return (row as ConnectionRow) ?? null
}

/** Removes the connection and its sealed secrets for good (a soft delete would keep them). */
export async function deleteConnectionRow(manager: EntityManager, provider: string): Promise<boolean> {
  const rows = await manager.execute(`delete from attribution_provider_connection where provider = ? returning id`, [provider])
  return rows.length > 0
}

/**
 * Starts a backfill (from the beginning, or from the saved cursor when `resume`). Answers the
 * row, or null when one is running under a live lease (another request started it).
 */
export async function startBackfillRow(
  manager: EntityManager,
  provider: string,
  input: { days: number; resume: boolean }
): Promise<ConnectionRow | null> {
  const [row] = await manager.execute(
    `update attribution_provider_connection
        set backfill_status = 'running',
            backfill_days = case when ? then coalesce(backfill_days, ?) else ? end,
            backfill_since = case when ? and backfill_since is not null then backfill_since
                                  else now() - make_interval(days => ?) end,
            backfill_cursor = case when ? then backfill_cursor else null end,
            backfill_payments = case when ? then backfill_payments else 0 end,
            backfill_refunds = case when ? then backfill_refunds else 0 end,
            backfill_skipped = case when ? then backfill_skipped else 0 end,
            backfill_error = null,
            backfill_started_at = case when ? and backfill_started_at is not null then backfill_started_at else now() end,
            backfill_finished_at = null,
            backfill_lease_until = null,
            updated_at = now()
      where provider = ? and deleted_at is null
        and not (backfill_status = 'running' and backfill_lease_until > now())
      returning *`,
    [input.resume, input.days, input.days, input.resume, input.days, input.resume, input.resume, input.resume, input.resume, input.resume, provider]
  )
  return (row as ConnectionRow) ?? null
}

/**
 * Takes the right to run a provider's backfill for `leaseMs`: one process at a time, and a
 * process that died leaves a lease that expires, so another one resumes from the cursor.
 */
export async function claimBackfillLease(manager: EntityManager, provider: string, leaseMs: number): Promise<ConnectionRow | null> {
  const [row] = await manager.execute(
    `update attribution_provider_connection
        set backfill_lease_until = now() + make_interval(secs => ?), updated_at = now()
      where provider = ? and deleted_at is null and backfill_status = 'running'
        and (backfill_lease_until is null or backfill_lease_until < now())
      returning *`,
    [leaseMs / 1000, provider]
  )
  return (row as ConnectionRow) ?? null
}

/** Saves one page's progress and extends the lease; answers false when the backfill was stopped meanwhile. */
export async function saveBackfillPage(
  manager: EntityManager,
  provider: string,
  page: {
    cursor: ConnectionRow["backfill_cursor"]
    payments: number
    refunds: number
    skipped: number
    done: boolean
    leaseMs: number
  }
): Promise<boolean> {
  const rows = await manager.execute(
    `update attribution_provider_connection
        set backfill_cursor = ?::jsonb,
            backfill_payments = backfill_payments + ?,
            backfill_refunds = backfill_refunds + ?,
            backfill_skipped = backfill_skipped + ?,
            backfill_status = case when ? then 'done' else backfill_status end,
            backfill_finished_at = case when ? then now() else null end,
            backfill_lease_until = case when ? then null else now() + make_interval(secs => ?) end,
            updated_at = now()
      where provider = ? and deleted_at is null and backfill_status = 'running'
      returning id`,
    [JSON.stringify(page.cursor), page.payments, page.refunds, page.skipped, page.done, page.done, page.done, page.leaseMs / 1000, provider]
  )
  return rows.length > 0
}

export async function failBackfillRow(manager: EntityManager, provider: string, error: string): Promise<void> {
  await manager.execute(
    `update attribution_provider_connection
        set backfill_status = 'failed', backfill_error = ?, backfill_finished_at = now(),
            backfill_lease_until = null, updated_at = now()
      where provider = ? and deleted_at is null and backfill_status = 'running'`,
    [error.slice(0, 500), provider]
  )
}

/** Providers whose backfill is running with no live lease: their process stopped mid-way. */
export async function orphanedBackfills(manager: EntityManager): Promise<string[]> {
  const rows = await manager.execute(
    `select provider from attribution_provider_connection
      where deleted_at is null and backfill_status = 'running'
        and (backfill_lease_until is null or backfill_lease_until < now())`
  )
  return (rows as { provider: string }[]).map((r) => r.provider)
}
