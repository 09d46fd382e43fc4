import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parsePolarEvent, polarRefundedOrderPayment } from "../../../../core/providers/polar"
import { badSignature, parseSignedJson, receiveDelivery } from "../../../../lib/webhooks/respond"
import { verifyPolar } from "../../../../lib/webhooks/verify-polar"

// POST /attribution/webhooks/polar: Standard Webhooks deliveries from Polar, verified on the
// raw bytes before anything is parsed or stored. The delivery is identified by `webhook-id`
// (signed, and the same on every retry of an event), so a redelivery changes nothing.
export const AUTHENTICATE = false

/** Longer webhook ids are not Polar's (a UUID) and would not fit a sensible key. */
const MAX_EVENT_ID_LENGTH = 255

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const delivery = await receiveDelivery(req, res, "polar", ["webhook-id", "webhook-timestamp", "webhook-signature"])
  if (!delivery) return
  const { attribution, secrets, raw } = delivery
  const [id, timestamp, signature] = delivery.headers
  const headers = { id, timestamp, signature }
  if (headers.id.length > MAX_EVENT_ID_LENGTH) {
    return badSignature(res, `The webhook-id is longer than ${MAX_EVENT_ID_LENGTH} characters`)
  }
  const verified = verifyPolar(raw, headers, secrets)
  if (!verified.ok) {
    return badSignature(res, verified.message)
  }

  const event = parseSignedJson(res, verified.body) as { type?: unknown; data?: unknown } | null | undefined
  if (event === undefined) return
  // Signed, yet not an event (Polar always sends an object with a type and data).
  if (typeof event !== "object" || event === null || typeof event.type !== "string" || typeof event.data !== "object" || event.data === null) {
    res.status(400).json({ type: "invalid_data", message: "The signed body is not a Polar event (an object with a type and data)" })
    return
  }
  const result = await attribution.ingestProviderEvent({
    provider: "polar",
    event_id: headers.id,
    event_type: event.type.slice(0, 100),
    fact: parsePolarEvent(event),
    // A refund may arrive before its payment: the refunded order describes that payment.
    paymentFallback: polarRefundedOrderPayment(event),
  })
  res.status(200).json({ received: true, ...result })
}
