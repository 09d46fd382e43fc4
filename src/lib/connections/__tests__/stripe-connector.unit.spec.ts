import { createServer } from "http"
import type { AddressInfo } from "net"
import {
  startStripeApi,
  stripeObjects,
  STRIPE_TEST_KEYS,
  type StripeApi,
  type StripeApiData,
  type StripeApiOptions,
} from "../../../../integration-tests/provider-api/stripe-server"
import { parseStripeEvent } from "../../../core/providers/stripe"
import { createStripeConnector, STRIPE_API_VERSION, STRIPE_WEBHOOK_EVENTS } from "../stripe-connector"
import { ConnectionError, type BackfillCursor, type BackfillItem, type ProviderConnector } from "../types"

const WEBHOOK_URL = "https://shop.example/attribution/webhooks/stripe"
const NOW = Math.floor(Date.now() / 1000)
const DAY = 86_400
const SINCE = new Date((NOW - 30 * DAY) * 1000)
const VISITOR = "v_backfill_visitor_0001"

let api: StripeApi | null = null

afterEach(async () => {
  await api?.close()
  api = null
})

async function connectorFor(data: StripeApiData = {}, opts: StripeApiOptions = {}): Promise<ProviderConnector> {
  api = await startStripeApi(data, opts)
  return createStripeConnector({ apiBaseUrl: api.url, maxNetworkRetries: 0 })
}

const connectInput = (apiKey: string, register = true) => ({ apiKey, webhookUrl: WEBHOOK_URL, register })
const credentials = (apiKey: string, webhookEndpointId: string | null = null) => ({ apiKey, storeId: null, webhookEndpointId })

/** The ConnectionError a promise rejects with, checked to name nothing of the key. */
async function connectionError(promise: Promise<unknown>, key: string): Promise<ConnectionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(ConnectionError)
  const { message } = error as ConnectionError
  expect(message).not.toContain(key)
  // Stripe's own messages quote the key's last characters.
  expect(message).not.toContain(key.slice(-6))
  expect(message).not.toContain(key.slice(-4))
  return error as ConnectionError
}

