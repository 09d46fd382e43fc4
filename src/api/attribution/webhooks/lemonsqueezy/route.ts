import { createHash } from "crypto"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseLemonSqueezyEvent } from "../../../../core/providers/lemonsqueezy"
import { badSignature, parseSignedJson, receiveDelivery } from "../../../../lib/webhooks/respond"
import { verifyLemonSqueezy } from "../../../../lib/webhooks/verify"

// POST /attribution/webhooks/lemonsqueezy: verified on the raw bytes (X-Signature) before
// anything is parsed or stored. LemonSqueezy sends no event id, so a delivery is identified
// by the SHA-256 of its body: a retry sends the same bytes.
export const AUTHENTICATE = false

/** The payment a refund event describes (the refunded order or invoice), as if it were paid. */
type LemonSqueezyBody = {
  meta?: { event_name?: string } & Record<string, unknown>
  data?: { attributes?: Record<string, unknown> } & Record<string, unknown>
}

function asPaid(body: LemonSqueezyBody) {
  const paidEvent: Record<string, string> = {
    order_refunded: "order_created",
    subscription_payment_refunded: "subscription_payment_success",
  }
  const name = body?.meta?.event_name ?? ""
  if (!paidEvent[name]) {
    return null
  }
  const fact = parseLemonSqueezyEvent({
    ...body,
    meta: { ...body.meta, event_name: paidEvent[name] },
    data: { ...body.data, attributes: { ...body.data?.attributes, status: "paid" } },
  })
  return fact.kind === "payment" ? fact : null
}

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const delivery = await receiveDelivery(req, res, "lemonsqueezy", ["x-signature"])
  if (!delivery) return
  const { attribution, secrets, raw, headers: [signature] } = delivery
  if (!verifyLemonSqueezy(raw, signature, secrets)) {
    return badSignature(res, "The X-Signature does not match the body with any configured secret")
  }
  const body = parseSignedJson(res, raw.toString("utf8")) as LemonSqueezyBody | undefined
  if (body === undefined) return
  const result = await attribution.ingestProviderEvent({
    provider: "lemonsqueezy",
    event_id: createHash("sha256").update(raw).digest("hex"),
    event_type: String(body?.meta?.event_name ?? "unknown").slice(0, 100),
    fact: parseLemonSqueezyEvent(body),
    paymentFallback: asPaid(body),
  })
  res.status(200).json({ received: true, ...result })
}
