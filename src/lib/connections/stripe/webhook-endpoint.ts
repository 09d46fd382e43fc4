import type Stripe from "stripe"
import { ConnectionError } from "../types"
import { STRIPE_API_VERSION } from "./client"
import { connectionError, isMissingResource, stripeCall } from "./errors"
import { STRIPE_WEBHOOK_EVENTS } from "./events"

/** Marks the endpoints this plugin created, so it only ever removes its own. */
export const CREATED_BY = "medusa-revenue-attribution"

const NEEDS_WEBHOOK_WRITE =
  'Add "Webhook Endpoints: write" to the restricted key, or connect without registering the webhook and add the endpoint in the Stripe dashboard by hand.'

/**
 * Creates the plugin's endpoint and answers its id and signing secret (Stripe shows the secret
 * only in this answer).
 *
 * An endpoint of ours with the same URL may already exist: a connection removed without its
 * endpoint (a failed disconnect, a reset database). Its secret is not stored any more, so it
 * cannot be reused (Stripe never shows a secret again) and its deliveries would only fail the
 * signature check: it is deleted, after the new one exists so that a failed creation loses
 * nothing. Endpoints someone else created for the same URL are left alone; their deliveries of
 * an event the new endpoint also receives are deduplicated by event id.
 */
export async function registerEndpoint(
  stripe: Stripe,
  apiKey: string,
  url: string
): Promise<{ id: string; secret: string }> {
  checkUrl(url)
  const endpoint = await stripeCall(
    apiKey,
    "register a webhook endpoint",
    () =>
      stripe.webhookEndpoints.create({
        url,
        enabled_events: [...STRIPE_WEBHOOK_EVENTS],
        api_version: STRIPE_API_VERSION,
        description: "medusa-revenue-attribution: payments and refunds for attribution",
        metadata: { created_by: CREATED_BY },
      }),
    NEEDS_WEBHOOK_WRITE
  )
  if (!endpoint.secret) {
    // Without it no delivery could be verified: remove the endpoint rather than keep a dead one.
    await removeEndpoint(stripe, apiKey, endpoint.id).catch(() => undefined)
    throw new ConnectionError("Stripe created the webhook endpoint but did not return its signing secret; try again.", 502)
  }
  await removeStaleEndpoints(stripe, url, endpoint.id)
  return { id: endpoint.id, secret: endpoint.secret }
}

/** Deletes an endpoint; one already gone (deleted in the dashboard) is not an error. */
export async function removeEndpoint(stripe: Stripe, apiKey: string, id: string): Promise<void> {
  try {
    await stripe.webhookEndpoints.del(id)
  } catch (error) {
    if (!isMissingResource(error)) {
      throw connectionError(error, apiKey, "remove the webhook endpoint")
    }
  }
}

/** Best effort: a failure here leaves a stale endpoint, not a broken connection. */
async function removeStaleEndpoints(stripe: Stripe, url: string, keep: string): Promise<void> {
  try {
    // Stripe allows 16 endpoints per account and mode: one page holds them all.
    const { data } = await stripe.webhookEndpoints.list({ limit: 100 })
    const stale = data.filter((e) => e.id !== keep && e.url === url && e.metadata?.created_by === CREATED_BY)
    for (const endpoint of stale) {
      await stripe.webhookEndpoints.del(endpoint.id)
    }
  } catch {
    // Nothing to report: the new endpoint works either way.
  }
}

/** Stripe answers a vague 400 for a relative or non-http URL; say what is wrong first. */
function checkUrl(url: string): void {
  let parsed: URL | null = null
  try {
    parsed = new URL(url)
  } catch {
    // reported below
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new ConnectionError(`webhook_url must be an absolute https URL of this server's Stripe webhook route, not ${JSON.stringify(url)}`, 400)
  }
}
