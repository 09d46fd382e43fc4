import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { describeIssues } from "../../../../lib/collector/schema"
import { parseQuery } from "../../../../lib/reports/parse-query"
import { pg } from "../../../../lib/reports/report-db"
import { SpendBody, SpendDeleteQuery, SpendListQuery, validateRows } from "../../../../lib/spend/schema"
import { deleteSpend, listSpend, storeSpend } from "../../../../lib/spend/store"

/**
 * POST /admin/attribution/spend: ad spend rows as JSON (CONTRACT "Ad spend rows"). All rows are
 * stored, each replacing a stored row with the same day, campaign, source, medium and channel,
 * or none is: a 400 names every invalid row (0-based index) and field.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = SpendBody.safeParse(req.body)
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return
  }
  const valid = validateRows(parsed.data.rows)
  if ("errors" in valid) {
    const first = valid.errors.slice(0, 10).map((e) => `rows.${e.row}.${e.field}: ${e.message}`)
    const more = valid.errors.length > 10 ? `; and ${valid.errors.length - 10} more` : ""
    res.status(400).json({ type: "invalid_data", message: `${first.join("; ")}${more}; nothing was stored`, errors: valid.errors.slice(0, 1000) })
    return
  }
  const result = await storeSpend(pg(req), valid.rows, "api")
  res.status(200).json(result)
}

/** GET /admin/attribution/spend?from&to&currency&limit&offset: the rows of a range, totals per currency. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(SpendListQuery, req, res)
  if (!q) return
  const list = await listSpend(pg(req), q)
  res.json({ from: q.from ?? null, to: q.to ?? null, currency: q.currency ?? null, limit: q.limit, offset: q.offset, ...list })
}

/** DELETE /admin/attribution/spend?from&to&currency: removes the rows of those days; answers how many. */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(SpendDeleteQuery, req, res)
  if (!q) return
  const deleted = await deleteSpend(pg(req), q)
  res.json({ from: q.from, to: q.to, currency: q.currency ?? null, deleted })
}
