import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MathBN, PaymentEvents } from "@medusajs/framework/utils"
import { currencyExponent } from "../core/money"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type { AttributionModuleService } from "../modules/attribution"

type Refund = { id: string; amount: unknown; created_at?: string | Date }

/**
 * A refund made in Medusa (`payment.refunded`) is netted from the order's payment, once per
 * Medusa refund id. The payment's refunds are read whole, so a missed event is caught up by
 * the next one.
 */
export default async function recordMedusaRefund({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["id", "currency_code", "refunds.id", "refunds.amount", "refunds.created_at", "payment_collection.order.id"],
    filters: { id: event.data.id },
  })
  const orderId = (payment?.payment_collection as { order?: { id?: string } } | null)?.order?.id
  if (!payment || !orderId) {
    return
  }
  const paymentId = await attribution.findPaymentIdByReference("medusa", orderId)
  if (!paymentId) {
    return
  }
  const currency = String(payment.currency_code).toUpperCase()
  const exponent = currencyExponent(currency)
  for (const refund of (payment.refunds ?? []) as Refund[]) {
    await attribution.recordRefund({
      payment_id: paymentId,
      provider: "medusa",
      provider_refund_id: refund.id,
      amount: MathBN.convert(refund.amount as never).decimalPlaces(exponent, 4).toFixed(exponent),
      currency_code: currency,
      occurred_at: refund.created_at ? new Date(refund.created_at) : new Date(),
    })
  }
}

export const config: SubscriberConfig = {
  event: [PaymentEvents.REFUNDED],
  context: { subscriberId: "attribution-record-medusa-refund" },
}
