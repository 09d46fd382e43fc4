import { z } from "@medusajs/framework/zod"
import { INTERVALS, MAX_BUCKETS, bucketsOf } from "./buckets"
import { reportFields, withRange } from "./query-fields"
import { groupByField } from "./revenue-query"

/** `GET /admin/attribution/timeseries`: the report's query, its interval and its buckets. */
export const TimeseriesQuery = z
  .object({
    ...reportFields,
    group_by: groupByField,
    interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }).default("day"),
  })
  .transform(withRange)
  .transform((q, ctx) => {
    const found = bucketsOf(q, q.interval, q.timezone)
    if ("tooMany" in found) {
      ctx.addIssue({
        code: "custom",
        path: ["interval"],
        message: `the range holds ${found.tooMany} ${q.interval} buckets, at most ${MAX_BUCKETS}: use a longer interval or a shorter range`,
      })
      return z.NEVER
    }
    return { ...q, buckets: found.buckets }
  })

export type TimeseriesQuery = z.infer<typeof TimeseriesQuery>
