import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeIssues } from "../../../../../../lib/collector/schema"
import { runBackfillInBackground } from "../../../../../../lib/connections/backfill-runner"
import { attributionOf, connectableParam } from "../../../../../../lib/connections/http"
import { BackfillBody } from "../../../../../../lib/connections/schema"
import { backfillJson } from "../../../../../../lib/connections/serialize"

/**
 * POST /admin/attribution/connections/:provider/backfill `{ days?: 1..730 (90), resume? }`:
 * imports the last `days` of payments and refunds from the provider in the background (202);
 * poll GET for progress. `resume: true` continues a failed import from its last page.
 * Payments already stored by webhooks, or by an earlier import, are not stored again.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const provider = connectableParam(req, res)
  if (!provider) return
  const parsed = BackfillBody.safeParse(req.body ?? {})
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  const attribution = attributionOf(req)
  const current = await attribution.getConnection(provider)
  if (!current) {
    res.status(400).json({ type: "invalid_data", message: `${provider} is not connected: connect it with an API key first` })
    return
  }
  const resume = parsed.data.resume && current.backfill_status === "failed"
  const row = await attribution.startBackfill(provider, { days: parsed.data.days, resume })
  if (!row) {
    res.status(409).json({ type: "conflict", message: `A ${provider} backfill is already running`, backfill: backfillJson(current) })
    return
  }
  runBackfillInBackground(req.scope, provider)
  res.status(202).json({ backfill: backfillJson(row) })
}

/** GET /admin/attribution/connections/:provider/backfill: the import's progress (`idle` when not connected). */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const provider = connectableParam(req, res)
  if (!provider) return
  res.json({ backfill: backfillJson(await attributionOf(req).getConnection(provider)) })
}
