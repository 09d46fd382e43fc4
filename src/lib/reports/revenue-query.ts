import { z } from "@medusajs/framework/zod"
import { reportFields, withRange } from "./query-fields"

export const DIMENSIONS = [
  "channel",
  "source",
  "medium",
  "campaign",
  "term",
  "content",
  "landing_page",
  "referrer_domain",
] as const
export type Dimension = (typeof DIMENSIONS)[number]

export const groupByField = z.enum(DIMENSIONS, { error: `must be one of ${DIMENSIONS.join(", ")}` }).default("channel")

/** `GET /admin/attribution/revenue` (and its CSV export). */
export const RevenueQuery = z.object({ ...reportFields, group_by: groupByField }).transform(withRange)

export type RevenueQuery = z.infer<typeof RevenueQuery>
