import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { markovRemovalEffects } from "../../core/attribution/markov"
import type { DataDrivenWeights } from "../../core/attribution/types"
import { DAY_MS } from "../../core/attribution/types"
import { newId } from "../../modules/attribution/ids"
import { rewriteDataDrivenCredits } from "./rewrite-credits"
import { knexSql } from "./sql"
import { countTransitions } from "./transitions"
import { dataDrivenStatus, forgetCachedWeights, latestWeights, type DataDrivenStatus, type StoredWeights } from "./weights-store"

export type RecomputeOptions = { windowDays: number; minConversions: number; now?: Date }

export type RecomputeResult = {
  weights: StoredWeights
  data_driven: DataDrivenStatus
  /** Payments whose data_driven credits were rewritten. */
  payments_recredited: number
  /** Milliseconds counting the paths and solving the chain (stored as duration_ms). */
  weights_ms: number
  /** Milliseconds rewriting the credits. */
  recredit_ms: number
}

/** Another recompute holds the lock: answered as a 409 by the route. */
export class RecomputeBusyError extends Error {}

/** One recompute at a time across every server (transaction-scoped advisory lock). */
const LOCK_KEY = "attribution:data-driven-recompute"

/** Counts the paths of [now − windowDays, now) and solves the chain: no writes. */
export async function computeDataDrivenWeights(knex: Knex | Knex.Transaction, windowDays: number, now = new Date()) {
  const started = performance.now()
  const from = new Date(now.getTime() - windowDays * DAY_MS)
  const counts = await countTransitions(knexSql(knex), from, now)
  const markov = markovRemovalEffects(counts.transitions)
  return { from, to: now, ...counts, markov, ms: Math.round(performance.now() - started) }
}

/**
 * Recomputes the `data_driven` weights over the last `windowDays` days, stores them as the
 * newest `attribution_model_weights` row, and rewrites the data_driven credits of the window's
 * payments with them (or like linear below `minConversions`), all in one transaction, so
 * reports switch from the old weights to the new ones at once.
 */
export async function recomputeDataDrivenWeights(knex: Knex, options: RecomputeOptions): Promise<RecomputeResult> {
  const result = await knex.transaction(async (trx) => {
    const [{ locked }] = (await trx.raw(`select pg_try_advisory_xact_lock(hashtext(?)) as locked`, [LOCK_KEY])).rows
    if (!locked) throw new RecomputeBusyError("The data-driven weights are being recomputed already; try again in a moment.")
    const computed = await computeDataDrivenWeights(trx, options.windowDays, options.now)
    const sql = knexSql(trx)
    await sql(
      `insert into attribution_model_weights (id, weights, paths, conversions, window_from, window_to, computed_at, duration_ms)
       values (?, ?::jsonb, ?, ?, ?, ?, now(), ?)`,
      [
        newId("amw"),
        JSON.stringify(computed.markov.weights ?? {}),
        computed.paths,
        computed.conversions,
        computed.from,
        computed.to,
        computed.ms,
      ]
    )
    const stored = (await latestWeights(sql))!
    const status = dataDrivenStatus(stored, options.minConversions)
    const started = performance.now()
    const weights = status.status === "weights" ? (stored.weights as DataDrivenWeights) : null
    const recredited = await rewriteDataDrivenCredits(sql, computed.from, weights)
    return {
      weights: stored,
      data_driven: status,
      payments_recredited: recredited,
      weights_ms: computed.ms,
      recredit_ms: Math.round(performance.now() - started),
    }
  })
  forgetCachedWeights()
  return result
}
