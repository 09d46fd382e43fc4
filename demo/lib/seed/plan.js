// The demo's sixty days of synthetic traffic and payments, decided up front and the same on
// every run for the same anchor (the time of the first seeding, kept in the database): every
// visitor, session, page view and payment, with the way each payment should link to its
// visitor. The seeding (./index.js) then sends it through the store.
const catalogue = require("../../store/src/scripts/catalogue.json")
const { createRandom } = require("./random")
const { FIRST_NAMES, LAST_NAMES, PAGES, RETURNS, SALE, SOURCES, USER_AGENTS, sourceByKey } = require("./traffic-sources")

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const DAYS = 60
const SEED = 20261122
/** Nothing is planned later than this before the anchor, so it is all in the past. */
const QUIET_END = 15 * MINUTE
/** The plugin's default `timestampMatchWindowMinutes`. */
const TIMESTAMP_WINDOW = 30 * MINUTE
const MAX_MEDUSA_ORDERS = 20
const WARMUP_DAYS = 21
/** Where the synthetic pages live; only their paths are stored, hosts are the visitor's own. */
const ORIGIN = "https://shop.example"

/** Visits by hour of day (UTC), for a store selling in Europe and the United States. */
const HOURLY = [3, 2, 2, 1, 1, 1, 2, 4, 6, 8, 9, 10, 11, 11, 10, 10, 11, 13, 15, 16, 15, 12, 8, 5]

function buildPlan(anchor) {
  const random = createRandom(SEED)
  const today = Math.floor(anchor / DAY) * DAY
  const horizon = anchor - QUIET_END
  const visitors = []
  const conversions = []
  let sessionSeq = 0

  const newSession = (visitor, source, start, returning) => {
    const session = { id: `demo-session-${String(++sessionSeq).padStart(6, "0")}`, visitorId: visitor.id, source: source.key, events: [] }
    let at = start
    let url = landingUrl(source, random)
    session.events.push({ type: "pageview", url, referrer: source.referrer, title: titleOf(url), ts: at })
    const pages = 1 + Math.min(5, Math.floor(-Math.log(1 - random.next()) * 1.6))
    for (let i = 1; i < pages; i++) {
      at += random.int(20, 150) * 1000
      const next = `${ORIGIN}${random.pick(Object.keys(PAGES).filter((p) => p !== "/cart"))}`
      session.events.push({ type: "pageview", url: next, referrer: url, title: titleOf(next), ts: at })
      url = next
    }
    if (!visitor.identified && random.chance(0.08)) {
      // A newsletter sign-up: the snippet's identify(), the only way an email reaches a visitor.
      at += random.int(5, 40) * 1000
      session.events.push({ type: "identify", url, email: visitor.email, ts: at })
      visitor.identified = true
    }
    if (random.chance(source.convert * (returning ? 1.6 : 1))) {
      at += random.int(30, 120) * 1000
      session.events.push({ type: "pageview", url: `${ORIGIN}/cart`, referrer: url, title: PAGES["/cart"], ts: at })
      conversions.push({ visitor, session, at: at + random.int(60, 240) * 1000 })
    }
    visitor.sessions.push(session)
    return session
  }

  // Visitors who first came in the three weeks before the window return inside it, as a real
  // store's regulars do; only their visits inside the window are kept.
  const windowStart = today - (DAYS - 1) * DAY
  let visitorSeq = 0
  for (let day = -WARMUP_DAYS; day < DAYS; day++) {
    const dayStart = today - (DAYS - 1 - day) * DAY
    const weekday = new Date(dayStart).getUTCDay()
    const weekly = weekday === 0 || weekday === 6 ? 1.2 : weekday === 1 ? 0.9 : 1
    const trend = 0.9 + (0.2 * Math.max(day, 0)) / (DAYS - 1)
    const regular = Math.round(22 * trend * weekly * (0.85 + random.next() * 0.3))
    const sale = day >= SALE.firstDay && day <= SALE.lastDay ? SALE.extraVisitorsPerDay : 0
    for (let i = 0; i < regular + sale; i++) {
      const picked = i < regular ? random.weighted(SOURCES) : random.weighted(SALE.sources)
      const source = picked.ref ? sourceByKey(picked.ref) : picked
      const visitor = newVisitor(++visitorSeq, random)
      const visits = [{ at: dayStart + hourOfDay(random) + random.int(0, 59) * MINUTE + random.int(0, 59) * 1000, source, returning: false }]
      if (random.chance(0.35)) {
        let at = visits[0].at
        for (let n = random.int(1, 3); n > 0; n--) {
          at += random.int(1, 12) * DAY + random.int(-6, 6) * 60 * MINUTE
          const way = random.weighted(RETURNS)
          visits.push({ at, source: way.key === "same" ? source : sourceByKey(way.key), returning: true })
        }
      }
      for (const visit of visits) {
        if (visit.at >= windowStart && visit.at <= horizon) newSession(visitor, visit.source, visit.at, visit.returning)
      }
      if (visitor.sessions.length) visitors.push(visitor)
    }
  }

  const payments = assignPayments(conversions, random, horizon)
  // Before the special payments: a purchase event keeps its session active a little longer,
  // which the timestamp rule below must see.
  addPurchaseEvents(payments, visitors)
  addSpecialPayments(payments, visitors, random, today, horizon)
  return { anchor, visitors, payments }
}

