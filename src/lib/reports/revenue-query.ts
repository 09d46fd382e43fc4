import { z } from "@medusajs/framework/zod"
import { ATTRIBUTION_MODELS } from "../../core/attribution/types"

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

const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be an ISO 8601 date or date-time")
  .transform((v) => new Date(v))

export const RevenueQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    group_by: z.enum(DIMENSIONS).default("channel"),
    model: z.enum(ATTRIBUTION_MODELS).default("last_non_direct"),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code like USD")
      .transform((c) => c.toUpperCase())
      .optional(),
    include_test: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
  })
  .transform((q) => {
    const to = q.to ?? new Date()
    const from = q.from ?? new Date(to.getTime() - 30 * 24 * 3600 * 1000)
    return { ...q, from, to }
  })
  .refine((q) => q.from < q.to, { message: "must be before `to`", path: ["from"] })

export type RevenueQuery = z.infer<typeof RevenueQuery>
