import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parsePaddleEvent } from "../../../../core/providers/paddle"
import { idString, isRecord } from "../../../../core/providers/shared"
import { badSignature, parseSignedJson, receiveDelivery } from "../../../../lib/webhooks/respond"
import { verifyPaddle } from "../../../../lib/webhooks/verify-paddle"

// POST /attribution/webhooks/paddle: Paddle Billing notifications, verified on the raw bytes
// (Paddle-Signature) before anything is parsed or stored. A delivery is identified by Paddle's
// event_id (evt_…), which a retry keeps, so a redelivery changes nothing.
//
// No paymentFallback: an adjustment names its transaction but not what was paid nor its
// custom_data, so a refund that arrives before its transaction cannot store that payment. The
// module then answers 404 (nothing is recorded, not even the delivery) and Paddle retries the
// refund until the transaction is in.
export const AUTHENTICATE = false

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const delivery = await receiveDelivery(req, res, "paddle", ["paddle-signature"])
  if (!delivery) return
  const { attribution, secrets, raw, headers: [signature] } = delivery
  const verification = verifyPaddle(raw, signature, secrets)
  if (!verification.valid) {
    return badSignature(res, verification.reason)
  }

  const event = parseSignedJson(res, raw.toString("utf8"))
  if (event === undefined) return
  // Signed, yet not a notification (Paddle always sends an event_id and an event_type).
  const eventId = isRecord(event) ? idString(event.event_id) : null
  if (!isRecord(event) || !eventId || typeof event.event_type !== "string") {
    res.status(400).json({ type: "invalid_data", message: "The signed body is not a Paddle notification (an object with an event_id and an event_type)" })
    return
  }
  const result = await attribution.ingestProviderEvent({
    provider: "paddle",
    event_id: eventId,
    event_type: event.event_type.slice(0, 100),
    fact: parsePaddleEvent(event),
    paymentFallback: null,
  })
  res.status(200).json({ received: true, ...result })
}
