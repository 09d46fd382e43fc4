/**
 * Each model's raw weights over an eligible path (see `eligibleTouches`). Weights are
 * non-negative numbers with at least one > 0; only their ratios matter. `splitMinor` turns them
 * into exact amounts.
 */
import {
  DAY_MS,
  TIME_DECAY_HALF_LIFE_DAYS,
  type AttributionModel,
  type DataDrivenWeights,
  type Touch,
} from "./types"

/**
 * Weights outside this range are rescaled (divided by the largest) and those still below it
 * become 0. `splitMinor` reads weights through their decimal form, and 1e-300 or 1e300 would
 * need hundreds of digits; a share below 1e-100 of the largest can never earn a minor unit of
 * any real amount, so nothing observable changes.
 */
const MIN_WEIGHT = 1e-100
const MAX_WEIGHT = 1e100

/**
 * Non-finite and negative weights become 0; weights out of range are rescaled as above.
 * Returns null when no weight is positive.
 */
export function sanitizeWeights(weights: readonly number[]): number[] | null {
  const clean = weights.map((w) => (typeof w === "number" && Number.isFinite(w) && w > 0 ? w : 0))
  let max = 0
  let min = Infinity
  for (const w of clean) {
    if (w > max) max = w
    if (w > 0 && w < min) min = w
  }
  if (max === 0) return null
  if (min >= MIN_WEIGHT && max <= MAX_WEIGHT) return clean
  return clean.map((w) => {
    const scaled = w / max
    return scaled >= MIN_WEIGHT ? scaled : 0
  })
}

function oneHot(length: number, index: number): number[] {
  return Array.from({ length }, (_, i) => (i === index ? 1 : 0))
}

function linear(length: number): number[] {
  return Array.from({ length }, () => 1)
}

/** Index of the last touch whose channel is not Direct, or of the last touch if all are Direct. */
export function lastNonDirectIndex(path: readonly Touch[]): number {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i]!.channel !== "Direct") return i
  }
  return path.length - 1
}

/**
 * 40/20/40 as integers, so shares are exact: n = 1 → [1]; n = 2 → [1, 1]; n ≥ 3 → first and
 * last 2(n−2) each, every middle touch 1 (total 5(n−2): 40% + 20% split evenly + 40%).
 */
function positionBased(length: number): number[] {
  if (length <= 2) return linear(length)
  const end = 2 * (length - 2)
  return Array.from({ length }, (_, i) => (i === 0 || i === length - 1 ? end : 1))
}

/** 2^(−age / 7 days), age = paymentAt − startedAt (1 at the payment, 0.5 a week before, ...). */
function timeDecay(path: readonly Touch[], paymentAt: Date): number[] {
  const halfLifeMs = TIME_DECAY_HALF_LIFE_DAYS * DAY_MS
  const pay = paymentAt.getTime()
  return path.map((t) => 2 ** (-(pay - t.startedAt.getTime()) / halfLifeMs))
}

/**
 * `data_driven` per touch: its channel's weight divided by the number of touches of that channel
 * on the path, so each channel's weight is shared by its touches. Missing, negative or
 * non-finite channel weights count as 0. Returns null when every touch gets 0 (or no weights are
 * given): the model then falls back to linear.
 */
export function dataDrivenTouchWeights(path: readonly Touch[], channelWeights?: DataDrivenWeights | null): number[] | null {
  if (!channelWeights || typeof channelWeights !== "object") return null
  const counts = new Map<string, number>()
  for (const t of path) counts.set(t.channel, (counts.get(t.channel) ?? 0) + 1)
  const raw = path.map((t) => {
    const w = Object.prototype.hasOwnProperty.call(channelWeights, t.channel) ? channelWeights[t.channel] : undefined
    return typeof w === "number" && Number.isFinite(w) && w > 0 ? w / counts.get(t.channel)! : 0
  })
  return sanitizeWeights(raw)
}

/**
 * A model's weights over a non-empty eligible path, ready for `splitMinor` (non-negative, at
 * least one > 0, within a range splitMinor reads exactly).
 */
export function modelWeights(
  model: AttributionModel,
  path: readonly Touch[],
  paymentAt: Date,
  dataDrivenWeights?: DataDrivenWeights | null,
): number[] {
  const n = path.length
  switch (model) {
    case "first_touch":
      return oneHot(n, 0)
    case "last_touch":
      return oneHot(n, n - 1)
    case "last_non_direct":
      return oneHot(n, lastNonDirectIndex(path))
    case "linear":
      return linear(n)
    case "position_based":
      return positionBased(n)
    case "time_decay":
      // The newest touch has the largest weight, so this is never all zeros.
      return sanitizeWeights(timeDecay(path, paymentAt)) ?? linear(n)
    case "data_driven":
      return dataDrivenTouchWeights(path, dataDrivenWeights) ?? linear(n)
  }
}
