import type { DataDrivenWeights } from "../../core/attribution/types"
import type { Sql } from "./sql"

/** The newest row of `attribution_model_weights`, as the routes and reports show it. */
export type StoredWeights = {
  id: string
  weights: Record<string, number>
  paths: number
  conversions: number
  window_from: string
  window_to: string
  computed_at: string
  duration_ms: number
}

export type DataDrivenStatus = {
  /** `weights`: credits follow the stored weights; `linear_fallback`: too few conversions (or none computed yet). */
  status: "weights" | "linear_fallback"
  computed_at: string | null
  paths: number
  conversions: number
  min_conversions: number
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString())

export async function latestWeights(sql: Sql): Promise<StoredWeights | null> {
  const [row] = await sql(
    `select id, weights, paths, conversions, window_from, window_to, computed_at, duration_ms
       from attribution_model_weights where deleted_at is null
      order by computed_at desc, id desc limit 1`
  )
  if (!row) return null
  return {
    id: row.id,
    weights: typeof row.weights === "string" ? JSON.parse(row.weights) : (row.weights ?? {}),
    paths: Number(row.paths),
    conversions: Number(row.conversions),
    window_from: iso(row.window_from),
    window_to: iso(row.window_to),
    computed_at: iso(row.computed_at),
    duration_ms: Number(row.duration_ms),
  }
}

/** Whether a computation rests on enough conversions for its weights to be used. */
export function usesWeights(row: Pick<StoredWeights, "conversions" | "weights"> | null, minConversions: number): boolean {
  return !!row && row.conversions >= minConversions && row.conversions > 0 && Object.values(row.weights).some((w) => w > 0)
}

export function dataDrivenStatus(row: StoredWeights | null, minConversions: number): DataDrivenStatus {
  return {
    status: usesWeights(row, minConversions) ? "weights" : "linear_fallback",
    computed_at: row?.computed_at ?? null,
    paths: row?.paths ?? 0,
    conversions: row?.conversions ?? 0,
    min_conversions: minConversions,
  }
}

/**
 * The weights new payments are credited with, read at most once a minute per process: storing
 * a payment must not add a query, and a minute's delay after a recompute only matters until
 * the next recompute rewrites the window's credits again. Read with the caller's connection
 * (a payment's transaction), never through a second one from the pool.
 */
const CACHE_MS = 60_000
let cache: { at: number; row: StoredWeights | null } | null = null

export async function weightsInUse(sql: Sql, minConversions: number, now = Date.now()): Promise<DataDrivenWeights | null> {
  if (!cache || now - cache.at > CACHE_MS || now < cache.at) {
    cache = { at: now, row: await latestWeights(sql) }
  }
  return usesWeights(cache.row, minConversions) ? (cache.row!.weights as DataDrivenWeights) : null
}

/** After a recompute in this process: the next payment reads the new row. */
export function forgetCachedWeights(): void {
  cache = null
}
