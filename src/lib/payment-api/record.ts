import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { hashEmail, normaliseEmail } from "../../core/identity"
import { currencyExponent, minorToMajorString } from "../../core/money"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type { AttributionModuleService } from "../../modules/attribution"
import { checkAmount, type PaymentRequest, type RefundRequest } from "./schema"
import { type ApiPayment, type ApiRefund, refundable, serializePayment, serializeRefund } from "./serialize"

type Row = Record<string, unknown>

export type ApiAnswer =
  | { status: 200 | 201; body: { payment: ApiPayment } | { refund: ApiRefund; payment: ApiPayment } }
  | { status: 400 | 404 | 409; body: { type: string; message: string } }

function attribution(container: MedusaContainer): AttributionModuleService {
  return container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
}

async function loadPayment(service: AttributionModuleService, id: string): Promise<Row> {
  return (await service.retrieveAttributionPayment(id)) as unknown as Row
}

/**
 * Records a payment once per `(provider, providerPaymentId)`: 201 with the new payment, or
 * 200 with the stored one when it already existed (its amounts unchanged; empty fields such
 * as the visitor or order id may be filled in by the later report).
 */
export async function recordApiPayment(container: MedusaContainer, input: PaymentRequest): Promise<ApiAnswer> {
  const service = attribution(container)
  const email = input.customerEmail ? normaliseEmail(input.customerEmail) : null
  const { payment_id, created } = await service.recordPayment({
    provider: input.provider,
    provider_payment_id: input.providerPaymentId,
    amount: input.amount,
    currency_code: input.currency,
    occurred_at: input.occurredAt,
    order_id: input.orderId,
    customer_email: email,
    customer_email_hash: email ? hashEmail(email) : null,
    visitor_id: input.visitorId,
    session_id: input.sessionId,
    link_method: input.visitorId ? "metadata" : "unlinked",
    metadata: input.metadata,
    is_test: false,
  })
  const payment = await loadPayment(service, payment_id)
  return { status: created ? 201 : 200, body: { payment: serializePayment(payment) } }
}

async function findRefund(service: AttributionModuleService, provider: string, refundId: string): Promise<Row | null> {
  const [refund] = await service.listAttributionRefunds({ provider, provider_refund_id: refundId }, { take: 1 })
  return (refund as unknown as Row | undefined) ?? null
}

const invalid = (message: string): ApiAnswer => ({ status: 400, body: { type: "invalid_data", message } })

/**
 * Records a refund against a stored payment. With a `refundId` a retry is answered 200 with
 * the refund already stored and changes nothing; without one, an id is generated (`api_...`),
 * so a retry is a second refund.
 */
export async function recordApiRefund(container: MedusaContainer, input: RefundRequest): Promise<ApiAnswer> {
  const service = attribution(container)
  const paymentId = await service.findPaymentIdByReference(input.provider, input.providerPaymentId)
  if (!paymentId) {
    return {
      status: 404,
      body: {
        type: "not_found",
        message: `No payment with provider ${JSON.stringify(input.provider)} and providerPaymentId ${JSON.stringify(input.providerPaymentId)} was recorded`,
      },
    }
  }
  const payment = await loadPayment(service, paymentId)
  const currency = String(payment.currency_code).toUpperCase()
  const amount = checkAmount(input.amount, currency)
  if ("error" in amount) {
    return invalid(`amount: ${amount.error}`)
  }

  if (input.refundId) {
    const existing = await findRefund(service, input.provider, input.refundId)
    if (existing) {
      return repeated(existing, payment, amount.major)
    }
  }

  const { remaining, exponent } = refundable(payment, currency)
  const requested = amount.minor * 10n ** BigInt(exponent - currencyExponent(currency))
  if (requested > remaining) {
    const left = minorToMajorString(remaining, currency, exponent)
    return invalid(`amount: ${amount.major} ${currency} is more than the ${left} ${currency} left to refund on this payment`)
  }

  const refundId = input.refundId ?? `api_${randomUUID()}`
  let result: Awaited<ReturnType<typeof service.recordRefund>>
  try {
    result = await service.recordRefund({
      payment_id: paymentId,
      provider: input.provider,
      provider_refund_id: refundId,
      amount: amount.major,
      currency_code: currency,
      occurred_at: new Date(),
      // Checked again under the payment's row lock: two refunds at once cannot both pass.
      refuse_over_refund: true,
    })
  } catch (e) {
    if (MedusaError.isMedusaError(e) && (e as MedusaError).type === MedusaError.Types.INVALID_DATA) {
      return invalid((e as Error).message)
    }
    throw e
  }
  if (!result.created || !result.refund_id) {
    // The same refundId arrived concurrently and the other request stored it first.
    const existing = await findRefund(service, input.provider, refundId)
    return repeated(existing!, await loadPayment(service, paymentId), amount.major)
  }
  const refund = (await service.retrieveAttributionRefund(result.refund_id)) as unknown as Row
  return {
    status: 201,
    body: { refund: serializeRefund(refund), payment: serializePayment(await loadPayment(service, paymentId)) },
  }
}

/** A refundId seen before: the same refund again is 200; the id reused for another is 409. */
function repeated(existing: Row, payment: Row, major: string): ApiAnswer {
  const stored = serializeRefund(existing)
  if (existing.payment_id !== payment.id) {
    return {
      status: 409,
      body: { type: "conflict", message: `refundId ${JSON.stringify(stored.refund_id)} was already used for a refund of another payment` },
    }
  }
  if (stored.amount !== Number(major)) {
    return {
      status: 409,
      body: {
        type: "conflict",
        message: `refundId ${JSON.stringify(stored.refund_id)} was already recorded with amount ${stored.amount} ${stored.currency}, not ${major}`,
      },
    }
  }
  return { status: 200, body: { refund: stored, payment: serializePayment(payment) } }
}
