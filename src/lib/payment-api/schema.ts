import { z } from "@medusajs/framework/zod"
import { STORABLE, STORABLE_MESSAGE } from "../../core/text"
import { idsFromMetadata } from "../../core/identity"
import { MoneyError, currencyExponent, isKnownCurrency, majorToMinor, minorToMajorString } from "../../core/money"

/** Bounds of the payment API's bodies (README "The payment API"). */
export const LIMITS = {
  provider: 64,
  reference: 255,
  clientId: 64,
  email: 254,
  metadataKeys: 50,
  metadataKey: 100,
  metadataValue: 500,
  /**
   * Largest amount in minor units: 15 digits, so the amount shown as a JSON number in major
   * units is exact (99,999,999,999.99 USD, 999 trillion JPY).
   */
  maxMinor: 999_999_999_999_999n,
} as const

/** One problem with one field; `field` is a dotted path (`metadata.plan`) or `body`. */
export type FieldIssue = { field: string; message: string }

type Failure = { ok: false; issues: FieldIssue[] }

/** "is required" when the field is missing, `otherwise` when it has the wrong type. */
const typeError = (otherwise: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : otherwise),
})

const provider = z
  .string(typeError("must be a string like stripe"))
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,64}$/, `must be 1 to ${LIMITS.provider} characters from a-z, 0-9, _ and - (like stripe)`)

const reference = z
  .string(typeError("must be a string"))
  .max(LIMITS.reference, `must be at most ${LIMITS.reference} characters`)
  .regex(STORABLE, STORABLE_MESSAGE)
  .refine((s) => s.trim() !== "", "must not be empty")

/** Shape only: its value is checked against the currency by `checkAmount`. */
const amount = z.union([z.number(), z.string().regex(STORABLE, STORABLE_MESSAGE)], typeError('must be a number or a decimal string in major units, like 99.99 or "99.99"'))

const currency = z
  .string(typeError("must be a three-letter ISO 4217 code like USD"))
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    if (!/^[A-Z]{3}$/.test(code)) {
      ctx.addIssue({ code: "custom", message: "must be a three-letter ISO 4217 code like USD" })
    } else if (!isKnownCurrency(code)) {
      ctx.addIssue({ code: "custom", message: `${code} is not an ISO 4217 currency code` })
    }
  })

const clientId = z
  .string(typeError("must be a string"))
  .regex(/^[A-Za-z0-9_-]{1,64}$/, `must be 1 to ${LIMITS.clientId} characters from A-Z, a-z, 0-9, _ and -`)

const email = z
  .string(typeError("must be an email address"))
  .trim()
  .pipe(z.email("must be an email address").max(LIMITS.email, `must be at most ${LIMITS.email} characters`))

const occurredAt = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 date-time with a time zone, like 2026-11-22T10:00:00Z",
})

const metadataValue = z.union(
  [z.string().regex(STORABLE, STORABLE_MESSAGE).max(LIMITS.metadataValue), z.number().finite(), z.boolean()],
  typeError(`must be a string of at most ${LIMITS.metadataValue} characters, a number or a boolean`)
)

const metadata = z
  .record(
    z.string().regex(STORABLE, STORABLE_MESSAGE).min(1, "keys must not be empty").max(LIMITS.metadataKey, `keys must be at most ${LIMITS.metadataKey} characters`),
    metadataValue,
    typeError("must be a flat object of string, number or boolean values")
  )
  .refine((m) => Object.keys(m).length <= LIMITS.metadataKeys, `must have at most ${LIMITS.metadataKeys} keys`)

/** `POST /attribution/v1/payments` (CONTRACT.md "Payment API body"). Unknown fields are refused. */
export const PaymentBody = z.strictObject({
  provider,
  providerPaymentId: reference,
  amount,
  currency,
  visitorId: clientId.nullish(),
  sessionId: clientId.nullish(),
  customerEmail: email.nullish(),
  occurredAt: occurredAt.nullish(),
  orderId: reference.nullish(),
  metadata: metadata.nullish(),
})

/** `POST /attribution/v1/refunds`. */
export const RefundBody = z.strictObject({
  provider,
  providerPaymentId: reference,
  amount,
  refundId: reference.nullish(),
})

const FIELD_ORDER = [...Object.keys(PaymentBody.shape), "refundId"]

/** Issues of a failed parse, one per field (the first), unknown fields named one by one. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const issues: FieldIssue[] = []
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys" && issue.path.length === 0) {
      for (const key of issue.keys) {
        issues.push({ field: key.slice(0, 64), message: "is not a field of this request" })
      }
    } else {
      issues.push({ field: issue.path.length ? issue.path.join(".") : "body", message: issue.message })
    }
  }
  return issues
}

/** "amount: ...; currency: ...": one problem per field, in the body's field order. */
export function describeFieldIssues(issues: FieldIssue[]): string {
  return sortIssues(issues)
    .slice(0, 10)
    .map((i) => `${i.field}: ${i.message}`)
    .join("; ")
}

