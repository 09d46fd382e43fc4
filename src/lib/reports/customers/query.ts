import { z } from "@medusajs/framework/zod"
import { CHANNELS } from "../../../core/channel"
import { groupByField } from "../revenue-query"
import { booleanField, currencyField, rangeFields, reportFields, withRange } from "../query-fields"

/** `GET /admin/attribution/customers/new-returning`: like the revenue report. */
export const NewReturningQuery = z.object({ ...reportFields, group_by: groupByField }).transform(withRange)
export type NewReturningQuery = z.infer<typeof NewReturningQuery>

/** What the lifetime value and cohort reports read: no model (acquisition is first-touch). */
const acquiredFields = {
  ...rangeFields,
  currency: currencyField.optional(),
  include_test: booleanField.default(false),
}

/** `GET /admin/attribution/customers/ltv`. */
export const LtvQuery = z.object(acquiredFields).transform(withRange)
export type LtvQuery = z.infer<typeof LtvQuery>

/** `GET /admin/attribution/customers/cohorts`, optionally for one acquisition channel. */
export const CohortsQuery = z
  .object({
    ...acquiredFields,
    channel: z.enum(CHANNELS, { error: `must be a channel: ${CHANNELS.join(", ")}` }).optional(),
  })
  .transform(withRange)
export type CohortsQuery = z.infer<typeof CohortsQuery>

/** `GET /admin/attribution/customers/:id` (the customer widget). */
export const CustomerQuery = z.object({
  currency: currencyField.optional(),
  include_test: booleanField.default(false),
})
export type CustomerQuery = z.infer<typeof CustomerQuery>
