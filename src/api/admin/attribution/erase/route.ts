import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { hashEmail } from "../../../../core/identity"
import { describeIssues } from "../../../../lib/collector/schema"
import { ATTRIBUTION_MODULE } from "../../../../modules/attribution"
import type { AttributionModuleService } from "../../../../modules/attribution"

const EraseBody = z
  .strictObject({
    visitor_id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "must be a visitor id (the _ra_vid cookie)").optional(),
    email: z.string().trim().toLowerCase().max(254).email().optional(),
  })
  .refine((b) => (b.visitor_id ? 1 : 0) + (b.email ? 1 : 0) === 1, { message: "give exactly one of visitor_id and email" })

/**
 * POST /admin/attribution/erase `{ "visitor_id": "..." }` or `{ "email": "..." }`: deletes the
 * person's visitors, sessions and events and makes their payments anonymous (privacy.ts).
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = EraseBody.safeParse(req.body ?? {})
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  const attribution = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const erased = await attribution.erasePerson({
    visitor_id: parsed.data.visitor_id,
    email_hash: parsed.data.email ? hashEmail(parsed.data.email) : undefined,
  })
  res.json({ erased })
}