function newVisitor(n, random) {
  const first = random.pick(FIRST_NAMES)
  const last = random.pick(LAST_NAMES)
  const usd = random.chance(0.55)
  return {
    id: `demo-visitor-${String(n).padStart(5, "0")}`,
    ua: random.weighted(USER_AGENTS).ua,
    currency: usd ? "usd" : "eur",
    country: usd ? "us" : random.pick(["de", "fr", "nl", "es", "it", "dk", "se"]),
    firstName: first,
    lastName: last,
    email: `${first}.${last}.${n}@example.com`.toLowerCase(),
    identified: false,
    sessions: [],
  }
}

function hourOfDay(random) {
  const hour = random.weighted(HOURLY.map((weight, h) => ({ weight, h }))).h
  return hour * 60 * MINUTE
}

function landingUrl(source, random) {
  const path = random.pick(source.landing ?? ["/"])
  const params = source.query ? source.query.split("&").filter(Boolean) : []
  if (source.clickId) {
    params.push(`${source.clickId}=${random.token(24)}`)
  }
  return `${ORIGIN}${path}${params.length ? `?${params.join("&")}` : ""}`
}

function titleOf(url) {
  return PAGES[new URL(url).pathname] ?? "Northwind Outfitters"
}

/** One to three catalogue items, as a cart would hold them. */
function pickItems(random) {
  const items = []
  for (let n = random.chance(0.7) ? 1 : random.int(2, 3); n > 0; n--) {
    const product = random.pick(catalogue.products)
    items.push({ handle: product.handle, size: random.pick(product.sizes), quantity: random.chance(0.85) ? 1 : 2 })
  }
  return items
}

/** Cents of what a cart of `items` costs with standard shipping (the demo's taxes are zero). */
function cartTotalMinor(items, currency) {
  const byHandle = new Map(catalogue.products.map((p) => [p.handle, p]))
  const goods = items.reduce((sum, i) => sum + Math.round(byHandle.get(i.handle).price[currency] * 100) * i.quantity, 0)
  const shipping = Math.round(catalogue.shipping[0].price[currency] * 100)
  return goods + shipping
}

const ROUTES = [
  { route: "medusa", weight: 55 },
  { route: "stripe", weight: 22 },
  { route: "lemonsqueezy", weight: 11 },
  { route: "api", weight: 12 },
]

/**
 * Each conversion becomes a payment through one of the routes a store has: a Medusa order
 * (Store API), a Stripe Checkout or a Lemon Squeezy order outside Medusa (webhooks), or the
 * payment API. All carry the visitor's ids, as the snippet puts them there.
 */
