import { currencyExponent, majorToMinor } from "../../core/money"

/** A stored payment as the payment API answers it: no customer email, no email hash. */
export type ApiPayment = {
  id: string
  provider: string
  provider_payment_id: string
  order_id: string | null
  amount: number
  refunded_amount: number
  currency: string
  status: string
  visitor_id: string | null
  session_id: string | null
  link_method: string
  occurred_at: string
  is_test: boolean
}

export type ApiRefund = {
  id: string
  payment_id: string
  amount: number
  currency: string
  refund_id: string
}

type Row = Record<string, unknown>

/**
 * The exact decimal string of a bigNumber column: its raw twin (`raw_amount.value`) when
 * present, else the column itself.
 */
export function exactDecimal(row: Row, field: string): string {
  const raw = row[`raw_${field}`] as { value?: unknown } | null | undefined
  const value = raw && typeof raw === "object" && raw.value !== undefined && raw.value !== null ? raw.value : row[field]
  return value === null || value === undefined ? "0" : String(value)
}

/**
 * What is left to refund of a stored payment, exactly, as integer units at `exponent` decimals:
 * the currency's exponent, or more when a provider stored finer amounts (Stripe's ISK).
 */
export function refundable(payment: Row, currency: string): { remaining: bigint; exponent: number } {
  const amount = exactDecimal(payment, "amount")
  const refunded = exactDecimal(payment, "refunded_amount")
  const exponent = Math.max(currencyExponent(currency), decimalsOf(amount), decimalsOf(refunded))
  const remaining = majorToMinor(amount, currency, exponent) - majorToMinor(refunded, currency, exponent)
  return { remaining: remaining < 0n ? 0n : remaining, exponent }
}

function decimalsOf(decimal: string): number {
  const fraction = decimal.split(".")[1] ?? ""
  return fraction.replace(/0+$/, "").length
}

/** Major units as a JSON number: the decimal's nearest double, printed as the same digits. */
function toNumber(decimal: string): number {
  return Number(decimal)
}

function iso(value: unknown): string {
  return new Date(value as string | Date).toISOString()
}

export function serializePayment(p: Row): ApiPayment {
  return {
    id: p.id as string,
    provider: p.provider as string,
    provider_payment_id: p.provider_payment_id as string,
    order_id: (p.order_id as string | null) ?? null,
    amount: toNumber(exactDecimal(p, "amount")),
    refunded_amount: toNumber(exactDecimal(p, "refunded_amount")),
    currency: String(p.currency_code).toUpperCase(),
    status: p.status as string,
    visitor_id: (p.visitor_id as string | null) ?? null,
    session_id: (p.session_id as string | null) ?? null,
    link_method: p.link_method as string,
    occurred_at: iso(p.occurred_at),
    is_test: Boolean(p.is_test),
  }
}

export function serializeRefund(r: Row): ApiRefund {
  return {
    id: r.id as string,
    payment_id: r.payment_id as string,
    amount: toNumber(exactDecimal(r, "amount")),
    currency: String(r.currency_code).toUpperCase(),
    refund_id: r.provider_refund_id as string,
  }
}