describe("Stripe connector: connect", () => {
  it("checks the key, names the account and registers the endpoint with its signing secret", async () => {
    const connector = await connectorFor()
    const result = await connector.connect(connectInput(STRIPE_TEST_KEYS.full))

    expect(api!.endpoints).toHaveLength(1)
    const [endpoint] = api!.endpoints
    expect(result).toEqual({ accountName: "Example Shop", isTest: true, webhookEndpointId: endpoint.id, webhookSecret: endpoint.secret })
    expect(result.webhookSecret).toMatch(/^whsec_/)
    expect(endpoint).toMatchObject({
      url: WEBHOOK_URL,
      api_version: STRIPE_API_VERSION,
      metadata: { created_by: "medusa-revenue-attribution" },
      description: expect.stringContaining("medusa-revenue-attribution"),
    })
    expect(endpoint.enabled_events).toEqual([...STRIPE_WEBHOOK_EVENTS])
    expect(endpoint.enabled_events).toHaveLength(6)
    // Each one is an event the webhook route records, none is left for the parser to ignore.
    for (const type of STRIPE_WEBHOOK_EVENTS) {
      expect(parseStripeEvent({ type, data: { object: {} } })).not.toEqual({ kind: "ignored", reason: `unhandled event type ${type}` })
    }
    // Every read the backfill needs was tried, all with the pinned API version.
    expect(api!.calls.map((c) => `${c.method} ${c.path}`)).toEqual(
      expect.arrayContaining(["GET /v1/charges", "GET /v1/checkout/sessions", "GET /v1/invoices", "GET /v1/account", "POST /v1/webhook_endpoints"])
    )
    expect(new Set(api!.calls.map((c) => c.stripeVersion))).toEqual(new Set([STRIPE_API_VERSION]))
  })

  it("replaces its own stale endpoint for the same URL and leaves everyone else's", async () => {
    const existing = (id: string, url: string, metadata: Record<string, string>) => ({
      id,
      object: "webhook_endpoint",
      url,
      metadata,
      enabled_events: ["charge.succeeded"],
      created: NOW - DAY,
      status: "enabled",
    })
    const connector = await connectorFor({
      webhookEndpoints: [
        existing("we_stale_ours", WEBHOOK_URL, { created_by: "medusa-revenue-attribution" }),
        existing("we_by_hand", WEBHOOK_URL, {}),
        existing("we_ours_elsewhere", "https://staging.example/attribution/webhooks/stripe", { created_by: "medusa-revenue-attribution" }),
      ],
    })
    const result = await connector.connect(connectInput(STRIPE_TEST_KEYS.full))

    expect(api!.endpoints.map((e) => e.id).sort()).toEqual([result.webhookEndpointId, "we_by_hand", "we_ours_elsewhere"].sort())
  })

  it("connects a restricted key without registering: no account name, no endpoint", async () => {
    const connector = await connectorFor()
    const result = await connector.connect(connectInput(STRIPE_TEST_KEYS.restricted, false))

    expect(result).toEqual({ accountName: null, isTest: true, webhookEndpointId: null, webhookSecret: null })
    expect(api!.calls.filter((c) => c.path.startsWith("/v1/webhook_endpoints"))).toEqual([])
  })

  it("tells a live key from a test key", async () => {
    const live = "rk_live_51LiveReadOnlyKey0000000000000000000000000000000000000Lv8Tn1"
    const connector = await connectorFor({}, { keys: { [live]: ["charge_read", "checkout_session_read", "invoice_read"] } })
    expect((await connector.connect(connectInput(live, false))).isTest).toBe(false)
  })

  it("answers 400 for a key Stripe rejects, without repeating it", async () => {
    const connector = await connectorFor()
    const error = await connectionError(connector.connect(connectInput(STRIPE_TEST_KEYS.rejected)), STRIPE_TEST_KEYS.rejected)

    expect(error.status).toBe(400)
    expect(error.message).toMatch(/^Stripe rejected the API key/)
    expect(api!.endpoints).toEqual([])
  })

  it("answers 400 naming Webhook Endpoints: write when the key may not register the endpoint", async () => {
    const connector = await connectorFor()
    const error = await connectionError(connector.connect(connectInput(STRIPE_TEST_KEYS.restricted)), STRIPE_TEST_KEYS.restricted)

    expect(error.status).toBe(400)
    expect(error.message).toContain('"Webhook Endpoints: write"')
    expect(error.message).toContain("rak_webhook_write")
    expect(error.message).toContain("connect without registering the webhook")
    expect(api!.endpoints).toEqual([])
  })

  it("answers 400 naming a missing read permission before registering anything", async () => {
    const key = "rk_test_51NoCheckoutSessions000000000000000000000000000000000Nc2Hp6"
    const connector = await connectorFor({}, { keys: { [key]: ["charge_read", "invoice_read", "webhook_write"] } })
    const error = await connectionError(connector.connect(connectInput(key)), key)

    expect(error.status).toBe(400)
    expect(error.message).toContain('read checkout sessions: it lacks the "Checkout Sessions: read" permission (rak_checkout_session_read)')
    expect(api!.calls.some((c) => c.method === "POST")).toBe(false)
  })

  it.each([
    ["a publishable key", "pk_test_51Publishable000000000000000000", /publishable key/],
    ["a webhook secret", "whsec_abcdefghijklmnopqrstuvwxyz", /does not look like a Stripe restricted or secret key/],
    ["an empty key", "   ", /does not look like/],
  ])("answers 400 for %s without calling Stripe", async (_name, key, message) => {
    const connector = await connectorFor()
    const error = await connectionError(connector.connect(connectInput(key)), key.trim() || "\u0000")

    expect(error.status).toBe(400)
    expect(error.message).toMatch(message)
    expect(api!.calls).toEqual([])
  })

  it("accepts a pasted key with a trailing line break", async () => {
    const connector = await connectorFor()
    await expect(connector.connect(connectInput(`${STRIPE_TEST_KEYS.full}\n`, false))).resolves.toMatchObject({ isTest: true })
    expect(api!.calls[0]!.key).toBe(STRIPE_TEST_KEYS.full)
  })

  it("passes on Stripe's refusal of a webhook URL it cannot reach", async () => {
    const connector = await connectorFor()
    const error = await connectionError(
      connector.connect({ ...connectInput(STRIPE_TEST_KEYS.full), webhookUrl: "http://localhost:9000/attribution/webhooks/stripe" }),
      STRIPE_TEST_KEYS.full
    )

    expect(error.status).toBe(400)
    expect(error.message).toMatch(/^Stripe refused to register a webhook endpoint: Invalid URL: URL must be publicly accessible/)
    expect(error.message).toContain("Stripe CLI")
  })

  it("answers 400 for a webhook URL that is not absolute", async () => {
    const connector = await connectorFor()
    const error = await connectionError(
      connector.connect({ ...connectInput(STRIPE_TEST_KEYS.full), webhookUrl: "/attribution/webhooks/stripe" }),
      STRIPE_TEST_KEYS.full
    )
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining("webhook_url must be an absolute https URL") })
    expect(api!.endpoints).toEqual([])
  })

  it("answers 502 when Stripe cannot be reached", async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))

    const connector = createStripeConnector({ apiBaseUrl: `http://127.0.0.1:${port}`, maxNetworkRetries: 0 })
    const error = await connectionError(connector.connect(connectInput(STRIPE_TEST_KEYS.full)), STRIPE_TEST_KEYS.full)

    expect(error.status).toBe(502)
    expect(error.message).toMatch(/^Could not reach Stripe to read charges/)
  })
})

