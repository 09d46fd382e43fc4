// The traffic the benchmarks send: storefront pageviews as the snippet sends them, and signed
// Stripe deliveries as Stripe sends them. Shared by bench/collector, bench/webhooks and bench/soak.
const Stripe = require("stripe")

// A real browser: the collector drops bots, and autocannon's or curl's user agent is one.
const USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const ORIGIN = "https://shop.example"
const PAGES_PER_SESSION = 5
const SESSIONS_PER_VISITOR = 2
const STRIPE_USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)"

/**
 * One pageview per call, as the snippet sends it: the first page of a session lands from a
 * Google ad, the next ones are internal navigation; sessions and visitors change as a real
 * audience's would, so the database sees many of each.
 */
function pageviews(tag) {
  let n = 0
  const id = (kind, i) => `b${tag}${kind}${String(i).padStart(9, "0")}`
  return () => {
    const i = n++
    const session = Math.floor(i / PAGES_PER_SESSION)
    const page = i % PAGES_PER_SESSION
    const product = `item-${session % 500}`
    return {
      type: "pageview",
      visitor_id: id("v", Math.floor(session / SESSIONS_PER_VISITOR)),
      session_id: id("s", session),
      url:
        page === 0
          ? `${ORIGIN}/p/${product}?utm_source=google&utm_medium=cpc&utm_campaign=bench`
          : `${ORIGIN}/p/${product}/${page}`,
      referrer: page === 0 ? "https://www.google.com/" : `${ORIGIN}/p/${product}${page > 1 ? `/${page - 1}` : ""}`,
      title: `Product ${product}`,
      ts: Date.now(),
    }
  }
}

/** A new payment per call, as Stripe would deliver it, with its signature header. */
function stripeDeliveries(tag, secret) {
  let n = 0
  return () => {
    const i = n++
    const now = Math.floor(Date.now() / 1000)
    const event = {
      id: `evt_bench_${tag}_${i}`,
      object: "event",
      api_version: "2025-03-31.basil",
      type: "payment_intent.succeeded",
      livemode: true,
      created: now,
      data: {
        object: {
          id: `pi_bench_${tag}_${i}`,
          object: "payment_intent",
          amount: 1000 + (i % 9000),
          amount_received: 1000 + (i % 9000),
          currency: "usd",
          created: now,
          livemode: true,
          receipt_email: `buyer${i % 5000}@example.com`,
          metadata: { attribution_visitor_id: `bench_visitor_${tag}_${String(i % 2000).padStart(6, "0")}` },
          latest_charge: `ch_bench_${tag}_${i}`,
        },
      },
    }
    const body = JSON.stringify(event)
    return {
      body,
      headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) },
    }
  }
}


module.exports = { ORIGIN, PAGES_PER_SESSION, SESSIONS_PER_VISITOR, STRIPE_USER_AGENT, USER_AGENT, pageviews, stripeDeliveries }
