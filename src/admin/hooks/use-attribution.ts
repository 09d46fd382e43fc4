import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  CommonQuery,
  JourneyQuery,
  JourneyResponse,
  PaymentsQuery,
  PaymentsResponse,
  RecentResponse,
  RevenueQuery,
  RevenueResponse,
  StatusResponse,
  SummaryResponse,
  TimeseriesQuery,
  TimeseriesResponse,
} from "../lib/types"

/** Every query of the plugin starts with this key, so one invalidation refreshes them all. */
export const ATTRIBUTION_QUERY_KEY = "revenue-attribution"

/** Drops undefined values, so they are neither sent nor part of the cache key. */
const clean = <T extends object>(query: T): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined))

const get = <T,>(path: string, query?: object) =>
  sdk.client.fetch<T>(`/admin/attribution${path}`, { method: "GET", query: query ? clean(query) : undefined })

export const useAttributionStatus = () =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "status"],
    queryFn: () => get<StatusResponse>("/status"),
  })

export const useSummary = (query: CommonQuery) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "summary", clean(query)],
    queryFn: () => get<SummaryResponse>("/summary", query),
  })

export const useRevenue = (query: RevenueQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "revenue", clean(query)],
    queryFn: () => get<RevenueResponse>("/revenue", query),
    enabled,
  })

export const useTimeseries = (query: TimeseriesQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "timeseries", clean(query)],
    queryFn: () => get<TimeseriesResponse>("/timeseries", query),
    enabled,
  })

export const usePayments = (query: PaymentsQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "payments", clean(query)],
    queryFn: () => get<PaymentsResponse>("/payments", query),
    enabled,
  })

export const useJourney = (query: JourneyQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "journey", clean(query)],
    queryFn: () => get<JourneyResponse>("/journey", query),
    enabled,
  })

export const useRecent = () =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "recent"],
    queryFn: () => get<RecentResponse>("/recent"),
  })

/** The store's first publishable API key that is not revoked, or null when there is none. */
export const usePublishableKey = () =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "publishable-key"],
    queryFn: async () => {
      const { api_keys } = await sdk.admin.apiKey.list({ type: "publishable", limit: 100 })
      return api_keys.find((key) => !key.revoked_at) ?? null
    },
  })

/** The message of an error thrown by the js-sdk (FetchError) or anything else. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof Error && error.message) {
    return error.message
  }
  return typeof error === "string" && error ? error : "Unknown error"
}

/** What the owner can do about a failed request, from its HTTP status. */
export const errorHint = (error: unknown): string => {
  const status = (error as { status?: number } | null)?.status
  if (status === 400) {
    return "A filter was refused: check the date range and the pickers above, then retry."
  }
  if (status === 401 || status === 403) {
    return "Your admin session may have ended: log in again, then retry."
  }
  if (status === 404) {
    return "The server has no such report route: update the plugin and rebuild the admin (npx medusa build)."
  }
  return "Check that the Medusa server is running (its log tells what failed), then retry."
}
