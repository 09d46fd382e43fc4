// The demo's Medusa orders, placed through the real Store API as a storefront places them:
// a cart carrying the snippet's ids in its metadata, shipping, a payment session with the
// system provider, completion. The plugin's order.placed
// subscriber turns each into a payment. Also refunds and a cancellation through the admin API.
const { withClient } = require("../database")
const { eachLimit } = require("./http")

const ADDRESS = {
  us: { address_1: "500 Market Street", city: "San Francisco", postal_code: "94105", province: "CA" },
  de: { address_1: "Torstrasse 1", city: "Berlin", postal_code: "10119" },
  fr: { address_1: "12 Rue de Rivoli", city: "Paris", postal_code: "75004" },
  nl: { address_1: "Prinsengracht 200", city: "Amsterdam", postal_code: "1016 HE" },
  es: { address_1: "Calle Mayor 5", city: "Madrid", postal_code: "28013" },
  it: { address_1: "Via del Corso 10", city: "Roma", postal_code: "00186" },
  dk: { address_1: "Vesterbrogade 2", city: "Copenhagen", postal_code: "1620" },
  se: { address_1: "Drottninggatan 3", city: "Stockholm", postal_code: "111 51" },
}

/** Regions, variants and the storefront's key, read back from the store the catalogue seeded. */
async function readCatalogue(store) {
  const { regions } = await store.get("/store/regions?limit=50")
  const { products } = await store.get("/store/products?limit=100&fields=id,handle,*variants")
  const variants = new Map()
  for (const product of products) {
    for (const variant of product.variants) {
      variants.set(`${product.handle}/${variant.title}`, variant.id)
    }
  }
  return {
    regions,
    regionFor: (currency) => regions.find((r) => r.currency_code === currency),
    variantId: (handle, size) => {
      const id = variants.get(`${handle}/${size}`)
      if (!id) throw new Error(`the catalogue has no variant ${handle} / ${size}`)
      return id
    },
    products,
  }
}