function assignPayments(conversions, random, horizon) {
  const kept = conversions.filter((c) => c.at <= horizon).sort((a, b) => a.at - b.at)
  const routes = kept.map(() => random.weighted(ROUTES).route)
  // Store API checkouts are the slowest part of seeding: beyond MAX_MEDUSA_ORDERS, keep an
  // evenly spread selection (every period has some) and send the others another way.
  const medusa = routes.flatMap((r, i) => (r === "medusa" ? [i] : []))
  medusa.forEach((index, n) => {
    const keep = Math.floor(((n + 1) * MAX_MEDUSA_ORDERS) / medusa.length) > Math.floor((n * MAX_MEDUSA_ORDERS) / medusa.length)
    if (!keep) routes[index] = random.weighted(ROUTES.filter((r) => r.route !== "medusa")).route
  })
  return kept.map(({ visitor, session, at }, i) => {
    const route = routes[i]
    const items = pickItems(random)
    return {
      key: `p${String(i + 1).padStart(3, "0")}`,
      route,
      at,
      currency: visitor.currency,
      country: visitor.country,
      visitor,
      visitorId: visitor.id,
      sessionId: session.id,
      email: visitor.email,
      items,
      amountMinor: cartTotalMinor(items, visitor.currency),
      link: "metadata",
      // Stripe Payment Links carry the visitor id as client_reference_id only.
      stripeStyle: route === "stripe" && random.chance(0.3) ? "payment-link" : "checkout",
    }
  })
}

/**
 * Payments whose linking, refunds or status the demo should show: a subscription with a renewal,
 * refunds on every route, a canceled order, a test-mode payment, and payments that link by
 * email, by timestamp, or not at all.
 */
