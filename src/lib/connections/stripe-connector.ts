import type Stripe from "stripe"
import type { ConnectInput, ConnectResult, ProviderConnector } from "./types"
import { stripeBackfillPage } from "./stripe/backfill"
import { checkedKey, isTestKey, stripeClientFactory, type StripeConnectorOptions } from "./stripe/client"
import { stripeCall } from "./stripe/errors"
import { registerEndpoint, removeEndpoint } from "./stripe/webhook-endpoint"

export { STRIPE_WEBHOOK_EVENTS } from "./stripe/events"
export { STRIPE_API_VERSION, type StripeConnectorOptions } from "./stripe/client"

/**
 * Connects a Stripe account from a restricted (or secret) key: checks that the key can read
 * what the backfill imports, registers the plugin's webhook endpoint when asked, removes it on
 * disconnect, and reads past payments page by page. Errors the owner can fix are
 * `ConnectionError`s whose messages never contain the key (see ./stripe/errors.ts).
 */
export function createStripeConnector(opts: StripeConnectorOptions): ProviderConnector {
  const client = stripeClientFactory(opts)
  return {
    provider: "stripe",

    async connect(input: ConnectInput): Promise<ConnectResult> {
      const apiKey = checkedKey(input.apiKey)
      const stripe = client(apiKey)
      await checkReadAccess(stripe, apiKey)
      const accountName = await accountNameOf(stripe)
      const endpoint = input.register ? await registerEndpoint(stripe, apiKey, input.webhookUrl) : null
      return {
        accountName,
        isTest: isTestKey(apiKey),
        webhookEndpointId: endpoint?.id ?? null,
        webhookSecret: endpoint?.secret ?? null,
      }
    },

    async disconnect(credentials) {
      if (credentials.webhookEndpointId) {
        await removeEndpoint(client(credentials.apiKey), credentials.apiKey, credentials.webhookEndpointId)
      }
    },

    backfillPage(credentials, since, cursor) {
      return stripeCall(credentials.apiKey, "read past payments", () => stripeBackfillPage(client(credentials.apiKey), since, cursor))
    },
  }
}

/**
 * One cheap read of each kind the backfill makes, so a key missing a permission fails now,
 * naming it, rather than halfway through an import. The first also tells a rejected key.
 */
async function checkReadAccess(stripe: Stripe, apiKey: string): Promise<void> {
  await stripeCall(apiKey, "read charges", () => stripe.charges.list({ limit: 1 }))
  await stripeCall(apiKey, "read checkout sessions", () => stripe.checkout.sessions.list({ limit: 1 }))
  await stripeCall(apiKey, "read invoices", () => stripe.invoices.list({ limit: 1 }))
}

/**
 * The name the owner sees in their dashboard. Best effort: reading the account needs a
 * permission a restricted key usually lacks, and the name is only a label.
 */
async function accountNameOf(stripe: Stripe): Promise<string | null> {
  try {
    const account = await stripe.accounts.retrieveCurrent()
    return account.settings?.dashboard?.display_name || account.business_profile?.name || null
  } catch {
    return null
  }
}
