import type { WebhookProvider } from "../../lib/types"

export type ProviderSetup = {
  /** Where the webhook is added in the provider's dashboard. */
  where: string
  events: string[]
  /** The plugin option that holds the signing secret. */
  option: string
  secretHint: string
  notes: string[]
}

export const secretEnvVar = (provider: WebhookProvider) => `ATTRIBUTION_${provider.toUpperCase()}_WEBHOOK_SECRET`

/** Per provider: the set-up the README describes (Stripe, Lemon Squeezy) or CONTRACT names (Paddle, Polar). */
export const PROVIDER_SETUP: Record<WebhookProvider, ProviderSetup> = {
  stripe: {
    where: "Stripe dashboard → Developers → Webhooks → Add endpoint",
    events: [
      "checkout.session.completed",
      "checkout.session.async_payment_succeeded",
      "payment_intent.succeeded",
      "charge.succeeded",
      "charge.refunded",
      "invoice.paid",
    ],
    option: "stripe.webhookSecret",
    secretHint: "the endpoint's signing secret (whsec_...)",
    notes: [
      "On API version 2025-03-31 or later with subscriptions, leave out payment_intent.succeeded and charge.succeeded: they no longer name their invoice and a subscription payment would be counted twice.",
      "Use a separate endpoint from Medusa's own Stripe provider webhook (/hooks/payment/stripe_stripe).",
      "Pass the visitor id: append ?client_reference_id=<visitor id> to Payment Links, or put revenueAttribution.cartMetadata() in the metadata of the checkout sessions you create (and in payment_intent_data / subscription_data metadata).",
    ],
  },
  lemonsqueezy: {
    where: "Lemon Squeezy → Settings → Webhooks → +",
    events: ["order_created", "order_refunded", "subscription_payment_success", "subscription_payment_refunded"],
    option: "lemonsqueezy.webhookSecret",
    secretHint: "a signing secret of your choice, the same in Lemon Squeezy and in the plugin",
    notes: [
      "Pass the ids in the checkout link: ?checkout[custom][attribution_visitor_id]=<visitor id>&checkout[custom][attribution_session_id]=<session id>.",
    ],
  },
  paddle: {
    where: "Paddle → Developer tools → Notifications → New destination",
    events: ["transaction.completed", "adjustment.created", "adjustment.updated"],
    option: "paddle.webhookSecret",
    secretHint: "the destination's secret key (pdl_ntfset_...)",
    notes: [
      "Pass the ids when opening the checkout: Paddle.Checkout.open({ ..., customData: { attribution_visitor_id: <visitor id>, attribution_session_id: <session id> } }). Paddle copies them to the subscription, so renewals are credited too.",
      "Refunds arrive as adjustments: keep adjustment.created and adjustment.updated selected.",
    ],
  },
  polar: {
    where: "Polar → Settings → Webhooks → Add endpoint",
    events: ["order.paid", "order.refunded"],
    option: "polar.webhookSecret",
    secretHint: "the endpoint's secret, in either of Polar's formats (older secrets or whsec_...)",
    notes: [
      "Select order.paid, not order.created: an order is created before it is paid.",
      "Pass the ids in the checkout's metadata (attribution_visitor_id, attribution_session_id), or append ?reference_id=<visitor id> to a checkout link. A subscription's metadata carries them to its renewals.",
    ],
  },
}
