import type { PaymentFact, ProviderFact } from "../../core/providers/types"

/**
 * The contract between the connection framework (routes, storage, backfill runner) and each
 * provider's API client. A connector talks to the provider; it never touches the database.
 */
export const CONNECTABLE_PROVIDERS = ["stripe", "lemonsqueezy"] as const
export type ConnectableProvider = (typeof CONNECTABLE_PROVIDERS)[number]

export type ConnectInput = {
  apiKey: string
  /** LemonSqueezy only: the store whose payments are imported and whose webhook is registered. */
  storeId?: string | null
  /** Public URL of this plugin's webhook route for the provider (the admin fills it in). */
  webhookUrl: string
  /** Register a webhook endpoint at the provider (needs a key allowed to write webhooks). */
  register: boolean
}

export type ConnectResult = {
  /** A name the owner recognises: the Stripe account's or the LemonSqueezy store's. */
  accountName: string | null
  isTest: boolean
  /** The registered endpoint's id, to remove it on disconnect; null when not registered. */
  webhookEndpointId: string | null
  /** The signing secret of the registered endpoint; null when not registered. */
  webhookSecret: string | null
}

/** What a stored connection gives back to its connector (decrypted in memory only). */
export type ConnectionCredentials = {
  apiKey: string
  storeId: string | null
  webhookEndpointId: string | null
}

/** Where a backfill stands; saved after every page, so a restart resumes there. JSON-safe. */
export type BackfillCursor = { phase: string; after: string | null }

/** One past payment or refund, in the form the webhook routes hand to `ingestProviderEvent`. */
export type BackfillItem = {
  /** Stable per object, e.g. `backfill:ch_123`, so importing twice stores nothing new. */
  event_id: string
  event_type: string
  fact: ProviderFact
  paymentFallback?: PaymentFact | null
}

export type BackfillPage = {
  items: BackfillItem[]
  /** Where the next page starts; null when the import is complete. */
  next: BackfillCursor | null
  /** Human-readable phase for the progress display ("checkout sessions", "charges"…). */
  label: string
}

export interface ProviderConnector {
  readonly provider: ConnectableProvider
  /** Checks the key, registers the webhook when asked. Throws ConnectionError with what to fix. */
  connect(input: ConnectInput): Promise<ConnectResult>
  /** Removes the endpoint registered at connect time; a missing endpoint is not an error. */
  disconnect(credentials: ConnectionCredentials): Promise<void>
  /** One page of past payments created at or after `since`; `cursor` null starts from the beginning. */
  backfillPage(credentials: ConnectionCredentials, since: Date, cursor: BackfillCursor | null): Promise<BackfillPage>
}

/**
 * A failure the owner can act on: a rejected key (401 from the provider → 400 here, the key is
 * the owner's input), a missing permission (403 → 400, naming it), the provider unreachable (502).
 * The message never contains the key.
 */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409 | 502
  ) {
    super(message)
  }
}
