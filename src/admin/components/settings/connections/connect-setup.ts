import type { ConnectableProvider } from "../../../lib/connections-types"

export type ConnectSetup = {
  /** Where the owner creates the key. */
  keyWhere: string
  keyPlaceholder: string
  /** What the key must be allowed to do; `forRegistration` only when the plugin registers the webhook. */
  permissions: { name: string; forRegistration?: boolean }[]
  /** Lemon Squeezy keys reach every store of the account: the store to import is named. */
  storeId: { where: string } | null
}

/** What connecting each provider takes, shown beside its form. */
export const CONNECT_SETUP: Record<ConnectableProvider, ConnectSetup> = {
  stripe: {
    keyWhere: "Stripe dashboard → Developers → API keys → Create restricted key",
    keyPlaceholder: "rk_live_...",
    permissions: [
      { name: "Charges: Read" },
      { name: "Checkout Sessions: Read" },
      { name: "Customers: Read" },
      { name: "Invoices: Read" },
      { name: "Webhook Endpoints: Write", forRegistration: true },
    ],
    storeId: null,
  },
  lemonsqueezy: {
    keyWhere: "Lemon Squeezy → Settings → API → +",
    keyPlaceholder: "eyJ0eXAiOiJKV1Qi...",
    permissions: [
      // Lemon Squeezy keys have no scopes: any key of the account reads orders and manages webhooks.
      { name: "An API key of the account" },
      { name: "The id of the store whose payments are imported (and whose webhook is registered)" },
    ],
    storeId: { where: "Lemon Squeezy → Settings → Stores: the number shown beside the store's name" },
  },
}
