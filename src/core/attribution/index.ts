/**
 * Attribution models (CONTRACT.md, "Attribution models"): pure, deterministic, exact.
 */
export {
  ATTRIBUTION_MODELS,
  AttributionError,
  DAY_MS,
  DEFAULT_MODEL,
  isAttributionModel,
  TIME_DECAY_HALF_LIFE_DAYS,
  type AttributionErrorCode,
  type AttributionModel,
  type Credit,
  type CreditInput,
  type DataDrivenWeights,
  type Touch,
} from "./types"
export { computeCredits, computeModelCredits, unattributedCredits } from "./models"
export { eligibleTouches } from "./touches"
export { dataDrivenTouchWeights, lastNonDirectIndex, modelWeights, sanitizeWeights } from "./weights"
export { prorateRefund } from "./refund"
export {
  MARKOV_CONVERSION,
  MARKOV_NULL,
  MARKOV_START,
  markovRemovalEffects,
  transitionsOfPaths,
  type MarkovPath,
  type MarkovResult,
  type MarkovTransition,
} from "./markov"
