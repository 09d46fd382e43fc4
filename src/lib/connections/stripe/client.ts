import Stripe from "stripe"
import { ConnectionError } from "../types"

/**
 * The API version of every request and of the webhook endpoint the plugin registers: the last
 * one before basil (2025-03-31). In it a charge and a payment intent still name their invoice,
 * and an invoice its payment intent and charge, so the checkout session, the charge and the
 * invoice of one subscription payment share ids and converge on one stored payment. From basil
 * on they share none (docs/payments.md, "Known limitations"), and the charges the endpoint
 * receives would count subscription payments twice. The parsers read every shape, so pinning
 * costs nothing; the response types of the SDK describe its own (newer) version, which is why
 * the connector reads the objects it passes on as untyped JSON.
 */
export const STRIPE_API_VERSION = "2025-02-24.acacia"

export type StripeConnectorOptions = {
  /** Where the API is (a proxy, a local server in tests); null for api.stripe.com. Only its origin is used. */
  apiBaseUrl: string | null
  /** Retries of a failed connection or a 5xx answer (the SDK backs off between them). Default 2. */
  maxNetworkRetries?: number
  /** Per request, in milliseconds. Default 20 s: the admin waits on `connect`. */
  timeoutMs?: number
}

const KEY_FORMAT = /^(sk|rk)_(live|test)_[A-Za-z0-9_]+$/

/**
 * The key without surrounding whitespace (pasted keys often carry a line break), or a 400 when
 * it cannot be a secret or restricted key. The message never repeats the key.
 */
export function checkedKey(apiKey: string): string {
  const key = apiKey.trim()
  if (KEY_FORMAT.test(key)) {
    return key
  }
  if (/^pk_(live|test)_/.test(key)) {
    throw new ConnectionError(
      "That is a publishable key (pk_…), which cannot read payments. Paste a restricted key (rk_live_… or rk_test_…) or a secret key (sk_…).",
      400
    )
  }
  throw new ConnectionError(
    "The API key does not look like a Stripe restricted or secret key (rk_live_…, rk_test_…, sk_live_…, sk_test_…).",
    400
  )
}

/** Test-mode keys carry `_test_` after their prefix; the format check above guarantees one of the two. */
export function isTestKey(apiKey: string): boolean {
  return apiKey.trim().slice(3, 8) === "test_"
}

/** A client per key: the SDK binds the key at construction, and one connector serves every connection. */
export function stripeClientFactory(opts: StripeConnectorOptions): (apiKey: string) => Stripe {
  const target = opts.apiBaseUrl ? originOf(opts.apiBaseUrl) : {}
  return (apiKey) =>
    new Stripe(apiKey.trim(), {
      // The SDK's types only name its own version; Stripe documents passing another one.
      apiVersion: STRIPE_API_VERSION as unknown as Stripe.LatestApiVersion,
      maxNetworkRetries: opts.maxNetworkRetries ?? 2,
      timeout: opts.timeoutMs ?? 20_000,
      telemetry: false,
      appInfo: { name: "medusa-revenue-attribution" },
      ...target,
    })
}

function originOf(apiBaseUrl: string): { host: string; port: number; protocol: "http" | "https" } {
  let url: URL
  try {
    url = new URL(apiBaseUrl)
  } catch {
    throw new ConnectionError(`stripe.apiBaseUrl is not a URL: ${JSON.stringify(apiBaseUrl)}`, 400)
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConnectionError(`stripe.apiBaseUrl must be an http(s) URL, not ${url.protocol}`, 400)
  }
  const protocol = url.protocol === "https:" ? "https" : "http"
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === "https" ? 443 : 80, protocol }
}
