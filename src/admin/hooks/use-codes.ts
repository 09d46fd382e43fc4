import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type {
  CodeMappingInput,
  CodeMappingsResponse,
  CodesQuery,
  CodesResponse,
  DeleteCodeMappingResponse,
  SaveCodeMappingResponse,
} from "../lib/codes-types"
import { ATTRIBUTION_QUERY_KEY } from "./use-attribution"

const clean = <T extends object>(query: T): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined))

/** Revenue by promotion code (and by code × `split_by`). */
export const useCodes = (query: CodesQuery, enabled = true) =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "codes", clean(query)],
    queryFn: () => sdk.client.fetch<CodesResponse>("/admin/attribution/codes", { method: "GET", query: clean(query) }),
    enabled,
  })

export const useCodeMappings = () =>
  useQuery({
    queryKey: [ATTRIBUTION_QUERY_KEY, "code-mappings"],
    queryFn: () => sdk.client.fetch<CodeMappingsResponse>("/admin/attribution/code-mappings", { method: "GET" }),
  })

/**
 * Saving or removing a mapping re-credits past orders, so every report of the plugin is
 * refreshed afterwards, not only the list.
 */
const useInvalidateAll = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] })
}

export const useSaveCodeMapping = () => {
  const invalidate = useInvalidateAll()
  return useMutation({
    mutationFn: (body: CodeMappingInput) =>
      sdk.client.fetch<SaveCodeMappingResponse>("/admin/attribution/code-mappings", { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export const useDeleteCodeMapping = () => {
  const invalidate = useInvalidateAll()
  return useMutation({
    mutationFn: (code: string) =>
      sdk.client.fetch<DeleteCodeMappingResponse>(`/admin/attribution/code-mappings/${encodeURIComponent(code)}`, {
        method: "DELETE",
      }),
    onSuccess: invalidate,
  })
}
