/** GET /admin/attribution/data-driven (docs/reports-api.md, "Data-driven weights"). */
export type DataDrivenStatus = {
  status: "weights" | "linear_fallback"
  computed_at: string | null
  paths: number
  conversions: number
  min_conversions: number
}

export type DataDrivenWeightsResponse = {
  data_driven: DataDrivenStatus
  window_days: number
  weights: {
    id: string
    computed_at: string
    window_from: string
    window_to: string
    paths: number
    conversions: number
    duration_ms: number
    /** Largest weight first; the weights add up to 1. */
    channels: { channel: string; weight: number }[]
  } | null
}

export type DataDrivenRecomputeResponse = DataDrivenWeightsResponse & {
  payments_recredited: number
  weights_ms: number
  recredit_ms: number
}
