import { createHmac } from "crypto"
import transactionFixture from "../../../src/core/providers/__tests__/fixtures/paddle/transaction.completed.paddle-node-sdk-mock.json"
import adjustmentFixture from "../../../src/core/providers/__tests__/fixtures/paddle/adjustment.updated.paddle-node-sdk-mock.json"

/** The secret medusa-config.ts gives the test app. */
export const PADDLE_SECRET = "pdl_ntfset_http_test_secret"

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))
let seq = 0
/** A Paddle-shaped id: prefix and 26 lower-case base-36 characters. */
export const paddleId = (prefix: string) => `${prefix}_${`${Date.now().toString(36)}${(seq++).toString(36)}`.padEnd(26, "0")}`

type Transaction = {
  id: string
  grandTotal: string
  currency: string
  customData?: Record<string, string> | null
  subscriptionId?: string | null
  origin?: string
  eventType?: "transaction.completed" | "transaction.paid"
  /** When the payment was captured; now by default. */
  at?: Date
}

/** The SDK's transaction.completed notification (a real payload) for this transaction. */
export function paddleTransaction(t: Transaction) {
  const event: any = clone(transactionFixture)
  const at = (t.at ?? new Date()).toISOString()
  event.event_id = paddleId("evt")
  event.event_type = t.eventType ?? "transaction.completed"
  event.occurred_at = at
  Object.assign(event.data, {
    id: t.id,
    status: event.event_type === "transaction.paid" ? "paid" : "completed",
    currency_code: t.currency,
    custom_data: t.customData ?? null,
    subscription_id: t.subscriptionId ?? null,
    origin: t.origin ?? "web",
    billed_at: at,
    updated_at: at,
  })
  Object.assign(event.data.details.totals, { grand_total: t.grandTotal, total: t.grandTotal, currency_code: t.currency })
  event.data.payments = [{ ...event.data.payments[0], amount: t.grandTotal, created_at: at, captured_at: at }]
  return event
}

/** The SDK's adjustment.updated notification (an approved refund) for this adjustment. */
export function paddleAdjustment(a: { id: string; transactionId: string; total: string; currency: string; action?: string; status?: string; eventType?: string }) {
  const event: any = clone(adjustmentFixture)
  event.event_id = paddleId("evt")
  event.event_type = a.eventType ?? "adjustment.updated"
  event.occurred_at = new Date().toISOString()
  Object.assign(event.data, {
    id: a.id,
    transaction_id: a.transactionId,
    action: a.action ?? "refund",
    status: a.status ?? "approved",
    currency_code: a.currency,
    totals: { ...event.data.totals, total: a.total, currency_code: a.currency },
  })
  return event
}

/** A Paddle-Signature header: `ts=<unix seconds>;h1=<hex HMAC-SHA256 of "ts:body">`. */
export function paddleSignature(payload: string, secret = PADDLE_SECRET, ts = Math.floor(Date.now() / 1000)): string {
  return `ts=${ts};h1=${createHmac("sha256", secret).update(`${ts}:${payload}`).digest("hex")}`
}
