import { useMutation, useQueryClient } from "@tanstack/react-query"
import { backendUrl } from "../lib/backend"
import type { SpendUploadRejection, SpendUploadResult } from "../lib/spend-types"
import { ATTRIBUTION_QUERY_KEY } from "./use-attribution"

/** A refused upload, carrying the server's list of rejected lines. */
export class SpendUploadError extends Error {
  constructor(
    readonly status: number,
    readonly body: SpendUploadRejection
  ) {
    super(body.message)
  }
}

/**
 * Uploads a spend file as it is (its bytes, so UTF-16 exports stay intact). A plain fetch with
 * the admin's session cookie rather than the js-sdk, whose errors keep only the message and
 * would drop the rejected lines. Every report is refreshed after a successful import.
 */
export const useUploadSpend = () => {
  const queryClient = useQueryClient()
  return useMutation<SpendUploadResult, Error, File>({
    mutationFn: async (file) => {
      const res = await fetch(backendUrl("/admin/attribution/spend/upload"), {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "text/csv", accept: "application/json" },
        body: file,
      })
      const body = await res.json().catch(() => ({ message: `The server answered ${res.status} ${res.statusText}` }))
      if (!res.ok) {
        throw new SpendUploadError(res.status, body as SpendUploadRejection)
      }
      return body as SpendUploadResult
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ATTRIBUTION_QUERY_KEY] }),
  })
}