function addSpecialPayments(payments, visitors, random, today, horizon) {
  const byRoute = (route) => payments.filter((p) => p.route === route)
  const push = (p) => payments.push({ key: `p${String(payments.length + 1).padStart(3, "0")}`, ...p })

  // Refunds: partial and full on Stripe, full on Lemon Squeezy, partial through the payment
  // API and in Medusa's admin; one Medusa order canceled (it leaves revenue).
  // A refund comes a few days after its payment, never later than the plan's horizon.
  const refund = (p, share) => p && (p.refund = { share, at: Math.min(p.at + 3 * DAY, horizon) })
  const stripe = byRoute("stripe").filter((p) => p.stripeStyle === "checkout")
  refund(stripe[1], 0.5)
  refund(stripe[4], 1)
  const ls = byRoute("lemonsqueezy")
  refund(ls[1], 1)
  const api = byRoute("api")
  refund(api[0], 0.4)
  const medusa = byRoute("medusa")
  refund(medusa[2], 0.5)
  if (medusa[5]) medusa[5].cancel = true

  // A Lemon Squeezy subscription started about seven weeks ago, renewed a month later; the
  // renewal carries no ids and is linked through its subscription.
  const starter = ls.find((p) => p.at < today - 35 * DAY && !p.refund)
  if (starter) {
    starter.subscriptionId = 7001
    starter.amountMinor = starter.currency === "usd" ? 1500 : 1400
    starter.items = []
    push({
      route: "lemonsqueezy",
      at: starter.at + 30 * DAY,
      currency: starter.currency,
      email: starter.email,
      amountMinor: starter.amountMinor,
      items: [],
      renewalOf: 7001,
      link: "metadata",
    })
  }

  // Email: visitors who signed up for the newsletter and later paid without ids.
  const buyers = new Set(payments.map((p) => p.visitorId))
  const identified = visitors.filter((v) => v.identified && !buyers.has(v.id))
  const emailRoutes = ["stripe", "stripe", "api"]
  for (const visitor of identified.slice(0, emailRoutes.length)) {
    const last = lastSeen(visitor.sessions[visitor.sessions.length - 1])
    const at = Math.min(last + random.int(1, 3) * DAY + random.int(0, 600) * MINUTE, horizon)
    const items = pickItems(random)
    push({
      route: emailRoutes.shift(),
      at,
      currency: visitor.currency,
      email: visitor.email,
      items,
      amountMinor: cartTotalMinor(items, visitor.currency),
      link: "email",
      stripeStyle: "no-ids",
    })
  }

  // Timestamp: a payment a few minutes after a visit, when no other visitor was active.
  const sessions = visitors.flatMap((v) => v.sessions)
  const timestampRoutes = ["api", "lemonsqueezy"]
  for (const session of [...sessions].sort((a, b) => b.events[0].ts - a.events[0].ts)) {
    if (!timestampRoutes.length) break
    const at = lastSeen(session) + 4 * MINUTE
    if (at > horizon || activeVisitors(sessions, at).size !== 1) continue
    const visitor = visitors.find((v) => v.id === session.visitorId)
    const items = pickItems(random)
    push({
      route: timestampRoutes.shift(),
      at,
      currency: visitor.currency,
      email: `guest.${session.id.slice(-6)}@example.org`,
      items,
      amountMinor: cartTotalMinor(items, visitor.currency),
      link: "timestamp",
      expectedVisitorId: visitor.id,
      stripeStyle: "no-ids",
    })
  }

  // A night-time minute when no visitor was active: a payment then links to no one.
  const quietTime = () => {
    for (let tries = 0; tries < 1000; tries++) {
      const at = today - random.int(1, DAYS - 2) * DAY + random.int(2 * 60, 5 * 60) * MINUTE
      if (activeVisitors(sessions, at).size === 0) return at
    }
    throw new Error("the synthetic traffic leaves no quiet minute for an unlinked payment")
  }

  // Unlinked: paid at a quiet hour by someone the store never saw.
  for (const route of ["stripe", "lemonsqueezy", "api"]) {
    const at = quietTime()
    const currency = random.chance(0.5) ? "usd" : "eur"
    const items = pickItems(random)
    push({
      route,
      at,
      currency,
      email: `walk-in.${random.token(6)}@example.org`,
      items,
      amountMinor: cartTotalMinor(items, currency),
      link: "unlinked",
      stripeStyle: "no-ids",
    })
  }

  // The owner's test purchase in Stripe's test mode: stored, flagged, left out of reports.
  push({
    route: "stripe",
    at: quietTime(),
    currency: "usd",
    email: "owner@example.com",
    items: [],
    amountMinor: 100,
    link: "unlinked",
    stripeStyle: "no-ids",
    test: true,
  })

  // Repeat customers (the Customers reports: returning revenue, LTV, cohorts): a few buyers who
  // paid outside Medusa come back 10 to 25 days later and pay again the same way (so with the
  // same provider customer, or the same email through the payment API) from the same visitor.
  // Drawn last, so every payment above stays as it was.
  const repeaters = payments.filter(
    (p) => p.visitorId && p.route !== "medusa" && !p.refund && !p.subscriptionId && p.at + 25 * DAY <= horizon
  )
  for (const first of repeaters.slice(0, 5)) {
    const items = pickItems(random)
    push({
      route: first.route,
      stripeStyle: "checkout",
      at: first.at + random.int(10, 25) * DAY,
      currency: first.currency,
      visitorId: first.visitorId,
      sessionId: first.sessionId,
      email: first.email,
      items,
      amountMinor: cartTotalMinor(items, first.currency),
      link: "metadata",
    })
  }
}

/** The snippet's trackPurchase() after a Medusa checkout: client-claimed, reported apart. */
function addPurchaseEvents(payments, visitors) {
  const sessions = new Map(visitors.flatMap((v) => v.sessions.map((s) => [s.id, s])))
  for (const p of payments) {
    if (p.route === "medusa") {
      const session = sessions.get(p.sessionId)
      const url = `${ORIGIN}/checkout/complete`
      // The order id is known once the order is placed: the seeding fills it in (paymentKey).
      session.events.push({ type: "purchase", url, paymentKey: p.key, amount: p.amountMinor / 100, currency: p.currency.toUpperCase(), ts: p.at + 5000 })
    }
  }
}

function lastSeen(session) {
  return Math.max(...session.events.map((e) => e.ts))
}

/** Visitors the plugin's timestamp rule would consider for a payment at `at`. */
function activeVisitors(sessions, at) {
  const active = new Set()
  for (const s of sessions) {
    const last = lastSeen(s)
    if (last >= at - TIMESTAMP_WINDOW && last <= at && s.events[0].ts >= at - DAY) {
      active.add(s.visitorId)
    }
  }
  return active
}

module.exports = { buildPlan, cartTotalMinor, DAY }
