import type Stripe from "stripe"

/**
 * The events the webhook route turns into payments and refunds (src/core/providers/stripe.ts),
 * registered on the endpoint the plugin creates. No runtime import: the admin may show it too.
 */
export const STRIPE_WEBHOOK_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "payment_intent.succeeded",
  "charge.succeeded",
  "charge.refunded",
  "invoice.paid",
] as const satisfies readonly Stripe.WebhookEndpointCreateParams.EnabledEvent[]
