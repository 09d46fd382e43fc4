/**
 * Verified payment-provider events → normalised payment and refund facts (see README.md here).
 * Plain TypeScript: no Medusa or npm imports; signatures are verified by the routes.
 */
export { parseLemonSqueezyEvent, orderKey, subscriptionInvoiceKey } from "./lemonsqueezy"
export { parseStripeEvent } from "./stripe"
export { parsePaddleEvent } from "./paddle"
export { parsePolarEvent, polarCheckoutReference, polarRefundedOrderPayment } from "./polar"
export { MAX_METADATA_KEYS, MAX_METADATA_VALUE_LENGTH } from "./shared"
export type { IgnoredFact, PaymentFact, ProviderFact, ProviderName, RefundFact } from "./types"
