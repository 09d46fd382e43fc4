import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordApiPayment } from "../../../../lib/payment-api/record"
import { handleApiRequest } from "../../../../lib/payment-api/respond"
import { parsePaymentBody } from "../../../../lib/payment-api/schema"

// Server-to-server: authenticated with a Medusa secret API key (Authorization: Bearer sk_...),
// checked by the handler itself. See src/lib/payment-api/README.md.
export const AUTHENTICATE = false

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  await handleApiRequest(req, res, (body) => parsePaymentBody(body), (input) => recordApiPayment(req.scope, input))
}
