import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useRef } from "react"
import { sdk } from "../lib/sdk"
import type {
  BackfillInput,
  BackfillResponse,
  ConnectableProvider,
  ConnectInput,
  ConnectionsResponse,
  ConnectResponse,
  DisconnectResponse,
} from "../lib/connections-types"
import { ATTRIBUTION_QUERY_KEY } from "./use-attribution"

const BASE = "/admin/attribution/connections"
/** How often a running backfill's progress is asked for. */
export const BACKFILL_POLL_MS = 2000

const CONNECTIONS_KEY = [ATTRIBUTION_QUERY_KEY, "connections"] as const
const backfillKey = (provider: ConnectableProvider) => [...CONNECTIONS_KEY, provider, "backfill"] as const

export const useConnections = () =>
  useQuery({
    queryKey: CONNECTIONS_KEY,
    queryFn: () => sdk.client.fetch<ConnectionsResponse>(BASE, { method: "GET" }),
  })

/**
 * A connection changes which webhook secrets count as configured and, after a backfill, the
 * payments every report shows: refresh all of the plugin's queries. Also after a failure: a
 * 409 (already connected) or 404 (not connected) means the page's list is out of date.
 */
const useInvalidateAll = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] })
}

export const useConnect = (provider: ConnectableProvider) => {
  const invalidate = useInvalidateAll()
  return useMutation({
    mutationFn: (body: ConnectInput) => sdk.client.fetch<ConnectResponse>(`${BASE}/${provider}`, { method: "POST", body }),
    onSettled: invalidate,
  })
}

export const useDisconnect = (provider: ConnectableProvider) => {
  const invalidate = useInvalidateAll()
  return useMutation({
    mutationFn: () => sdk.client.fetch<DisconnectResponse>(`${BASE}/${provider}`, { method: "DELETE" }),
    onSettled: invalidate,
  })
}

/**
 * A connected provider's import. Asked again every 2 s while it runs; when a run seen running
 * stops, every report is refreshed, since it has just added payments.
 */
export const useBackfill = (provider: ConnectableProvider) => {
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: backfillKey(provider),
    queryFn: () => sdk.client.fetch<BackfillResponse>(`${BASE}/${provider}/backfill`, { method: "GET" }),
    refetchInterval: (q) => (q.state.data?.backfill.status === "running" ? BACKFILL_POLL_MS : false),
  })
  const status = query.data?.backfill.status
  const wasRunning = useRef(false)
  useEffect(() => {
    if (wasRunning.current && status !== "running") {
      void queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] })
    }
    wasRunning.current = status === "running"
  }, [status, queryClient])
  return query
}

export const useStartBackfill = (provider: ConnectableProvider) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BackfillInput) =>
      sdk.client.fetch<BackfillResponse>(`${BASE}/${provider}/backfill`, { method: "POST", body }),
    // The answer is the running import: showing it starts the polling at once.
    onSuccess: (answer) => queryClient.setQueryData(backfillKey(provider), answer),
    // A 409 means an import already runs (started elsewhere): show it.
    onError: () => queryClient.invalidateQueries({ queryKey: backfillKey(provider) }),
  })
}
