import type { DataDrivenStatus, StoredWeights } from "./weights-store"

/** The answer of GET /admin/attribution/data-driven (and of the recompute): docs/reports-api.md. */
export function weightsResponse(row: StoredWeights | null, status: DataDrivenStatus, windowDays: number) {
  return {
    data_driven: status,
    window_days: windowDays,
    weights: row
      ? {
          id: row.id,
          computed_at: row.computed_at,
          window_from: row.window_from,
          window_to: row.window_to,
          paths: row.paths,
          conversions: row.conversions,
          duration_ms: row.duration_ms,
          channels: Object.entries(row.weights)
            .map(([channel, weight]) => ({ channel, weight }))
            .sort((a, b) => b.weight - a.weight || (a.channel < b.channel ? -1 : 1)),
        }
      : null,
  }
}