export function sortIssues(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>()
  const rank = (field: string) => {
    const i = FIELD_ORDER.indexOf(field.split(".")[0]!)
    return i === -1 ? FIELD_ORDER.length : i
  }
  return issues
    .filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)))
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => rank(a.issue.field) - rank(b.issue.field) || a.index - b.index)
    .map(({ issue }) => issue)
}

export type CheckedAmount = { minor: bigint; major: string }

/**
 * Checks an amount in major units (a number or a decimal string) and, when the currency is
 * known, its precision: answers the exact amount or the problem. Never rounds.
 */
export function checkAmount(value: unknown, currencyCode: string | null): CheckedAmount | { error: string } {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { error: "must be a finite number" }
    if (value <= 0) return { error: "must be greater than 0" }
  } else if (typeof value === "string") {
    if (/^-\d/.test(value.trim())) return { error: "must be greater than 0" }
    if (!/^\d{1,30}(\.\d{1,30})?$/.test(value)) return { error: 'must be a decimal number in major units, like "99.99"' }
  } else {
    return { error: 'must be a number or a decimal string in major units, like 99.99 or "99.99"' }
  }
  if (currencyCode === null) {
    return { minor: 0n, major: "" }
  }
  let minor: bigint
  try {
    minor = majorToMinor(value, currencyCode)
  } catch (e) {
    if (e instanceof MoneyError && e.code === "TOO_MANY_DECIMALS") {
      const exp = currencyExponent(currencyCode)
      return {
        error:
          exp === 0
            ? `${currencyCode} has no decimals, got ${String(value)}`
            : `${currencyCode} allows at most ${exp} decimals, got ${String(value)}`,
      }
    }
    return { error: 'must be a decimal number in major units, like "99.99"' }
  }
  if (minor <= 0n) return { error: "must be greater than 0" }
  if (minor > LIMITS.maxMinor) return { error: `must be at most ${minorToMajorString(LIMITS.maxMinor, currencyCode)}` }
  return { minor, major: minorToMajorString(minor, currencyCode) }
}

export type PaymentRequest = {
  provider: string
  providerPaymentId: string
  amount: string
  currency: string
  visitorId: string | null
  sessionId: string | null
  customerEmail: string | null
  occurredAt: Date
  orderId: string | null
  metadata: Record<string, string | number | boolean> | null
}

/**
 * Validates a payment body. Every bad field is reported, amount and currency included even
 * when other fields fail. A time in the future is clamped to `now`. Visitor and session ids
 * missing from the body are taken from the metadata keys of CONTRACT.md.
 */
export function parsePaymentBody(body: unknown, now: Date = new Date()): { ok: true; value: PaymentRequest } | Failure {
  const parsed = PaymentBody.safeParse(body)
  const issues = parsed.success ? [] : fieldIssues(parsed.error)
  const raw = (body ?? {}) as Record<string, unknown>
  const code = typeof raw.currency === "string" && isKnownCurrency(raw.currency) ? raw.currency.trim().toUpperCase() : null
  const checked = raw.amount === undefined ? null : checkAmount(raw.amount, code)
  if (checked && "error" in checked) {
    issues.push({ field: "amount", message: checked.error })
  }
  if (!parsed.success || issues.length || !checked || "error" in checked) {
    return { ok: false, issues: sortIssues(issues) }
  }
  const data = parsed.data
  const fromMetadata = idsFromMetadata(data.metadata)
  const at = data.occurredAt ? new Date(data.occurredAt) : now
  return {
    ok: true,
    value: {
      provider: data.provider,
      providerPaymentId: data.providerPaymentId,
      amount: checked.major,
      currency: data.currency,
      visitorId: data.visitorId ?? fromMetadata.visitorId,
      sessionId: data.sessionId ?? fromMetadata.sessionId,
      customerEmail: data.customerEmail ?? null,
      occurredAt: at.getTime() > now.getTime() ? now : at,
      orderId: data.orderId ?? null,
      metadata: data.metadata ?? null,
    },
  }
}

export type RefundRequest = {
  provider: string
  providerPaymentId: string
  /** As sent: checked against the payment's currency once the payment is found. */
  amount: number | string
  refundId: string | null
}

/** Validates a refund body's shape and the amount's form (its precision needs the payment). */
export function parseRefundBody(body: unknown): { ok: true; value: RefundRequest } | Failure {
  const parsed = RefundBody.safeParse(body)
  const issues = parsed.success ? [] : fieldIssues(parsed.error)
  const raw = (body ?? {}) as Record<string, unknown>
  const checked = raw.amount === undefined ? null : checkAmount(raw.amount, null)
  if (checked && "error" in checked) {
    issues.push({ field: "amount", message: checked.error })
  }
  if (!parsed.success || issues.length) {
    return { ok: false, issues: sortIssues(issues) }
  }
  return {
    ok: true,
    value: {
      provider: parsed.data.provider,
      providerPaymentId: parsed.data.providerPaymentId,
      amount: parsed.data.amount,
      refundId: parsed.data.refundId ?? null,
    },
  }
}
