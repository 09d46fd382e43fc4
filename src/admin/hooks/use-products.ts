import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { ProductChannelsResponse, ProductsQuery } from "../lib/products-types"
import type { ProductsResponse } from "../lib/products-types"
import type { AttributionModel } from "../lib/types"
import { ATTRIBUTION_QUERY_KEY } from "./use-attribution"

const clean = <T extends object>(query: T): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ""))

/** Revenue by product, variant, category or collection, split by channel (the Products view). */
export const useProducts = (query: ProductsQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "products", clean(query)],
    queryFn: () => sdk.client.fetch<ProductsResponse>("/admin/attribution/products", { method: "GET", query: clean(query) }),
    enabled,
  })

/** One product's revenue by channel (the product page widget). */
export const useProductChannels = (
  productId: string,
  query: { model: AttributionModel; from: string; to: string; currency?: string }
) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "product-channels", productId, clean(query)],
    queryFn: () =>
      sdk.client.fetch<ProductChannelsResponse>(`/admin/attribution/products/${encodeURIComponent(productId)}/channels`, {
        method: "GET",
        query: clean(query),
      }),
  })
