import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseSpendCsv } from "../../../../../core/spend"
import { parseQuery } from "../../../../../lib/reports/parse-query"
import { pg } from "../../../../../lib/reports/report-db"
import { SpendUploadQuery } from "../../../../../lib/spend/schema"
import { storeSpend } from "../../../../../lib/spend/store"
import { readUpload } from "../../../../../lib/spend/upload-body"

/**
 * POST /admin/attribution/spend/upload[?currency=USD]: a spend file as the raw request body
 * (a Google Ads or Meta Ads Manager export, or the template; docs/ad-spend.md). The
 * format is detected from the header. All rows are stored, or none: a 400 lists every
 * rejected line with its number and reason.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const q = parseQuery(SpendUploadQuery, req, res)
  if (!q) return
  const body = await readUpload(req)
  if (!body.ok) {
    res.status(body.status).json({ type: "invalid_data", message: body.message })
    return
  }
  const result = parseSpendCsv(body.bytes, { currency: q.currency })
  if (!result.ok) {
    res.status(400).json({
      type: "invalid_data",
      message: result.message,
      format: result.format,
      rejected: result.rejected,
      rejected_count: result.rejected_count,
    })
    return
  }
  const stored = await storeSpend(pg(req), result.rows, result.format)
  res.status(200).json({ format: result.format, ...stored, skipped: result.skipped })
}
