import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { CohortsResponse, CustomerResponse, CustomersQuery, LtvResponse, NewReturningResponse } from "../lib/customers-types"
import type { AttributionModel, GroupBy } from "../lib/types"
import { ATTRIBUTION_QUERY_KEY } from "./use-attribution"

/** Drops undefined values, so they are neither sent nor part of the cache key. */
const clean = <T extends object>(query: T): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined))

const get = <T,>(path: string, query: object) =>
  sdk.client.fetch<T>(`/admin/attribution/customers${path}`, { method: "GET", query: clean(query) })

export const useNewReturning = (query: CustomersQuery & { model?: AttributionModel; group_by?: GroupBy }, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "customers", "new-returning", clean(query)],
    queryFn: () => get<NewReturningResponse>("/new-returning", query),
    enabled,
  })

export const useLtv = (query: CustomersQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "customers", "ltv", clean(query)],
    queryFn: () => get<LtvResponse>("/ltv", query),
    enabled,
  })

export const useCohorts = (query: CustomersQuery & { channel?: string }, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "customers", "cohorts", clean(query)],
    queryFn: () => get<CohortsResponse>("/cohorts", query),
    enabled,
  })

export const useCustomerValue = (customerId: string, query: { currency?: string } = {}) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "customers", "customer", customerId, clean(query)],
    queryFn: () => get<CustomerResponse>(`/${encodeURIComponent(customerId)}`, query),
  })
