/**
 * Normalised facts parsed from verified payment-provider events. The parsers never throw: an
 * event they cannot or should not record becomes an `IgnoredFact` with a reason.
 */

export type ProviderName = "stripe" | "lemonsqueezy" | "paddle" | "polar"

export type PaymentFact = {
  kind: "payment"
  provider: ProviderName
  /**
   * The row key. Stripe: the payment intent id, else the invoice id, else the charge id.
   * LemonSqueezy: "order:<id>" for orders, "subscription-invoice:<id>" for subscription invoices.
   */
  providerPaymentId: string
  /**
   * Every other id of the same payment seen in this event (checkout session cs_…, charge ch_…,
   * invoice in_…, payment intent pi_…; LemonSqueezy "subscription-initial:<subscription id>"),
   * excluding providerPaymentId. Lets events arriving in any order converge on one row.
   */
  references: string[]
  /** Exact major units at the currency's precision ("99.99", "1500" JPY, "12.345" KWD). */
  amount: string
  /** Upper-case ISO 4217 code. */
  currency: string
  /** As the provider gave it (the caller normalises and hashes it); null when absent or blank. */
  email: string | null
  visitorId: string | null
  sessionId: string | null
  /** Flat string metadata merged from every metadata object of the event: at most 50 keys, values ≤ 500 chars. */
  metadata: Record<string, string>
  subscriptionId: string | null
  /** True for a subscription renewal (Stripe billing_reason subscription_cycle; LS billing_reason renewal). */
  isRenewal: boolean
  isTest: boolean
  occurredAt: Date
  customerId: string | null
}

export type RefundFact = {
  kind: "refund"
  provider: ProviderName
  /** Ids under which the refunded payment may be stored (keys or references): the caller looks each up. */
  paymentIds: string[]
  currency: string
  isTest: boolean
  occurredAt: Date
  /** Either individual refunds with their own ids (Stripe charge.refunds.data[], complete list) ... */
  refunds?: { refundId: string; amount: string }[]
  /** ... or the cumulative refunded total of the payment, from which the caller derives the new refund. */
  cumulativeRefunded?: string
}

export type IgnoredFact = { kind: "ignored"; reason: string }

/**
 * A subscription and the payment that started it (LemonSqueezy `subscription_created`: real
 * order payloads do not name their subscription). Stored on that payment, so the
 * subscription's renewals inherit its visitor.
 */
export type SubscriptionFact = {
  kind: "subscription"
  provider: ProviderName
  subscriptionId: string
  /** Ids under which the first payment may be stored (as in RefundFact). */
  paymentIds: string[]
}

export type ProviderFact = PaymentFact | RefundFact | SubscriptionFact | IgnoredFact
