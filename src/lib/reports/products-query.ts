import { z } from "@medusajs/framework/zod"
import { integerField, reportFields, withRange } from "./query-fields"
import { DIMENSIONS } from "./revenue-query"

/** What the products report groups line items by. */
export const PRODUCT_GROUPS = ["product", "variant", "category", "collection"] as const
export type ProductGroup = (typeof PRODUCT_GROUPS)[number]

const splitByField = z.enum(DIMENSIONS, { error: `must be one of ${DIMENSIONS.join(", ")}` })

/** `GET /admin/attribution/products` */
export const ProductsQuery = z
  .object({
    ...reportFields,
    group_by: z.enum(PRODUCT_GROUPS, { error: `must be one of ${PRODUCT_GROUPS.join(", ")}` }).default("product"),
    split_by: splitByField.optional(),
    limit: integerField(1, 1000).default(100),
  })
  .transform(withRange)

export type ProductsQuery = z.infer<typeof ProductsQuery>

/** `GET /admin/attribution/products/:id/channels`: one product, split by channel (or `split_by`). */
export const ProductChannelsQuery = z
  .object({ ...reportFields, split_by: splitByField.default("channel") })
  .transform(withRange)

export type ProductChannelsQuery = z.infer<typeof ProductChannelsQuery>

/** A product id as Medusa writes them; anything else is a 400, not a query. */
export const productIdField = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "must be a product id like prod_01J...")
