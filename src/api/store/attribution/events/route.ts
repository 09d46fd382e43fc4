import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { collect } from "../../../../lib/collector/collect"
import { StoreEventsBody, describeIssues } from "../../../../lib/collector/schema"

/**
 * POST /store/attribution/events: the collector under Medusa's store conventions (the
 * publishable key in `x-publishable-api-key`, checked by Medusa), for server-side callers.
 */
export const POST = async (req: MedusaStoreRequest, res: MedusaResponse) => {
  const parsed = StoreEventsBody.safeParse(req.body)
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  await collect(req, res, req.publishable_key_context.key, parsed.data.events)
}
