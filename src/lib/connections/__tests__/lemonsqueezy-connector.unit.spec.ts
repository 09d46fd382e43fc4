/**
 * The LemonSqueezy connector through the real SDK against a local server that answers the
 * LemonSqueezy API with its documented shapes (integration-tests/provider-api).
 */
import { getAuthenticatedUser } from "@lemonsqueezy/lemonsqueezy.js"
import {
  lemonSqueezyOrder,
  lemonSqueezySubscriptionInvoice,
  routeLemonSqueezyTo,
  startLemonSqueezyApi,
  type LemonSqueezyApi,
  type LemonSqueezyApiData,
  type OrderInput,
} from "../../../../integration-tests/provider-api/lemonsqueezy-server"
import orderWebhook from "../../../../integration-tests/fixtures/lemonsqueezy/order_created.docs-example.json"
import { parseLemonSqueezyEvent } from "../../../core/providers/lemonsqueezy"
import type { PaymentFact, RefundFact } from "../../../core/providers/types"
import { majorToMinor } from "../../../core/money"
import { createLemonSqueezyConnector, LEMONSQUEEZY_WEBHOOK_EVENTS } from "../lemonsqueezy-connector"
import { ConnectionError, type BackfillCursor, type BackfillItem, type BackfillPage, type ConnectionCredentials } from "../types"

const LIVE_KEY = "ls_live_key_eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.live"
const TEST_KEY = "ls_test_key_eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test"
const OTHER_KEY = "ls_other_key_eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.other"
const WEBHOOK_URL = "https://shop.example.com/attribution/webhooks/lemonsqueezy"

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.now()
const SINCE = new Date(NOW - 30 * DAY)
/** LemonSqueezy's timestamps carry microseconds. */
const lsTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z")

// Store 11: 205 orders inside the 30-day window (newest first, one every 3 hours, ids 1204 down
// to 1000), 30 older ones, and a few in store 22 that a store-11 backfill must not see.
const IN_RANGE = 205
const orderId = (i: number) => String(1000 + (IN_RANGE - 1 - i))
const SPECIAL: Record<number, Partial<OrderInput>> = {
  0: { currency: "JPY", total: 1500 },
  1: { currency: "KWD", total: 1234 },
  2: { total: 1999, refundedAmount: 500 }, // partial refund: the status stays "paid"
  3: { total: 1999, refundedAmount: 1999 }, // fully refunded: status "refunded"
  4: { status: "pending" },
  5: { total: 4900 }, // the first payment of subscription 77
  150: { total: 1000, refundedAmount: 250, status: "partial_refund" },
}
const inRangeOrders = Array.from({ length: IN_RANGE }, (_, i) =>
  lemonSqueezyOrder({ id: orderId(i), storeId: "11", total: 1000 + i, createdAt: lsTime(NOW - i * 3 * HOUR), ...SPECIAL[i] })
)
const olderOrders = Array.from({ length: 30 }, (_, i) =>
  lemonSqueezyOrder({ id: String(900 - i), storeId: "11", total: 777, createdAt: lsTime(SINCE.getTime() - (i + 1) * HOUR) })
)
const otherStoreOrders = [1, 2, 3].map((i) => lemonSqueezyOrder({ id: String(5000 + i), storeId: "22", total: 3333, createdAt: lsTime(NOW - i * HOUR) }))
const invoices = [
  { id: "7001", billingReason: "initial" as const, total: 4900, createdAt: lsTime(NOW - 5 * 3 * HOUR) },
  { id: "7002", billingReason: "renewal" as const, total: 4900, createdAt: lsTime(NOW - 2 * DAY) },
  { id: "7003", billingReason: "renewal" as const, total: 4900, createdAt: lsTime(NOW - DAY), refundedAmount: 4900 },
  { id: "7004", billingReason: "renewal" as const, total: 4900, createdAt: lsTime(NOW - 3 * DAY), status: "void" },
  { id: "6000", billingReason: "renewal" as const, total: 4900, createdAt: lsTime(SINCE.getTime() - DAY) },
].map((i) => lemonSqueezySubscriptionInvoice({ storeId: "11", subscriptionId: "77", ...i }))

const DATA: LemonSqueezyApiData = {
  keys: {
    [LIVE_KEY]: { testMode: false, storeIds: ["11", "22"] },
    [TEST_KEY]: { testMode: true, storeIds: ["11"] },
    [OTHER_KEY]: { testMode: false, storeIds: ["33"] },
  },
  stores: { "11": { name: "Lemon Store" }, "22": { name: "Second Store" }, "33": { name: "Other Store" } },
  orders: [...inRangeOrders, ...olderOrders, ...otherStoreOrders],
  subscriptionInvoices: invoices,
  orderSubscriptions: { [orderId(5)]: ["77"] },
}

