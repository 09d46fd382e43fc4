/**
 * Shapes of the provider-connection routes (/admin/attribution/connections): connect a payment
 * provider with an API key, register its webhook, import its past payments. No route ever
 * answers a key or a signing secret: only a hint of the key and whether a secret is stored.
 */

export const CONNECTABLE_PROVIDERS = ["stripe", "lemonsqueezy"] as const
export type ConnectableProvider = (typeof CONNECTABLE_PROVIDERS)[number]

export type BackfillStatus = "idle" | "running" | "done" | "failed"

export type Backfill = {
  status: BackfillStatus
  /** How many days back the latest import reached. */
  days: number | null
  since: string | null
  /** What is being imported now ("charges", "refunds"…), as the connector names it. */
  phase: string | null
  payments: number
  refunds: number
  /** Objects that are not payments the plugin records (failed charges, zero amounts…). */
  skipped: number
  error: string | null
  started_at: string | null
  finished_at: string | null
}

export type ConnectionWebhook = {
  registered: boolean
  endpoint_id: string | null
  url: string | null
  /** The registered endpoint's signing secret is stored (encrypted); it is never shown. */
  secret_stored: boolean
}

export type Connection = {
  provider: ConnectableProvider
  connected: boolean
  account_name: string | null
  is_test: boolean
  /** The key's last characters, enough to recognise it. */
  api_key_hint: string | null
  store_id: string | null
  connected_at: string | null
  webhook: ConnectionWebhook
  backfill: Backfill
}

export type ConnectionsResponse = {
  /** False when neither the plugin option `encryptionKey` nor ATTRIBUTION_ENCRYPTION_KEY is set. */
  encryption_configured: boolean
  connections: Connection[]
}

export type ConnectInput = {
  api_key: string
  store_id?: string
  webhook_url: string
  register?: boolean
}

export type ConnectResponse = { connection: Connection }

export type DisconnectResponse = {
  provider: ConnectableProvider
  disconnected: true
  webhook_removed: boolean
  /** When the endpoint could not be removed: why, and to delete it in the provider's dashboard. */
  message?: string
}

/** `resume` continues a failed import from its last page instead of starting over. */
export type BackfillInput = { days: number; resume?: boolean }

export type BackfillResponse = { backfill: Backfill }

export const BACKFILL_DAYS = { default: 90, min: 1, max: 730 } as const