describe("Stripe connector: disconnect", () => {
  it("removes the registered endpoint, and a missing one is not an error", async () => {
    const connector = await connectorFor()
    const { webhookEndpointId } = await connector.connect(connectInput(STRIPE_TEST_KEYS.full))

    await connector.disconnect(credentials(STRIPE_TEST_KEYS.full, webhookEndpointId))
    expect(api!.endpoints).toEqual([])

    // Deleted in the dashboard meanwhile, or a retried disconnect: Stripe answers 404.
    await expect(connector.disconnect(credentials(STRIPE_TEST_KEYS.full, webhookEndpointId))).resolves.toBeUndefined()
    expect(api!.calls.filter((c) => c.method === "DELETE")).toHaveLength(2)
  })

  it("calls nothing when no endpoint was registered", async () => {
    const connector = await connectorFor()
    await connector.disconnect(credentials(STRIPE_TEST_KEYS.full))
    expect(api!.calls).toEqual([])
  })

  it("answers 400 when the key was revoked since", async () => {
    const connector = await connectorFor()
    const error = await connectionError(
      connector.disconnect(credentials(STRIPE_TEST_KEYS.rejected, "we_123")),
      STRIPE_TEST_KEYS.rejected
    )
    expect(error.status).toBe(400)
  })
})

// ---------------------------------------------------------------------------------------------
// Backfill

const at = (daysAgo: number, seconds = 0) => NOW - Math.round(daysAgo * DAY) - seconds
const REFUND_A_AT = at(3)
const REFUND_B_AT = at(2)

/** 237 charges in the window (three pages), sessions and invoices of both shapes, and some outside it. */
function backfillData(): StripeApiData {
  const { checkoutSession, charge, invoice } = stripeObjects
  const generated = Array.from({ length: 230 }, (_, i) =>
    charge({ id: `ch_gen_${String(i).padStart(3, "0")}`, paymentIntent: `pi_gen_${i}`, created: at(5, i * 60), amount: 100 + i, currency: "usd" })
  )
  const openInvoice = invoice({ id: "in_open", created: at(1), amount: 700, currency: "usd" })
  openInvoice.status = "open"
  return {
    checkoutSessions: [
      checkoutSession({
        id: "cs_paid",
        paymentIntent: "pi_paid",
        created: at(1),
        amount: 2500,
        currency: "usd",
        email: "Buyer@Example.com",
        metadata: { attribution_visitor_id: VISITOR },
      }),
      checkoutSession({ id: "cs_sub", mode: "subscription", invoice: "in_sub", subscription: "sub_1", created: at(2), amount: 990, currency: "eur" }),
      checkoutSession({ id: "cs_unpaid", paymentIntent: "pi_unpaid", paymentStatus: "unpaid", created: at(2), amount: 500, currency: "usd" }),
      checkoutSession({ id: "cs_free", mode: "setup", paymentStatus: "no_payment_required", created: at(3), amount: 0, currency: "usd" }),
      checkoutSession({ id: "cs_old", paymentIntent: "pi_old", created: at(60), amount: 500, currency: "usd" }),
    ],
    charges: [
      ...generated,
      charge({ id: "ch_paid", paymentIntent: "pi_paid", created: at(1), amount: 2500, currency: "usd" }),
      charge({ id: "ch_sub", paymentIntent: "pi_sub", invoice: "in_sub", created: at(2), amount: 990, currency: "eur" }),
      charge({ id: "ch_jpy", paymentIntent: "pi_jpy", created: at(4), amount: 1500, currency: "jpy" }),
      charge({ id: "ch_kwd", paymentIntent: "pi_kwd", created: at(4), amount: 12345, currency: "kwd" }),
      charge({
        id: "ch_refunded",
        paymentIntent: "pi_refunded",
        created: at(6),
        amount: 5000,
        currency: "usd",
        refunds: [
          { id: "re_a", amount: 1000, created: REFUND_A_AT },
          { id: "re_b", amount: 1500, created: REFUND_B_AT },
          { id: "re_pending", amount: 700, created: at(1), status: "pending" },
        ],
      }),
      charge({ id: "ch_failed", paymentIntent: "pi_failed", status: "failed", created: at(4), amount: 800, currency: "usd" }),
      charge({ id: "ch_uncaptured", paymentIntent: "pi_uncaptured", captured: false, created: at(4), amount: 800, currency: "usd" }),
      charge({ id: "ch_old", paymentIntent: "pi_old", created: at(40), amount: 500, currency: "usd", refunds: [{ id: "re_old", amount: 500, created: at(1) }] }),
    ],
    invoices: [
      invoice({ id: "in_sub", paymentIntent: "pi_sub", charge: "ch_sub", subscription: "sub_1", created: at(2), amount: 990, currency: "eur" }),
      invoice({
        id: "in_renewal",
        shape: "basil",
        subscription: "sub_1",
        billingReason: "subscription_cycle",
        subscriptionMetadata: { attribution_visitor_id: VISITOR },
        created: at(1),
        amount: 990,
        currency: "eur",
      }),
      openInvoice,
      invoice({ id: "in_old", paymentIntent: "pi_in_old", created: at(100), amount: 300, currency: "usd" }),
    ],
  }
}

