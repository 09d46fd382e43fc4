import Stripe from "stripe"
import { ConnectionError } from "../types"

/**
 * Stripe's names of the restricted-key permissions the plugin uses, as the dashboard shows them
 * (Developers → API keys → the key → Edit). Stripe's 403 names the missing one as `rak_…`.
 */
const PERMISSION_LABELS: Record<string, string> = {
  rak_charge_read: "Charges: read",
  rak_checkout_session_read: "Checkout Sessions: read",
  rak_customer_read: "Customers: read",
  rak_invoice_read: "Invoices: read",
  rak_webhook_read: "Webhook Endpoints: read",
  rak_webhook_write: "Webhook Endpoints: write",
}

const ADD_PERMISSION = "Edit the restricted key in the Stripe dashboard (Developers → API keys) and add it."

const REJECTED_KEY =
  "Stripe rejected the API key: it is invalid, expired or revoked. Copy the whole key again from Developers → API keys in the Stripe dashboard of the right account and mode."

/**
 * Runs one Stripe call and turns its failure into what the owner can act on (see
 * `ConnectionError`). `doing` completes "…to <doing>" in messages ("read charges"); `hint` is
 * added to a permission error. Anything that is not a Stripe error is rethrown as it is.
 */
export async function stripeCall<T>(apiKey: string, doing: string, call: () => Promise<T>, hint = ""): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw connectionError(error, apiKey, doing, hint)
  }
}

export function connectionError(error: unknown, apiKey: string, doing: string, hint = ""): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return error
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError) {
    return new ConnectionError(REJECTED_KEY, 400)
  }
  const stripeSays = withoutKeys(error.message, apiKey)
  if (error instanceof Stripe.errors.StripePermissionError) {
    const permission = /\b(rak_[a-z_]+)/.exec(error.message)?.[1]
    const label = permission ? PERMISSION_LABELS[permission] : undefined
    const missing = permission
      ? `it lacks the "${label ?? permission}" permission (${permission})`
      : `Stripe says: ${stripeSays}`
    return new ConnectionError(`The Stripe key is not allowed to ${doing}: ${missing}. ${hint || ADD_PERMISSION}`, 400)
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new ConnectionError(`Could not reach Stripe to ${doing}: check this server's network access and try again.`, 502)
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new ConnectionError(`Stripe is limiting the rate of requests (while trying to ${doing}); try again in a minute.`, 502)
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new ConnectionError(`Stripe refused to ${doing}: ${stripeSays}`, 400)
  }
  return new ConnectionError(
    `Stripe answered with an error${error.statusCode ? ` (HTTP ${error.statusCode})` : ""} while trying to ${doing}; try again later.`,
    502
  )
}

/** True for Stripe's answer to a request about an object that does not exist (any more). */
export function isMissingResource(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && (error.code === "resource_missing" || error.statusCode === 404)
}

/**
 * Stripe's messages quote the key, masked but with its last characters ("The provided key
 * 'rk_test_***…qs8Kgd' does not have…", "Invalid API Key provided: sk_test_****1234"): drop
 * every key-shaped word and the key itself before a message reaches the admin or a log.
 */
function withoutKeys(message: string, apiKey: string): string {
  let text = message.replace(/\b(sk|rk|pk)_(live|test)_[A-Za-z0-9*_]*/g, "[key]")
  const key = apiKey.trim()
  if (key) {
    text = text.split(key).join("[key]")
  }
  return text
}
