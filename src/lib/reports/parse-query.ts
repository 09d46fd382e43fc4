import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { describeIssues } from "../collector/schema"

/**
 * Parses a report's query string, or answers `400 {"type":"invalid_data","message":
 * "<parameter>: <what is wrong>"}` and returns null.
 */
export function parseQuery<S extends z.ZodType>(schema: S, req: MedusaRequest, res: MedusaResponse): z.output<S> | null {
  const parsed = schema.safeParse(req.query)
  if (!parsed.success) {
    res.status(400).json({ type: "invalid_data", message: describeIssues(parsed.error) })
    return null
  }
  return parsed.data
}
