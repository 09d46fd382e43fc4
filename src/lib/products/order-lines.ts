import { MathBN } from "@medusajs/framework/utils"
import type { LineItemInput } from "../../modules/attribution/line-items"

/**
 * The `query.graph` fields of an order's lines. `items.product` is Medusa's read-only link from
 * an order line to its product (link-modules order-product): the product's collection and
 * categories are read from it, as they are when the order is placed.
 */
export const ORDER_LINE_FIELDS = [
  "items.id",
  "items.product_id",
  "items.variant_id",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.product_collection",
  "items.quantity",
  "items.total",
  "items.product.collection.id",
  "items.product.collection.title",
  "items.product.categories.id",
  "items.product.categories.name",
]

type GraphLine = {
  id: string
  product_id?: string | null
  variant_id?: string | null
  product_title?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  product_collection?: string | null
  quantity?: unknown
  total?: unknown
  product?: {
    collection?: { id: string; title?: string | null } | null
    categories?: ({ id: string; name?: string | null } | null)[] | null
  } | null
}

/**
 * An order's lines as the attribution module stores them. `total` (after discounts and with
 * taxes) is rounded once to the currency's exponent, as the order's total is.
 */
export function orderLineItems(items: unknown, exponent: number): LineItemInput[] {
  const lines = (Array.isArray(items) ? items : []) as (GraphLine | null)[]
  return lines.flatMap((l) => {
    if (!l?.id) return []
    const collection = l.product?.collection ?? null
    return [
      {
        line_item_id: l.id,
        product_id: l.product_id ?? null,
        variant_id: l.variant_id ?? null,
        product_title: l.product_title ?? null,
        variant_title: l.variant_title ?? null,
        sku: l.variant_sku ?? null,
        // A product deleted since keeps its collection's title on the line, without an id.
        collection_id: collection?.id ?? null,
        collection_title: collection?.title ?? l.product_collection ?? null,
        categories: (l.product?.categories ?? []).flatMap((c) => (c?.id ? [{ id: c.id, name: c.name ?? null }] : [])),
        quantity: Math.max(0, Math.round(Number(MathBN.convert((l.quantity ?? 0) as never).toString()))),
        amount: MathBN.convert((l.total ?? 0) as never).decimalPlaces(exponent, 4).toFixed(exponent),
      },
    ]
  })
}
