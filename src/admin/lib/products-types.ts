import type { AttributionModel } from "./types"

/** What `GET /admin/attribution/products` groups line items by. */
export const PRODUCT_GROUPS = ["product", "variant", "category", "collection"] as const
export type ProductGroup = (typeof PRODUCT_GROUPS)[number]

/** The dimensions a products report can be split by (those of the revenue report). */
export const PRODUCT_SPLITS = ["channel", "source", "medium", "campaign"] as const
export type ProductSplit = (typeof PRODUCT_SPLITS)[number]

export type ProductFigures = { revenue: number; refunded: number; net_revenue: number }
export type ProductCell = ProductFigures & { key: string; orders?: number }

export type ProductRow = ProductFigures & {
  key: string
  label: string | null
  quantity: number
  orders: number
  sku?: string | null
  split?: ProductCell[]
}

export type ProductsQuery = {
  from?: string
  to?: string
  model?: AttributionModel
  currency?: string
  include_test?: boolean
  timezone?: string
  group_by?: ProductGroup
  split_by?: ProductSplit
  limit?: number
}

export type ProductsResponse = {
  currency: string
  currencies: string[]
  model: AttributionModel
  group_by: ProductGroup
  split_by: ProductSplit | null
  from: string
  to: string
  include_test: boolean
  rows: ProductRow[]
  row_count: number
  split_keys?: string[]
  totals: ProductFigures & { quantity: number; orders: number; split?: ProductCell[] }
  without_line_items: ProductFigures & { payments: number }
}

export type ProductChannelsResponse = {
  product_id: string
  label: string | null
  currency: string
  currencies: string[]
  model: AttributionModel
  split_by: string
  from: string
  to: string
  include_test: boolean
  rows: (ProductCell & { orders: number })[]
  totals: ProductFigures & { quantity: number; orders: number }
}
