/**
 * The framework-free domain core of medusa-revenue-attribution: URL/referrer parsing, GA4
 * channel classification, traffic-source derivation and exact money arithmetic. No Medusa or
 * npm imports, so it can be unit-tested and reused (e.g. by the storefront snippet's tests).
 */
export { CHANNELS, classifyChannel, isChannel, type Channel, type ChannelInput } from "./channel"
export { CLICK_ID_IMPLIED, CLICK_ID_PARAMS, primaryClickId, type ClickIdParam, type ImpliedSource } from "./click-ids"
export {
  currencyExponent,
  DEFAULT_EXPONENT,
  isKnownCurrency,
  majorToMinor,
  minorToMajorString,
  MoneyError,
  moneyToMinor,
  normalizeCurrency,
  prorate,
  splitMinor,
  stripeCurrencyExponent,
  sumMinor,
  toMinor,
  toMoney,
  type MinorInput,
  type Money,
  type MoneyErrorCode,
} from "./money"
export { parseReferrer, referrerToSource, type ParsedReferrer, type ReferrerSource } from "./referrer"
export {
  lookupApp,
  lookupHost,
  lookupSource,
  SOURCE_CATEGORIES,
  sourceCategory,
  type HostMatch,
  type KnownSource,
  type SourceCategory,
} from "./sources"
export {
  DEFAULT_IGNORED_REFERRER_HOSTS,
  deriveTrafficSource,
  type TrafficSource,
  type TrafficSourceInput,
} from "./traffic-source"
export {
  extractParams,
  MAX_PARAM_LENGTH,
  MAX_URL_LENGTH,
  normalizeHost,
  parseLandingUrl,
  parseUrl,
  truncate,
  type ParsedLandingUrl,
  type UtmParams,
} from "./url"
export {
  hashEmail,
  idsFromMetadata,
  isValidClientId,
  normaliseEmail,
  SESSION_ID_KEYS,
  VISITOR_ID_KEYS,
} from "./identity"
