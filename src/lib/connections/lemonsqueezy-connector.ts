/**
 * The LemonSqueezy side of "connect from the admin" and "backfill", through the official SDK
 * (`@lemonsqueezy/lemonsqueezy.js` v4). Every SDK call goes through `callWithKey` (one at a
 * time, each with its own key: the SDK keeps the key in module-global config) and `expectOk`
 * (HTTP failures, which the SDK returns instead of throwing, become ConnectionErrors).
 *
 * The SDK always calls `https://api.lemonsqueezy.com` through the global `fetch`; tests point
 * that at a local server (integration-tests/provider-api/lemonsqueezy-server.ts).
 */
import { randomBytes } from "crypto"
import { createWebhook, deleteWebhook, getAuthenticatedUser, getStore, getWebhook } from "@lemonsqueezy/lemonsqueezy.js"
import { idString, rec } from "../../core/providers/shared"
import { backfillPage } from "./lemonsqueezy/backfill-page"
import { callWithKey, DEFAULT_TIMEOUT_MS, expectOk, type SdkResult } from "./lemonsqueezy/sdk-call"
import { ConnectionError, type ConnectInput, type ConnectResult, type ConnectionCredentials, type ProviderConnector } from "./types"

/** The events the plugin's webhook route records (src/core/providers/lemonsqueezy.ts). */
export const LEMONSQUEEZY_WEBHOOK_EVENTS = [
  "order_created",
  "order_refunded",
  "subscription_payment_success",
  "subscription_payment_refunded",
  // Names the order a subscription started from, which order events do not: renewals inherit its visitor.
  "subscription_created",
] as const

/** LemonSqueezy wants a signing secret of 6 to 40 characters: 20 random bytes in hex are 40. */
export function newSigningSecret(): string {
  return randomBytes(20).toString("hex")
}

export function createLemonSqueezyConnector(options: { timeoutMs?: number } = {}): ProviderConnector {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const call = (apiKey: string, sdkCall: () => Promise<SdkResult>) => callWithKey(apiKey, sdkCall, timeoutMs)

  async function connect(input: ConnectInput): Promise<ConnectResult> {
    const apiKey = input.apiKey.trim()
    if (!apiKey) {
      throw new ConnectionError("Give a LemonSqueezy API key (Settings → API in the LemonSqueezy dashboard)", 400)
    }
    const storeId = checkedStoreId(input.storeId)

    // Keys belong to one mode (test or live); /v1/users/me says which, and checks the key.
    const me = expectOk(await call(apiKey, () => getAuthenticatedUser()), { apiKey, what: "check the API key" })
    const isTest = rec(me, "meta").test_mode === true

    const store = expectOk(await call(apiKey, () => getStore(storeId)), {
      apiKey,
      what: `read store ${storeId}`,
      notFound: `LemonSqueezy has no store ${storeId} for this API key: check the store id (Settings → Stores)`,
    })
    const name = rec(rec(store, "data"), "attributes").name
    const accountName = typeof name === "string" && name.trim() ? name.trim() : null

    if (!input.register) {
      return { accountName, isTest, webhookEndpointId: null, webhookSecret: null }
    }
    const secret = newSigningSecret()
    const created = expectOk(
      await call(apiKey, () =>
        createWebhook(storeId, { url: input.webhookUrl, events: [...LEMONSQUEEZY_WEBHOOK_EVENTS], secret, testMode: isTest })
      ),
      { apiKey, what: `create a webhook for store ${storeId}` }
    )
    const webhookEndpointId = idString(rec(created, "data").id)
    if (!webhookEndpointId) {
      throw new ConnectionError("LemonSqueezy answered the webhook creation without a webhook id", 502)
    }
    return { accountName, isTest, webhookEndpointId, webhookSecret: secret }
  }

  async function disconnect(credentials: ConnectionCredentials): Promise<void> {
    const id = credentials.webhookEndpointId
    if (!id) return
    const { apiKey } = credentials
    const context = { apiKey, what: `delete webhook ${id}` }
    const result = await call(apiKey, () => deleteWebhook(id))
    if (result.statusCode === 404) return
    if (result.statusCode === null && result.error?.name === "SyntaxError") {
      // SDK v4 parses every body as JSON, so the API's empty `204 No Content` for a deleted
      // webhook comes back as an error (lmsqueezy/lemonsqueezy.js#154). Ask whether it is gone.
      const check = await call(apiKey, () => getWebhook(id))
      if (check.statusCode === 404) return
      expectOk(check, context)
      throw new ConnectionError(`LemonSqueezy did not delete webhook ${id}`, 502)
    }
    expectOk(result, context)
  }

  return {
    provider: "lemonsqueezy",
    connect,
    disconnect,
    backfillPage: (credentials, since, cursor) => backfillPage(credentials, since, cursor, timeoutMs),
  }
}

/** LemonSqueezy store ids are integers (Settings → Stores shows them as #<id>). */
function checkedStoreId(storeId: string | null | undefined): string {
  const id = (storeId ?? "").trim()
  if (!id) {
    throw new ConnectionError("Give the LemonSqueezy store id: Settings → Stores shows it as #<number> next to the store's name", 400)
  }
  if (!/^\d{1,20}$/.test(id)) {
    throw new ConnectionError(`The LemonSqueezy store id must be a number (Settings → Stores shows it as #<number>), not ${JSON.stringify(id.slice(0, 40))}`, 400)
  }
  return id
}
