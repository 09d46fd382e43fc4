/**
 * Attribution models as pure functions: how one payment's amount is credited to the sessions
 * that led to it, under every model at once. Deterministic (no clock, no randomness, no
 * dependence on input order) and exact: each model's credits add up to the payment's amount.
 */
import { splitMinor } from "../money"
import { assertPaymentAt, assertWindowDays, eligibleTouches } from "./touches"
import {
  ATTRIBUTION_MODELS,
  AttributionError,
  type AttributionModel,
  type Credit,
  type CreditInput,
  type Touch,
} from "./types"
import { modelWeights } from "./weights"

export {
  ATTRIBUTION_MODELS,
  AttributionError,
  DEFAULT_MODEL,
  isAttributionModel,
  type AttributionModel,
  type Credit,
  type CreditInput,
  type DataDrivenWeights,
  type Touch,
} from "./types"
export { prorateRefund } from "./refund"

function assertAmount(amountMinor: unknown): asserts amountMinor is bigint {
  if (typeof amountMinor !== "bigint") {
    throw new AttributionError("INVALID_INPUT", `amountMinor must be a bigint, got ${typeof amountMinor}`)
  }
}

/** The single credit of a payment no session can be credited for (filed as unattributed). */
export function unattributedCredits(amountMinor: bigint): Credit[] {
  return [{ sessionId: null, amountMinor, weight: 1 }]
}

/**
 * Splits `amountMinor` over `path` by `weights` with `splitMinor` (largest remainder, ties to
 * the earlier touch). Touches with weight 0 (and so amount 0) are left out; touches with a
 * positive weight stay even when their amount rounds to 0.
 */
function creditsFromWeights(path: readonly Touch[], weights: readonly number[], amountMinor: bigint): Credit[] {
  const amounts = splitMinor(amountMinor, weights)
  const total = weights.reduce((a, b) => a + b, 0)
  const credits: Credit[] = []
  path.forEach((t, i) => {
    const amount = amounts[i]!
    const weight = weights[i]! / total
    if (amount === 0n && weight === 0) return
    credits.push({ sessionId: t.sessionId, amountMinor: amount, weight })
  })
  return credits
}

function creditsOnPath(model: AttributionModel, path: readonly Touch[], input: CreditInput): Credit[] {
  if (path.length === 0) return unattributedCredits(input.amountMinor)
  return creditsFromWeights(path, modelWeights(model, path, input.paymentAt, input.dataDrivenWeights), input.amountMinor)
}

function validate(input: CreditInput): void {
  if (!input || typeof input !== "object") throw new AttributionError("INVALID_INPUT", "computeCredits needs an input object")
  assertAmount(input.amountMinor)
  assertPaymentAt(input.paymentAt)
  assertWindowDays(input.windowDays)
  if (!Array.isArray(input.touches)) throw new AttributionError("INVALID_INPUT", "touches must be an array")
}

/**
 * Credits of one payment under every model. Credits are in path order (oldest session first).
 * With no eligible session every model answers `[{ sessionId: null, amountMinor, weight: 1 }]`.
 * Throws `INVALID_INPUT` for a non-bigint amount, an invalid `paymentAt` or `windowDays`.
 */
export function computeCredits(input: CreditInput): Record<AttributionModel, Credit[]> {
  validate(input)
  const path = eligibleTouches(input.touches, input.paymentAt, input.windowDays)
  const result = {} as Record<AttributionModel, Credit[]>
  for (const model of ATTRIBUTION_MODELS) result[model] = creditsOnPath(model, path, input)
  return result
}

/** Credits of one payment under one model (same rules as `computeCredits`). */
export function computeModelCredits(model: AttributionModel, input: CreditInput): Credit[] {
  if (!(ATTRIBUTION_MODELS as readonly string[]).includes(model)) {
    throw new AttributionError("INVALID_INPUT", `Unknown attribution model ${JSON.stringify(model)}`)
  }
  validate(input)
  return creditsOnPath(model, eligibleTouches(input.touches, input.paymentAt, input.windowDays), input)
}
