// Seeds the running demo store with sixty days of synthetic traffic and payments (./plan.js),
// each through the route a real store would use, in the order linking needs:
//   1. Medusa orders through the Store API (carts carrying the snippet's ids), placed now;
//   2. the history (page views, sign-ups, purchases) through the demo store's history route,
//      which also dates those orders back to their visit;
//   3. Medusa refunds and a cancellation through the admin API;
//   4. outside payments: Stripe and Lemon Squeezy webhooks and the payment API, with their
//      own past timestamps; email and timestamp linking find the visitors written in step 2.
// Every step is idempotent, and steps already done are skipped (demo_seed_state).
const { demoState } = require("../database")
const { expectedCodeTotals, expectedTotals } = require("./expected")
const { DEMO_CODE_MAPPING, assignCodes } = require("./codes")
const { historyBatches } = require("./history")
const { adminClient, createClient, storeClient } = require("./http")
const { placeOrders, readCatalogue, refundAndCancel, waitForPlugin } = require("./orders")
const { sendOutsidePayments } = require("./outside-payments")
const { buildPlan } = require("./plan")
const { seedSpend } = require("./spend")

const STOREFRONT_KEY_TITLE = require("../../store/src/scripts/catalogue.json").storefrontKeyTitle

/** The storefront's publishable key, created by the catalogue seed. */
async function publishableKey(admin) {
  const { api_keys } = await admin.get(`/admin/api-keys?type=publishable&limit=100`)
  const key = api_keys.find((k) => k.title === STOREFRONT_KEY_TITLE && !k.revoked_at)
  if (!key) throw new Error(`no publishable key titled "${STOREFRONT_KEY_TITLE}": was the catalogue seeded?`)
  return key.token
}

/**
 * A secret API key for the payment API. Medusa shows a secret key's token only when it is
 * created, so the demo keeps it in its bookkeeping.
 */
async function secretKey(admin, state) {
  const stored = await state.get("payment_api_key")
  if (stored) return stored
  const { api_key } = await admin.post("/admin/api-keys", { title: "Demo payment API", type: "secret" })
  await state.set("payment_api_key", api_key.token)
  return api_key.token
}

/** Logs in and reads what the storefront and the seeding need. */
async function connect({ base, databaseUrl, admin: credentials }) {
  const admin = await adminClient(base, credentials)
  const key = await publishableKey(admin)
  const store = storeClient(base, key)
  const catalogue = await readCatalogue(store)
  return { admin, store, catalogue, publishableKey: key, state: demoState(databaseUrl) }
}

async function seedDemo({ base, databaseUrl, admin: credentials, secrets, log, step }) {
  const { admin, store, catalogue, state } = await connect({ base, databaseUrl, admin: credentials })
  let anchor = await state.get("anchor")
  if (!anchor) {
    anchor = Date.now()
    await state.set("anchor", anchor)
  }
  const plan = buildPlan(anchor)
  const medusa = plan.payments.filter((p) => p.route === "medusa")
  assignCodes(medusa)
  const outside = plan.payments.filter((p) => p.route !== "medusa")

  const orders = await step(`Medusa orders through the Store API (${medusa.length})`, () =>
    placeOrders({ admin, store, catalogue, payments: medusa, log })
  )
  if (!(await state.get("history"))) {
    const orderIdByKey = new Map([...orders].map(([key, order]) => [key, order.id]))
    const batches = historyBatches(plan.visitors, orderIdByKey)
    const events = batches.reduce((n, b) => n + b.events.length, 0)
    await step(`60 days of visits (${plan.visitors.length} visitors, ${events} events) and order dates`, () =>
      admin.post("/admin/demo/history", {
        orders: medusa.map((p) => ({ order_id: orders.get(p.key).id, placed_at: new Date(p.at).toISOString() })),
        batches,
      })
    )
    await state.set("history", true)
  }
  const medusaRefunds = await step("a refund and a cancellation in Medusa's admin", async () => {
    const refunded = await refundAndCancel({ admin, payments: medusa, orders })
    await waitForPlugin({ databaseUrl, payments: medusa, orders, refunded })
    return refunded
  })
  // Mapped after the orders: the mapping re-credits the orders already recorded with the code.
  await step(`the discount code ${DEMO_CODE_MAPPING.code} mapped to ${DEMO_CODE_MAPPING.channel} / ${DEMO_CODE_MAPPING.source}`, () =>
    admin.post("/admin/attribution/code-mappings", DEMO_CODE_MAPPING)
  )
  if (!(await state.get("outside_payments"))) {
    const key = await secretKey(admin, state)
    await step(`Stripe, Lemon Squeezy and payment API payments (${outside.length})`, () =>
      sendOutsidePayments({ client: createClient(base), payments: outside, secrets, secretKey: key })
    )
    await state.set("outside_payments", true)
  }
  // Ad spend of the paid campaigns (./spend.js): a second run replaces the same rows.
  await step("ad spend for the paid campaigns", () => seedSpend({ admin, anchor }))

  // The most recent order placed for a visitor: its admin page shows where it came from.
  const shown = [...medusa].reverse().find((p) => !p.cancel && !p.refund)
  const order = orders.get(shown.key)
  return {
    orderId: order.id,
    customerId: order.customer_id,
    expected: expectedTotals(plan.payments, orders, medusaRefunds),
    expectedCodes: expectedCodeTotals(plan.payments, orders, medusaRefunds),
    plan,
  }
}

module.exports = { connect, seedDemo }