type Run = { pages: { label: string; next: BackfillCursor | null; count: number }[]; items: BackfillItem[] }

async function runBackfill(connector: ProviderConnector, from: BackfillCursor | null = null, maxPages = 50): Promise<Run> {
  const run: Run = { pages: [], items: [] }
  let cursor = from
  do {
    const page = await connector.backfillPage(credentials(STRIPE_TEST_KEYS.restricted), SINCE, cursor)
    run.pages.push({ label: page.label, next: page.next, count: page.items.length })
    run.items.push(...page.items)
    cursor = page.next
  } while (cursor && run.pages.length < maxPages)
  return run
}

const byId = (items: BackfillItem[]) => new Map(items.map((item) => [item.event_id, item]))

describe("Stripe connector: backfill", () => {
  it("walks checkout sessions, charges and invoices page by page from `since`", async () => {
    const connector = await connectorFor(backfillData())
    const run = await runBackfill(connector)

    expect(run.pages.map((p) => [p.label, p.next])).toEqual([
      ["checkout sessions", { phase: "charges", after: null }],
      ["charges", { phase: "charges", after: expect.stringMatching(/^ch_/) }],
      ["charges", { phase: "charges", after: expect.stringMatching(/^ch_/) }],
      ["charges", { phase: "invoices", after: null }],
      ["invoices", null],
    ])
    const ids = run.items.map((i) => i.event_id)
    expect(new Set(ids).size).toBe(ids.length)
    // 3 sessions (the unpaid one waits), 235 succeeded captured charges + 1 refund, 2 paid invoices.
    expect(ids).toHaveLength(3 + 235 + 1 + 2)
    for (const skipped of ["cs_unpaid", "cs_old", "ch_failed", "ch_uncaptured", "ch_old", "in_open", "in_old"]) {
      expect(ids.filter((id) => id.startsWith(`backfill:${skipped}`))).toEqual([])
    }

    const lists = api!.calls.filter((c) => c.method === "GET")
    expect(lists.map((c) => c.params.created)).toEqual(lists.map(() => ({ gte: String(SINCE.getTime() / 1000) })))
    expect(lists.map((c) => c.params.limit)).toEqual(lists.map(() => "100"))
    expect(lists.filter((c) => c.path === "/v1/checkout/sessions").map((c) => c.params.status)).toEqual(["complete"])
    expect(lists.filter((c) => c.path === "/v1/charges").map((c) => c.params.expand)).toEqual([["data.refunds"], ["data.refunds"], ["data.refunds"]])
    expect(lists.filter((c) => c.path === "/v1/invoices").map((c) => c.params.status)).toEqual(["paid"])
    expect(new Set(api!.calls.map((c) => c.stripeVersion))).toEqual(new Set([STRIPE_API_VERSION]))
  })

  it("turns each object into the fact its webhook would give, amounts exact", async () => {
    const connector = await connectorFor(backfillData())
    const items = byId((await runBackfill(connector)).items)

    expect(items.get("backfill:cs_paid")).toMatchObject({
      event_type: "checkout.session.completed",
      fact: {
        kind: "payment",
        providerPaymentId: "pi_paid",
        references: ["cs_paid"],
        amount: "25.00",
        currency: "USD",
        email: "Buyer@Example.com",
        visitorId: VISITOR,
        isTest: true,
        occurredAt: new Date(at(1) * 1000),
      },
    })
    expect(items.get("backfill:cs_sub")?.fact).toMatchObject({ providerPaymentId: "in_sub", subscriptionId: "sub_1", amount: "9.90", currency: "EUR" })
    expect(items.get("backfill:cs_free")?.fact).toEqual({ kind: "ignored", reason: expect.stringContaining("setup mode") })

    expect(items.get("backfill:ch_jpy")).toMatchObject({ event_type: "charge.succeeded", fact: { providerPaymentId: "pi_jpy", amount: "1500", currency: "JPY" } })
    expect(items.get("backfill:ch_kwd")?.fact).toMatchObject({ amount: "12.345", currency: "KWD" })
    expect(items.get("backfill:ch_gen_229")?.fact).toMatchObject({ providerPaymentId: "pi_gen_229", references: ["ch_gen_229"], amount: "3.29" })
    // Pre-basil charges name their invoice: the subscription's session, charge and invoice share ids.
    expect(items.get("backfill:ch_sub")?.fact).toMatchObject({ providerPaymentId: "pi_sub", references: ["in_sub", "ch_sub"] })

    expect(items.get("backfill:in_sub")).toMatchObject({
      event_type: "invoice.paid",
      fact: { providerPaymentId: "pi_sub", references: expect.arrayContaining(["in_sub", "ch_sub"]), subscriptionId: "sub_1", isRenewal: false },
    })
    expect(items.get("backfill:in_renewal")?.fact).toMatchObject({
      providerPaymentId: "in_renewal",
      subscriptionId: "sub_1",
      isRenewal: true,
      visitorId: VISITOR,
      amount: "9.90",
    })
  })

  it("imports a refunded charge as its payment and its refunded total, timed at the latest refund", async () => {
    const connector = await connectorFor(backfillData())
    const items = byId((await runBackfill(connector)).items)
    const payment = items.get("backfill:ch_refunded")!
    const refund = items.get("backfill:ch_refunded:refunded:2500")!

    expect(payment.fact).toMatchObject({ kind: "payment", providerPaymentId: "pi_refunded", amount: "50.00" })
    // The same form as a charge.refunded webhook since API 2022-11-15 (no embedded list), so the
    // service nets only what is not stored yet, whichever of the two came first.
    expect(refund).toEqual({
      event_id: "backfill:ch_refunded:refunded:2500",
      event_type: "charge.refunded",
      fact: {
        kind: "refund",
        provider: "stripe",
        paymentIds: ["pi_refunded", "ch_refunded"],
        currency: "USD",
        isTest: true,
        occurredAt: new Date(REFUND_B_AT * 1000),
        cumulativeRefunded: "25.00",
      },
      paymentFallback: payment.fact,
    })
    const ids = [...items.keys()]
    expect(ids.indexOf(refund.event_id)).toBe(ids.indexOf(payment.event_id) + 1)
  })

  it("resumes from a saved cursor with the rest, each object once", async () => {
    const connector = await connectorFor(backfillData())
    const whole = await runBackfill(connector)
    const firstTwo = await runBackfill(connector, null, 2)
    const rest = await runBackfill(connector, firstTwo.pages.at(-1)!.next)

    expect(firstTwo.pages.at(-1)!.next).toEqual({ phase: "charges", after: expect.stringMatching(/^ch_/) })
    expect([...firstTwo.items, ...rest.items].map((i) => i.event_id)).toEqual(whole.items.map((i) => i.event_id))
  })

  it("gives the same event ids and facts on a second run", async () => {
    const connector = await connectorFor(backfillData())
    const first = await runBackfill(connector)
    const second = await runBackfill(connector)
    expect(second.items).toEqual(first.items)
  })

  it("starts a phase from a cursor naming it, and refuses one naming no phase", async () => {
    const connector = await connectorFor(backfillData())
    const invoices = await connector.backfillPage(credentials(STRIPE_TEST_KEYS.restricted), SINCE, { phase: "invoices", after: null })
    expect(invoices.items.map((i) => i.event_id)).toEqual(["backfill:in_renewal", "backfill:in_sub"])
    await expect(
      connector.backfillPage(credentials(STRIPE_TEST_KEYS.restricted), SINCE, { phase: "refunds", after: null })
    ).rejects.toThrow(/Unknown Stripe backfill phase "refunds"/)
  })

  it("answers 400 naming the permission when the key lost one", async () => {
    const key = "rk_test_51ChargesOnly000000000000000000000000000000000000000Co5Jd9"
    const connector = await connectorFor(backfillData(), { keys: { [key]: ["charge_read"] } })
    const error = await connectionError(connector.backfillPage(credentials(key), SINCE, null), key)
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('"Checkout Sessions: read"') })
  })
})
