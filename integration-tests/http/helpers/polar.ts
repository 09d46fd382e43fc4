import { createHmac } from "crypto"
import orderPaidFixture from "../../../src/core/providers/__tests__/fixtures/polar/order.paid.wire-format.derived-from-polar-js-docs.json"

/** The two Polar secrets medusa-config.ts configures for the HTTP tests. */
export const POLAR_LEGACY_SECRET = "polar_legacy_http_test_secret"
export const POLAR_STANDARD_SECRET = "whsec_cG9sYXItc3RhbmRhcmQtaHR0cC10ZXN0LWtleQ=="

export type PolarScheme = "legacy" | "standard"

let seq = 0
/** A fresh webhook-id, as Polar gives each event (and keeps across its retries). */
export const polarWebhookId = () => `msg_${Date.now().toString(36)}${(seq++).toString(36)}`

/**
 * Standard Webhooks headers for `payload`, computed with node's crypto under one of Polar's key
 * schemes: legacy (the secret's UTF-8 bytes) or standard (the base64 after `whsec_`).
 */
export function polarHeaders(
  payload: string,
  o: { scheme?: PolarScheme; secret?: string; id?: string; timestamp?: number } = {}
): Record<string, string> {
  const scheme = o.scheme ?? "legacy"
  const secret = o.secret ?? (scheme === "legacy" ? POLAR_LEGACY_SECRET : POLAR_STANDARD_SECRET)
  const key = scheme === "legacy" ? Buffer.from(secret, "utf8") : Buffer.from(secret.replace(/^whsec_/, ""), "base64")
  const id = o.id ?? polarWebhookId()
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000)
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64")
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` }
}

export type PolarOrder = {
  id: string
  total: number
  currency: string
  metadata?: Record<string, string>
  subscriptionId?: string | null
  billingReason?: "purchase" | "subscription_create" | "subscription_cycle" | "subscription_update"
  status?: string
  /** Refunded so far, before tax, and the tax refunded (Polar's `refunded_amount`, `refunded_tax_amount`). */
  refunded?: number
  refundedTax?: number
  email?: string
}

/** The docs-derived `order.paid` wire payload as event `type`, with this order's ids and amounts (no tax). */
export function polarOrderEvent(type: string, o: PolarOrder) {
  const event = JSON.parse(JSON.stringify(orderPaidFixture))
  event.type = type
  event.timestamp = new Date().toISOString()
  Object.assign(event.data, {
    id: o.id,
    created_at: new Date().toISOString(),
    status: o.status ?? "paid",
    subtotal_amount: o.total,
    discount_amount: 0,
    net_amount: o.total,
    tax_amount: 0,
    total_amount: o.total,
    refunded_amount: o.refunded ?? 0,
    refunded_tax_amount: o.refundedTax ?? 0,
    currency: o.currency,
    billing_reason: o.billingReason ?? "purchase",
    subscription_id: o.subscriptionId ?? null,
    checkout_id: o.billingReason === "subscription_cycle" ? null : `checkout-${o.id}`,
    metadata: o.metadata ?? {},
  })
  event.data.customer = { ...event.data.customer, email: o.email ?? "customer@example.com" }
  event.data.subscription = o.subscriptionId ? { ...event.data.subscription, id: o.subscriptionId, metadata: {} } : null
  return event
}