let api: LemonSqueezyApi
let restoreFetch: () => void

beforeAll(async () => {
  api = await startLemonSqueezyApi(DATA)
  restoreFetch = routeLemonSqueezyTo(api.url)
})

afterAll(async () => {
  restoreFetch()
  await api.close()
})

beforeEach(() => {
  api.calls.length = 0
})

const connector = createLemonSqueezyConnector()
const connectInput = (over: Partial<Parameters<typeof connector.connect>[0]> = {}) => ({
  apiKey: LIVE_KEY,
  storeId: "11",
  webhookUrl: WEBHOOK_URL,
  register: true,
  ...over,
})

/** The ConnectionError a promise rejects with, checked to never contain any key. */
async function failure(promise: Promise<unknown>): Promise<ConnectionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ConnectionError)
  const message = (error as ConnectionError).message
  for (const key of [LIVE_KEY, TEST_KEY, OTHER_KEY, "ls_wrong_key"]) expect(message).not.toContain(key)
  return error as ConnectionError
}

describe("connect", () => {
  it("checks the key and the store, and registers a webhook with the plugin's events and a generated secret", async () => {
    const result = await connector.connect(connectInput())

    expect(result.accountName).toBe("Lemon Store")
    expect(result.isTest).toBe(false)
    const hook = api.webhooks.find((h) => h.id === result.webhookEndpointId)!
    expect(hook).toMatchObject({ storeId: "11", url: WEBHOOK_URL, testMode: false, apiKey: LIVE_KEY, deleted: false })
    expect(hook.events).toEqual([...LEMONSQUEEZY_WEBHOOK_EVENTS])
    expect(result.webhookSecret).toBe(hook.secret)
    expect(hook.secret).toMatch(/^[0-9a-f]{40}$/) // LemonSqueezy accepts 6 to 40 characters
    expect(api.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      "GET /v1/users/me 200",
      "GET /v1/stores/11 200",
      "POST /v1/webhooks 201",
    ])
    expect(api.calls.every((c) => c.apiKey === LIVE_KEY)).toBe(true)
  })

  it("generates a new secret for every registration", async () => {
    const a = await connector.connect(connectInput())
    const b = await connector.connect(connectInput())
    expect(a.webhookSecret).not.toBe(b.webhookSecret)
  })

  it("reports a test-mode key and registers the webhook in test mode", async () => {
    const result = await connector.connect(connectInput({ apiKey: TEST_KEY }))
    expect(result.isTest).toBe(true)
    expect(api.webhooks.find((h) => h.id === result.webhookEndpointId)).toMatchObject({ testMode: true, apiKey: TEST_KEY })
  })

  it("registers nothing when not asked to", async () => {
    const before = api.webhooks.length
    const result = await connector.connect(connectInput({ register: false }))
    expect(result).toEqual({ accountName: "Lemon Store", isTest: false, webhookEndpointId: null, webhookSecret: null })
    expect(api.webhooks.length).toBe(before)
    expect(api.calls.some((c) => c.method === "POST")).toBe(false)
  })

  it("answers 400 for a key LemonSqueezy rejects, without the key in the message", async () => {
    const error = await failure(connector.connect(connectInput({ apiKey: "ls_wrong_key" })))
    expect(error.status).toBe(400)
    expect(error.message).toContain("LemonSqueezy rejected the API key")
    expect(api.calls.map((c) => c.status)).toEqual([401])
  })

  it("answers 400 naming a store the key cannot see", async () => {
    const error = await failure(connector.connect(connectInput({ storeId: "999" })))
    expect(error.status).toBe(400)
    expect(error.message).toContain("no store 999 for this API key")
    const other = await failure(connector.connect(connectInput({ storeId: "33" })))
    expect(other.message).toContain("no store 33")
    expect(api.calls.some((c) => c.method === "POST")).toBe(false)
  })

  it.each([[null], [""], ["  "], ["abc"], ["12; drop"], ["-1"]])("answers 400 before any call for store id %j", async (storeId) => {
    const error = await failure(connector.connect(connectInput({ storeId })))
    expect(error.status).toBe(400)
    expect(error.message).toMatch(/store id/)
    expect(api.calls).toHaveLength(0)
  })

  it("answers 400 with LemonSqueezy's reason when it refuses the webhook", async () => {
    const error = await failure(connector.connect(connectInput({ webhookUrl: "not a url" })))
    expect(error.status).toBe(400)
    expect(error.message).toBe("LemonSqueezy refused to create a webhook for store 11 (422): The url must be a valid URL.")
  })

  it("answers 502 when the API cannot be reached", async () => {
    const dead = await startLemonSqueezyApi(DATA)
    await dead.close()
    const restore = routeLemonSqueezyTo(dead.url)
    try {
      const error = await failure(connector.connect(connectInput()))
      expect(error.status).toBe(502)
      expect(error.message).toMatch(/^Could not reach the LemonSqueezy API while trying to check the API key: fetch failed/)
    } finally {
      restore()
    }
  })

  it("answers 502 when the API does not answer in time, and frees the queue for the next call", async () => {
    const slow = await startLemonSqueezyApi(DATA, { delayMs: 400 })
    const restore = routeLemonSqueezyTo(slow.url)
    try {
      const error = await failure(createLemonSqueezyConnector({ timeoutMs: 50 }).connect(connectInput()))
      expect(error.status).toBe(502)
      expect(error.message).toContain("no answer within 0.05s")
    } finally {
      restore()
    }
    expect((await connector.connect(connectInput({ register: false }))).accountName).toBe("Lemon Store")
    await slow.close()
  })

  it("never lets two concurrent connections use each other's key", async () => {
    const runs = Array.from({ length: 6 }, (_, i) =>
      i % 2 ? connector.connect(connectInput({ apiKey: OTHER_KEY, storeId: "33" })) : connector.connect(connectInput())
    )
    const results = await Promise.all(runs)

    expect(results.map((r) => r.accountName)).toEqual(["Lemon Store", "Other Store", "Lemon Store", "Other Store", "Lemon Store", "Other Store"])
    for (const call of api.calls) {
      expect(call.status).toBeLessThan(300)
      if (call.path === "/v1/stores/33") expect(call.apiKey).toBe(OTHER_KEY)
      if (call.path === "/v1/stores/11") expect(call.apiKey).toBe(LIVE_KEY)
    }
    for (const result of results) {
      const hook = api.webhooks.find((h) => h.id === result.webhookEndpointId)!
      expect(hook.apiKey).toBe(hook.storeId === "33" ? OTHER_KEY : LIVE_KEY)
    }
    // The key is not left in the SDK's global config once a call is over.
    const leftover = await getAuthenticatedUser()
    expect(leftover.error?.message).toMatch(/Please provide your Lemon Squeezy API key/)
  })
})

