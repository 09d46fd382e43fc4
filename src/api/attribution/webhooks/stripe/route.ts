import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseStripeEvent } from "../../../../core/providers/stripe"
import { badSignature, receiveDelivery } from "../../../../lib/webhooks/respond"
import { verifyStripe } from "../../../../lib/webhooks/verify"

// POST /attribution/webhooks/stripe: Stripe events for payments made outside Medusa's
// checkout (Payment Links, Checkout, subscriptions). Verified on the raw bytes before anything
// is parsed or stored. 200 once stored (or ignored), 400 for a bad signature, 503 with no
// secret, 5xx when storing failed so Stripe retries.
export const AUTHENTICATE = false

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const delivery = await receiveDelivery(req, res, "stripe", ["stripe-signature"])
  if (!delivery) return
  const { attribution, secrets, raw, headers: [signature] } = delivery
  const event = verifyStripe(raw, signature, secrets)
  if (!event) {
    return badSignature(res, "The Stripe-Signature does not match the body with any configured secret, or is too old")
  }

  // Signed, yet not an event (Stripe always sends an object with an id and a type).
  if (typeof event !== "object" || event === null || typeof event.id !== "string" || typeof event.type !== "string") {
    res.status(400).json({ type: "invalid_data", message: "The signed body is not a Stripe event (an object with an id and a type)" })
    return
  }
  const fact = parseStripeEvent(event)
  // A refund may arrive before its payment: the refunded charge describes that payment.
  const fallback = event.type === "charge.refunded" ? parseStripeEvent({ ...event, type: "charge.succeeded" }) : null
  const result = await attribution.ingestProviderEvent({
    provider: "stripe",
    event_id: event.id,
    event_type: event.type,
    fact,
    paymentFallback: fallback?.kind === "payment" ? fallback : null,
  })
  res.status(200).json({ received: true, ...result })
}
