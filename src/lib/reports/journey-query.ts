import { z } from "@medusajs/framework/zod"
import { booleanField, modelField } from "./query-fields"

const id = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .trim()
    .min(1, `must be ${what}`)
    .max(255, "must be at most 255 characters")
    .optional()

const TARGETS = ["order_id", "customer_id", "payment_id"] as const

/** `GET /admin/attribution/journey`: exactly one of an order, a customer or a payment. */
export const JourneyQuery = z
  .object({
    order_id: id("a Medusa order id"),
    customer_id: id("a Medusa customer id"),
    payment_id: id("a payment id from the payments report (apay_...)"),
    model: modelField,
    include_test: booleanField.default(false),
  })
  .superRefine((q, ctx) => {
    const given = TARGETS.filter((t) => q[t] !== undefined)
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [given[1] ?? "order_id"],
        message: `give exactly one of order_id, customer_id or payment_id${given.length ? ` (got ${given.join(", ")})` : ""}`,
      })
    }
  })

export type JourneyQuery = z.infer<typeof JourneyQuery>