describe("disconnect", () => {
  const credentials = (webhookEndpointId: string | null): ConnectionCredentials => ({ apiKey: LIVE_KEY, storeId: "11", webhookEndpointId })

  it("deletes the registered webhook (despite the SDK reading the API's empty 204 as an error)", async () => {
    const { webhookEndpointId } = await connector.connect(connectInput())
    api.calls.length = 0
    await connector.disconnect(credentials(webhookEndpointId))
    expect(api.webhooks.find((h) => h.id === webhookEndpointId)!.deleted).toBe(true)
    expect(api.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      `DELETE /v1/webhooks/${webhookEndpointId} 204`,
      `GET /v1/webhooks/${webhookEndpointId} 404`,
    ])
  })

  it("accepts a webhook that is already gone, and does nothing without one", async () => {
    await connector.disconnect(credentials("424242"))
    await connector.disconnect(credentials(null))
    expect(api.calls.map((c) => c.status)).toEqual([404])
  })

  it("answers 400 when the key has been revoked", async () => {
    const error = await failure(connector.disconnect({ apiKey: "ls_wrong_key", storeId: "11", webhookEndpointId: "1" }))
    expect(error.status).toBe(400)
  })
})

describe("backfillPage", () => {
  const credentials: ConnectionCredentials = { apiKey: LIVE_KEY, storeId: "11", webhookEndpointId: null }

  async function backfillAll(): Promise<{ pages: BackfillPage[]; cursors: (BackfillCursor | null)[] }> {
    const pages: BackfillPage[] = []
    const cursors: (BackfillCursor | null)[] = []
    let cursor: BackfillCursor | null = null
    do {
      const page: BackfillPage = await connector.backfillPage(credentials, SINCE, cursor)
      pages.push(page)
      cursors.push(page.next)
      cursor = page.next
    } while (cursor && pages.length < 20)
    return { pages, cursors }
  }
  const itemsOf = (pages: BackfillPage[]) => pages.flatMap((p) => p.items)
  const payments = (items: BackfillItem[]) => items.filter((i) => i.fact.kind === "payment").map((i) => i.fact as PaymentFact)
  const byKey = (items: BackfillItem[], key: string) => payments(items).find((p) => p.providerPaymentId === key)!
  const refundItem = (items: BackfillItem[], key: string) => items.find((i) => i.fact.kind === "refund" && (i.fact as RefundFact).paymentIds[0] === key)

  it("pages through orders then subscription invoices, stopping each phase at `since`", async () => {
    const { pages, cursors } = await backfillAll()

    expect(cursors).toEqual([
      { phase: "orders", after: "1" },
      { phase: "orders", after: "2" },
      { phase: "subscription-invoices", after: null },
      null,
    ])
    expect(pages.map((p) => p.label)).toEqual(["orders", "orders", "orders", "subscription invoices"])
    // Page 3 reaches orders older than `since`: no page 4 is asked for, nor any invoice page 2.
    expect(api.calls.map((c) => `${c.path} ${c.query["page[number]"]}`)).toEqual([
      "/v1/orders 1",
      "/v1/orders 2",
      "/v1/orders 3",
      "/v1/subscription-invoices 1",
    ])
    for (const call of api.calls) {
      expect(call).toMatchObject({ apiKey: LIVE_KEY, status: 200 })
      expect(call.query).toMatchObject({ "filter[store_id]": "11", "page[size]": "100" })
    }
    expect(api.calls[0]!.query.include).toBe("subscriptions")

    const items = itemsOf(pages)
    for (const item of items) {
      if (item.fact.kind !== "ignored") expect(item.fact.occurredAt.getTime()).toBeGreaterThanOrEqual(SINCE.getTime())
    }
    const orderPayments = payments(items).filter((p) => p.providerPaymentId.startsWith("order:"))
    expect(orderPayments).toHaveLength(IN_RANGE - 1) // all but the pending one
    expect(orderPayments.some((p) => Number(p.providerPaymentId.slice(6)) < 1000)).toBe(false) // none older, none of store 22
  })

  it("converts amounts exactly, per currency", async () => {
    const items = itemsOf((await backfillAll()).pages)
    expect(byKey(items, `order:${orderId(0)}`)).toMatchObject({ amount: "1500", currency: "JPY" })
    expect(byKey(items, `order:${orderId(1)}`)).toMatchObject({ amount: "1.234", currency: "KWD" })
    expect(byKey(items, `order:${orderId(7)}`)).toMatchObject({ amount: "10.07", currency: "USD" })

    const usd = payments(items).filter((p) => p.currency === "USD")
    const total = usd.reduce((sum, p) => sum + majorToMinor(p.amount, "USD"), 0n)
    const expected = inRangeOrders
      .map((o) => o.attributes)
      .filter((a) => a.currency === "USD" && a.status !== "pending")
      .reduce((sum, a) => sum + BigInt(a.total as number), 0n)
    expect(total).toBe(expected + 4900n * 2n) // plus the two paid renewals
  })

  it("gives a backfilled payment the key and amount its webhook gives, with the email but no custom data", async () => {
    const items = itemsOf((await backfillAll()).pages)
    const webhook = JSON.parse(JSON.stringify(orderWebhook))
    webhook.data.id = orderId(7)
    Object.assign(webhook.data.attributes, { total: 1007, currency: "USD", created_at: inRangeOrders[7]!.attributes.created_at })
    const fromWebhook = parseLemonSqueezyEvent(webhook) as PaymentFact
    const fromBackfill = byKey(items, `order:${orderId(7)}`)

    expect(fromBackfill.providerPaymentId).toBe(fromWebhook.providerPaymentId)
    expect(fromBackfill).toMatchObject({ amount: fromWebhook.amount, currency: "USD", email: "johndoe@example.com", occurredAt: fromWebhook.occurredAt })
    expect(fromBackfill).toMatchObject({ visitorId: null, sessionId: null, metadata: {}, isTest: false, isRenewal: false })
  })

  it("records refunds as cumulative totals, with the refunded payment as fallback", async () => {
    const items = itemsOf((await backfillAll()).pages)

    const partial = refundItem(items, `order:${orderId(2)}`)!
    expect(partial).toMatchObject({ event_id: `backfill:order:${orderId(2)}:refunded:5.00`, event_type: "order_refunded" })
    expect(partial.fact).toMatchObject({ kind: "refund", cumulativeRefunded: "5.00", currency: "USD" })
    expect(partial.paymentFallback).toMatchObject({ providerPaymentId: `order:${orderId(2)}`, amount: "19.99" })
    expect(byKey(items, `order:${orderId(2)}`).amount).toBe("19.99")

    // Fully refunded ("refunded") and partly refunded ("partial_refund") orders were paid first.
    expect(byKey(items, `order:${orderId(3)}`).amount).toBe("19.99")
    expect(refundItem(items, `order:${orderId(3)}`)!.fact).toMatchObject({ cumulativeRefunded: "19.99" })
    expect(byKey(items, `order:${orderId(150)}`).amount).toBe("10.00")
    expect(refundItem(items, `order:${orderId(150)}`)!.fact).toMatchObject({ cumulativeRefunded: "2.50" })

    const renewalRefund = refundItem(items, "subscription-invoice:7003")!
    expect(renewalRefund).toMatchObject({ event_type: "subscription_payment_refunded", fact: { cumulativeRefunded: "49.00" } })
    expect(renewalRefund.paymentFallback).toMatchObject({ providerPaymentId: "subscription-invoice:7003", subscriptionId: "77" })

    expect(items.filter((i) => i.fact.kind === "refund")).toHaveLength(4)
  })

  it("links a subscription's order and renewals by subscription id, and leaves out the initial invoice", async () => {
    const items = itemsOf((await backfillAll()).pages)
    expect(byKey(items, `order:${orderId(5)}`)).toMatchObject({ subscriptionId: "77", isRenewal: false, amount: "49.00" })
    expect(byKey(items, `order:${orderId(6)}`).subscriptionId).toBeNull()
    expect(byKey(items, "subscription-invoice:7002")).toMatchObject({ subscriptionId: "77", isRenewal: true, amount: "49.00" })
    expect(items.some((i) => i.event_id.includes("subscription-invoice:7001"))).toBe(false)
    expect(items.some((i) => i.event_id.includes("subscription-invoice:6000"))).toBe(false) // before `since`
  })

  it("passes objects that are not payments as ignored facts, their status in the event id", async () => {
    const items = itemsOf((await backfillAll()).pages)
    const ignored = items.filter((i) => i.fact.kind === "ignored")
    expect(ignored.map((i) => i.event_id).sort()).toEqual([`backfill:order:${orderId(4)}:status:pending`, "backfill:subscription-invoice:7004:status:void"])
  })

  it("gives every object the same event id on every run, and each one once", async () => {
    const first = itemsOf((await backfillAll()).pages).map((i) => i.event_id)
    const second = itemsOf((await backfillAll()).pages).map((i) => i.event_id)
    expect(second).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
    expect(first).toContain(`backfill:order:${orderId(8)}`)
    expect(first).toContain("backfill:subscription-invoice:7002")
  })

  it("resumes from a saved cursor", async () => {
    const { pages } = await backfillAll()
    api.calls.length = 0
    const resumed = await connector.backfillPage(credentials, SINCE, { phase: "orders", after: "1" })
    expect(resumed.items.map((i) => i.event_id)).toEqual(pages[1]!.items.map((i) => i.event_id))
    expect(resumed.next).toEqual({ phase: "orders", after: "2" })
    expect(api.calls.map((c) => c.query["page[number]"])).toEqual(["2"])

    const invoicesPage = await connector.backfillPage(credentials, SINCE, { phase: "subscription-invoices", after: null })
    expect(invoicesPage.items.map((i) => i.event_id)).toEqual(pages[3]!.items.map((i) => i.event_id))
  })

  it("ends a phase at its last page when nothing is older than `since`", async () => {
    const page = await connector.backfillPage(credentials, new Date(NOW - 400 * DAY), { phase: "subscription-invoices", after: null })
    expect(page.next).toBeNull()
    expect(payments(page.items).map((p) => p.providerPaymentId)).toContain("subscription-invoice:6000")
  })

  it("imports only the key's mode: a test key sees no live orders", async () => {
    const page = await connector.backfillPage({ ...credentials, apiKey: TEST_KEY }, SINCE, null)
    expect(page.items).toEqual([])
    expect(page.next).toEqual({ phase: "subscription-invoices", after: null })
  })

  it("fails with a ConnectionError when the key is rejected, and on a broken cursor", async () => {
    const error = await failure(connector.backfillPage({ ...credentials, apiKey: "ls_wrong_key" }, SINCE, null))
    expect(error.status).toBe(400)
    await expect(connector.backfillPage(credentials, SINCE, { phase: "charges", after: null })).rejects.toThrow(/Unknown LemonSqueezy backfill phase "charges"/)
    await expect(connector.backfillPage(credentials, SINCE, { phase: "orders", after: "x" })).rejects.toThrow(/Invalid LemonSqueezy backfill cursor page "x"/)
    await expect(connector.backfillPage({ ...credentials, storeId: null }, SINCE, null)).rejects.toThrow(/no store id/)
  })
})
