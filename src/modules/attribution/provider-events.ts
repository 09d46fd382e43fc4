import type { PaymentFact } from "../../core/providers/types"
import { hashEmail } from "../../core/identity"
import type { RecordPaymentInput } from "./service"

/** The stored form of a payment reported by a provider's webhook. */
export function paymentInputFromFact(fact: PaymentFact): RecordPaymentInput {
  return {
    provider: fact.provider,
    provider_payment_id: fact.providerPaymentId,
    references: fact.references.map((external_id) => ({ provider: fact.provider, external_id })),
    amount: fact.amount,
    currency_code: fact.currency,
    occurred_at: fact.occurredAt,
    customer_id: fact.customerId,
    customer_email: fact.email,
    customer_email_hash: fact.email ? hashEmail(fact.email) : null,
    visitor_id: fact.visitorId,
    session_id: fact.sessionId,
    link_method: fact.visitorId ? "metadata" : "unlinked",
    subscription_id: fact.subscriptionId,
    is_test: fact.isTest,
    metadata: Object.keys(fact.metadata).length ? fact.metadata : null,
  }
}