/** A storefront checkout; answers the order. */
async function checkout(store, catalogue, p) {
  const region = catalogue.regionFor(p.currency)
  const visitor = p.visitor
  const address = {
    first_name: visitor.firstName,
    last_name: visitor.lastName,
    country_code: visitor.country,
    ...ADDRESS[visitor.country],
  }
  const { cart } = await store.post("/store/carts", {
    region_id: region.id,
    email: p.email,
    items: p.items.map((i) => ({ variant_id: catalogue.variantId(i.handle, i.size), quantity: i.quantity })),
    shipping_address: address,
    billing_address: address,
    // The snippet's ids, as a storefront that creates carts on its server passes them
    // (getAttributionCartMetadata); Medusa copies the cart's metadata to the order.
    metadata: { attribution_visitor_id: p.visitorId, attribution_session_id: p.sessionId, demo_payment_key: p.key },
  })
  const { shipping_options } = await store.get(`/store/shipping-options?cart_id=${cart.id}`)
  const standard = shipping_options.find((o) => o.type?.code === "standard") ?? shipping_options[0]
  await store.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: standard.id })
  // A discount code, as a customer types it at checkout (demo/lib/seed/codes.js).
  if (p.promoCodes) await store.post(`/store/carts/${cart.id}/promotions`, { promo_codes: p.promoCodes })
  const { payment_collection } = await store.post("/store/payment-collections", { cart_id: cart.id })
  await store.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const completed = await store.post(`/store/carts/${cart.id}/complete`)
  if (completed.type !== "order") {
    throw new Error(`cart ${cart.id} did not become an order: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return completed.order
}

// `payment_collections.amount` is what the customer paid: an order's `total` drops by what
// is refunded later.
const ORDER_FIELDS = "id,display_id,email,status,total,currency_code,customer_id,metadata,created_at,payment_collections.amount"

/** The demo's orders already in the store, by plan key (a second run places none again). */
async function existingOrders(admin) {
  const byKey = new Map()
  for (let offset = 0; ; offset += 100) {
    const { orders, count } = await admin.get(`/admin/orders?fields=${ORDER_FIELDS}&limit=100&offset=${offset}`)
    for (const order of orders) {
      const key = order.metadata?.demo_payment_key
      if (key) byKey.set(key, order)
    }
    if (offset + 100 >= count) return byKey
  }
}

/** Places the plan's missing Medusa orders; answers every demo order by plan key. */
async function placeOrders({ admin, store, catalogue, payments, log }) {
  const placed = await existingOrders(admin)
  const missing = payments.filter((p) => !placed.has(p.key))
  if (!missing.length) return placed
  await eachLimit(missing, 4, (p) => checkout(store, catalogue, p))
  log(`  placed ${missing.length} orders through the Store API`)
  // Read back as the admin sees them (the Store API's answer leaves out the customer).
  return existingOrders(admin)
}

/**
 * Cents of a decimal amount, rounded half up on its decimal digits, as the plugin rounds an
 * order's total. Not `Math.round(x * 100)`: an order total with a tax or discount fraction
 * such as 301.585 is 30158.4999... as a float times 100, a cent short.
 */
function toCents(amount) {
  const text = String(amount)
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) throw new Error(`not a decimal amount: ${text}`)
  const [, sign, whole, fraction = ""] = m
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2)) + (fraction[2] >= "5" ? 1n : 0n)
  return Number(sign ? -cents : cents)
}

/** Cents the customer paid for a demo order. */
function paidMinor(order) {
  return toCents(order.payment_collections[0].amount)
}

/**
 * A refund made in Medusa's admin (capture, then refund part of it) and a canceled order:
 * the plugin nets the refund (payment.refunded) and takes the canceled order out of revenue.
 */
async function refundAndCancel({ admin, payments, orders }) {
  const refunded = new Map()
  for (const p of payments) {
    const order = orders.get(p.key)
    if (p.refund) {
      const { order: full } = await admin.get(
        `/admin/orders/${order.id}?fields=id,payment_collections.payments.*,payment_collections.payments.refunds.*`
      )
      const payment = full.payment_collections[0].payments[0]
      let cents = (payment.refunds ?? []).reduce((sum, r) => sum + toCents(r.amount), 0)
      if (!cents) {
        cents = Math.floor(paidMinor(order) * p.refund.share)
        if (!payment.captured_at) await admin.post(`/admin/payments/${payment.id}/capture`)
        await admin.post(`/admin/payments/${payment.id}/refund`, { amount: cents / 100 })
      }
      refunded.set(p.key, cents)
    }
    if (p.cancel && order.status !== "canceled") {
      await admin.post(`/admin/orders/${order.id}/cancel`)
      order.status = "canceled"
    }
  }
  return refunded
}

/**
 * The plugin hears of Medusa refunds and cancellations through subscribers, a moment later:
 * waits until its payment rows show them, so the report is complete when seeding returns.
 */
async function waitForPlugin({ databaseUrl, payments, orders, refunded }) {
  const expectations = payments
    .filter((p) => p.refund || p.cancel)
    .map((p) => ({ orderId: orders.get(p.key).id, cents: refunded.get(p.key) ?? 0, canceled: Boolean(p.cancel) }))
  const deadline = Date.now() + 30_000
  for (;;) {
    const rows = await withClient(databaseUrl, async (c) =>
      (
        await c.query(
          `select order_id, round(refunded_amount * 100)::int as cents, status from attribution_payment
            where provider = 'medusa' and order_id = any($1)`,
          [expectations.map((e) => e.orderId)]
        )
      ).rows
    )
    const done = expectations.every((e) => {
      const row = rows.find((r) => r.order_id === e.orderId)
      return row && row.cents === e.cents && (row.status === "canceled") === e.canceled
    })
    if (done) return
    if (Date.now() > deadline) {
      throw new Error(`the plugin did not record the demo's Medusa refund and cancellation within 30 s: ${JSON.stringify(rows)}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

module.exports = { paidMinor, placeOrders, readCatalogue, refundAndCancel, toCents, waitForPlugin }
