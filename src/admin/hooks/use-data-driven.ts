import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { DataDrivenRecomputeResponse, DataDrivenWeightsResponse } from "../lib/data-driven-types"
import { ATTRIBUTION_QUERY_KEY } from "./use-attribution"

export const useDataDrivenWeights = () =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "data-driven"],
    queryFn: () => sdk.client.fetch<DataDrivenWeightsResponse>("/admin/attribution/data-driven", { method: "GET" }),
  })

/** Recomputes the weights now; every report is refetched after (data_driven credits changed). */
export const useRecomputeDataDriven = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      sdk.client.fetch<DataDrivenRecomputeResponse>("/admin/attribution/data-driven/recompute", { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] }),
  })
}
