import type { ConnectionRow } from "../../modules/attribution/connections"
import { CONNECTABLE_PROVIDERS, type ConnectableProvider } from "./types"

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/** A backfill's progress as the admin shows it. */
export function backfillJson(row: ConnectionRow | null) {
  return {
    status: row?.backfill_status ?? "idle",
    days: row?.backfill_days ?? null,
    since: iso(row?.backfill_since ?? null),
    phase: row?.backfill_cursor?.label ?? null,
    payments: row?.backfill_payments ?? 0,
    refunds: row?.backfill_refunds ?? 0,
    skipped: row?.backfill_skipped ?? 0,
    error: row?.backfill_error ?? null,
    started_at: iso(row?.backfill_started_at ?? null),
    finished_at: iso(row?.backfill_finished_at ?? null),
  }
}

/** A connection as the admin sees it: never the key or the secret, only whether they are stored. */
export function connectionJson(provider: ConnectableProvider, row: ConnectionRow | null) {
  return {
    provider,
    connected: row !== null,
    account_name: row?.account_name ?? null,
    is_test: row?.is_test ?? false,
    api_key_hint: row?.api_key_hint ?? null,
    store_id: row?.store_id ?? null,
    connected_at: iso(row?.created_at ?? null),
    webhook: {
      registered: Boolean(row?.webhook_endpoint_id),
      endpoint_id: row?.webhook_endpoint_id ?? null,
      url: row?.webhook_url ?? null,
      secret_stored: Boolean(row?.webhook_secret_encrypted),
    },
    backfill: backfillJson(row),
  }
}

export function connectionsJson(rows: ConnectionRow[]) {
  return CONNECTABLE_PROVIDERS.map((p) => connectionJson(p, rows.find((r) => r.provider === p) ?? null))
}
