import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MathBN, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { currencyExponent } from "../core/money"
import { hashEmail, idsFromMetadata } from "../core/identity"
import { ORDER_PROMOTION_CODE_FIELDS, orderPromotionCodes } from "../core/codes"
import { ORDER_LINE_FIELDS, orderLineItems } from "../lib/products/order-lines"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type { AttributionModuleService } from "../modules/attribution"

type OrderPayment = { id: string; provider_id?: string | null; data?: Record<string, unknown> | null }

/**
 * A placed Medusa order is a payment (provider `medusa`, keyed by the order id), linked to
 * the visitor whose ids the snippet put in the cart's metadata (Medusa copies them to the
 * order). The provider's own payment ids (e.g. Stripe's `pi_...`) are stored as references,
 * so a Stripe webhook for the same payment merges into this row instead of adding one.
 */
export default async function recordOrderPayment({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)

  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "email",
      "currency_code",
      "total",
      "customer_id",
      "metadata",
      "created_at",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.data",
      ...ORDER_PROMOTION_CODE_FIELDS,
      ...ORDER_LINE_FIELDS,
    ],
    filters: { id: event.data.id },
  })
  if (!order) {
    return
  }

  const currency = String(order.currency_code).toUpperCase()
  const exponent = currencyExponent(currency)
  // Order totals can carry more precision than the currency has (taxes); round once here.
  const amount = MathBN.convert(order.total as never).decimalPlaces(exponent, 4).toFixed(exponent)
  const { visitorId, sessionId } = idsFromMetadata(order.metadata)

  const collections = (order.payment_collections ?? []) as { payments?: OrderPayment[] | null }[]
  const references = collections.flatMap((pc) => pc?.payments ?? []).flatMap(providerReference)

  await attribution.recordPayment({
    provider: "medusa",
    provider_payment_id: order.id,
    order_id: order.id,
    amount,
    currency_code: currency,
    occurred_at: new Date(order.created_at as string | Date),
    customer_id: order.customer_id ?? null,
    customer_email: order.email ?? null,
    customer_email_hash: order.email ? hashEmail(order.email) : null,
    visitor_id: visitorId,
    session_id: sessionId,
    link_method: visitorId ? "metadata" : "unlinked",
    references,
    promotion_codes: orderPromotionCodes(order as never),
    // Products by channel: the order's lines, stored with the payment.
    line_items: orderLineItems(order.items, exponent),
  })
}

/** Medusa's Stripe provider keeps the payment intent in the payment's data (`data.id`). */
function providerReference(payment: OrderPayment): { provider: string; external_id: string }[] {
  const externalId = payment.data?.id
  if (typeof externalId === "string" && payment.provider_id?.includes("stripe") && externalId.startsWith("pi_")) {
    return [{ provider: "stripe", external_id: externalId }]
  }
  return []
}

export const config: SubscriberConfig = {
  event: [OrderWorkflowEvents.PLACED],
  context: { subscriberId: "attribution-record-order-payment" },
}
