/**
 * Types and constants shared by the attribution models (CONTRACT.md, "Attribution models").
 */
import type { Channel } from "../channel"

/** Every model the reports can be asked for. Order is the contract's. */
export const ATTRIBUTION_MODELS = [
  "first_touch",
  "last_touch",
  "last_non_direct",
  "linear",
  "position_based",
  "time_decay",
  "data_driven",
] as const

export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number]

/** The model reports use when none is asked for. */
export const DEFAULT_MODEL: AttributionModel = "last_non_direct"

const MODEL_SET: ReadonlySet<string> = new Set(ATTRIBUTION_MODELS)

export function isAttributionModel(value: unknown): value is AttributionModel {
  return typeof value === "string" && MODEL_SET.has(value)
}

/** One session of the paying visitor: a candidate for credit. */
export type Touch = { sessionId: string; startedAt: Date; channel: Channel }

/**
 * The part of one payment that a model gives to one session. `weight` is the session's share
 * of the payment in [0, 1] (informational, a float); `amountMinor` is the exact amount in minor
 * units. `sessionId` is null for the single credit of an unattributed payment.
 */
export type Credit = { sessionId: string | null; amountMinor: bigint; weight: number }

/** Per-channel weights for `data_driven` (e.g. Markov removal effects). Any non-negative scale. */
export type DataDrivenWeights = Partial<Record<Channel, number>>

export interface CreditInput {
  /** The visitor's sessions, in any order; duplicates and out-of-window sessions are ignored. */
  touches: readonly Touch[]
  paymentAt: Date
  /** The payment's amount in minor units (≥ 0 for a payment; a negative amount splits as its absolute value, negated). */
  amountMinor: bigint
  /** Sessions that started more than this many days before the payment get no credit. */
  windowDays: number
  dataDrivenWeights?: DataDrivenWeights | null
}

export const DAY_MS = 86_400_000

/** `time_decay` halves a session's weight for every 7 days between its start and the payment. */
export const TIME_DECAY_HALF_LIFE_DAYS = 7

export type AttributionErrorCode = "INVALID_INPUT" | "NO_CREDITS"

/** Thrown for malformed input, so callers can map it without string matching. */
export class AttributionError extends Error {
  readonly code: AttributionErrorCode

  constructor(code: AttributionErrorCode, message: string) {
    super(message)
    this.name = "AttributionError"
    this.code = code
  }
}
