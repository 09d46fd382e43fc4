#!/usr/bin/env node
// Several instances and faults (SECURITY.md, issue 7): the packed plugin in a real store, two
// servers of it against one Postgres of this test's own (embedded, so restarting it disturbs
// nothing else) and one Redis.
//
// 1. Several instances: every Stripe event of each payment (checkout session, payment intent,
//    charge, a partial refund) delivered to both servers at the same instant: one payment row
//    and one refund each. The collector's rate limit is shared through Medusa's Redis cache
//    module: what one server counted, the other refuses.
// 2. Faults: while webhooks and collector events flow, every database connection is cut
//    (pg_terminate_backend) and later Postgres is stopped and started again. A webhook that
//    could not be stored answers 5xx and is retried, as Stripe retries; every acknowledged
//    payment is stored once; every event answered 202 is stored.
// Prints what was sent, accepted and stored, and `resilience: N passed, N failed`.
const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const Stripe = require("stripe")
const { startEmbedded } = require("../../scripts/postgres")
const { createBenchDatabase, createStore, packPlugin, startStore, stopProcessGroup } = require("../../bench/lib/store")
const { STORE_FILES } = require("../../bench/collector/routes")
const { suite } = require("../lib/suite")

const STRIPE_SECRET = "whsec_resilience_test"
const RATE_LIMIT = 40
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

const { counts, check, step, closingLine } = suite("resilience")

function redisAnswers() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "localhost", port: 6379 })
    socket.setTimeout(1000)
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.once("data", (d) => {
      socket.destroy()
      resolve(String(d).startsWith("+PONG"))
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => (socket.destroy(), resolve(false)))
  })
}

/** The Stripe events of one payment, shaped as Stripe sends them (API 2025-03-31). */
function stripeEventsFor(tag, i, amount) {
  const created = Math.floor(Date.now() / 1000)
  const ids = { pi: `pi_res_${tag}_${i}`, cs: `cs_res_${tag}_${i}`, ch: `ch_res_${tag}_${i}` }
  const metadata = { attribution_visitor_id: `vis_resilience_${tag}_${String(i).padStart(4, "0")}` }
  const event = (type, object) => ({ id: `evt_${type}_${tag}_${i}`, object: "event", api_version: "2025-03-31.basil", type, livemode: true, created, data: { object } })
  return {
    payment: [
      event("checkout.session.completed", {
        id: ids.cs, object: "checkout.session", mode: "payment", payment_status: "paid", payment_intent: ids.pi,
        amount_total: amount, currency: "usd", metadata, created, livemode: true, customer_details: { email: `buyer${i}@example.com` },
      }),
      event("payment_intent.succeeded", {
        id: ids.pi, object: "payment_intent", amount, amount_received: amount, currency: "usd", metadata: {}, created, livemode: true, latest_charge: ids.ch,
      }),
      event("charge.succeeded", {
        id: ids.ch, object: "charge", payment_intent: ids.pi, amount, amount_captured: amount, currency: "usd", metadata: {}, created, livemode: true,
        billing_details: { email: `buyer${i}@example.com` },
      }),
    ],
    refund: event("charge.refunded", {
      id: ids.ch, object: "charge", payment_intent: ids.pi, amount, amount_captured: amount, amount_refunded: 100, refunded: false,
      currency: "usd", metadata: {}, created, livemode: true,
    }),
  }
}

/** Delivers like Stripe: retried after a failure (a 5xx or no answer) until it is acknowledged. */
async function deliver(base, event, stats) {
  const body = JSON.stringify(event)
  for (let attempt = 1; attempt <= 60; attempt++) {
    stats.sent++
    const status = await fetch(`${base}/attribution/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret: STRIPE_SECRET }) },
      body,
      signal: AbortSignal.timeout(15_000),
    })
      .then((r) => r.status)
      .catch(() => 0)
    if (status === 200) return true
    stats.retried++
    stats.failures[status] = (stats.failures[status] ?? 0) + 1
    await sleep(Math.min(2000, 100 * attempt))
  }
  return false
}

async function collect(base, key, visitor, page) {
  const res = await fetch(`${base}/attribution/events`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": CHROME },
    body: JSON.stringify({
      key,
      events: [{ type: "pageview", visitor_id: visitor, session_id: `${visitor}_s`, url: `https://shop.example/p/${page}?utm_source=newsletter&utm_medium=email` }],
    }),
    signal: AbortSignal.timeout(15_000),
  }).catch(() => null)
  return res ? res.status : 0
}

async function main() {
  const state = { pg: null, servers: [], work: null }
  const cleanup = async () => {
    for (const s of state.servers) await stopProcessGroup(s).catch(() => undefined)
    if (state.work) fs.rmSync(state.work, { recursive: true, force: true })
    if (state.pg) await state.pg.stop()
  }
  try {
    const redis = await redisAnswers()
    state.pg = await step("start a Postgres of this test's own (embedded)", () => startEmbedded((m) => console.log(m)))
    state.work = fs.mkdtempSync(path.join(os.tmpdir(), "ra-resilience-"))
    const dbName = "ra_resilience"
    const { db, url: databaseUrl, admin } = await createBenchDatabase(state.pg.env, dbName)
    await admin.end()
    const tarball = await step("pack the plugin", () => packPlugin(state.work))
    const { app, serverDir } = await createStore({
      work: state.work,
      tarball,
      databaseUrl,
      pluginOptions: { stripe: { webhookSecret: STRIPE_SECRET }, collectorRateLimitPerMinute: RATE_LIMIT },
      modules: redis ? [{ resolve: "@medusajs/medusa/cache-redis", options: { redisUrl: "redis://localhost:6379", namespace: `ra-resilience-${process.pid}` } }] : [],
      files: STORE_FILES,
      step,
    })
    const start = (name) =>
      step(`start server ${name}`, () =>
        startStore({ serverDir, app, databaseUrl, logFile: path.join(state.work, `server-${name}.log`), onSpawn: (c) => state.servers.push(c) })
      )
    const a = await start("A")
    const b = await start("B")
    const sql = async (q, params = []) => {
      const client = new Client({ ...db, database: dbName })
      await client.connect()
      try {
        return (await client.query(q, params)).rows
      } finally {
        await client.end()
      }
    }

    // 1. Several instances.
    const tag = Math.random().toString(36).slice(2, 8)
    const payments = 30
    const stats = { sent: 0, retried: 0, failures: {} }
    await step(`deliver every event of ${payments} payments to both servers at once`, async () => {
      await Promise.all(
        Array.from({ length: payments }, async (_, i) => {
          const { payment, refund } = stripeEventsFor(tag, i, 1000 + i)
          for (const event of payment) await Promise.all([deliver(a.base, event, stats), deliver(b.base, event, stats)])
          await Promise.all([deliver(a.base, refund, stats), deliver(b.base, refund, stats)])
        })
      )
    })
    const [stored] = await sql(`select
        (select count(*) from attribution_payment where provider_payment_id like $1)::int as payments,
        (select count(*) from attribution_refund r join attribution_payment p on p.id = r.payment_id where p.provider_payment_id like $1)::int as refunds,
        (select coalesce(sum(refunded_amount), 0)::text from attribution_payment where provider_payment_id like $1) as refunded,
        (select count(*) from attribution_payment_reference where external_id like $2)::int as references`, [`pi_res_${tag}_%`, `%_res_${tag}_%`])
    console.log(`[resilience] two servers: ${stats.sent} deliveries sent (${stats.retried} retried: ${JSON.stringify(stats.failures)}); stored ${JSON.stringify(stored)}`)
    check("one payment row per payment, whichever server and event came first", stored.payments === payments, JSON.stringify(stored))
    check("one refund per refund", stored.refunds === payments, JSON.stringify(stored))
    check("the refunds net exactly once", stored.refunded === (payments * 1).toFixed(2), stored.refunded)
    check("each payment's three ids are recorded once", stored.references === payments * 3, JSON.stringify(stored))

    const key = async (base) => (await (await fetch(`${base}/bench/setup`, { method: "POST" })).json()).token
    if (!redis) {
      console.log("  - the shared rate limit is not checked: no Redis at localhost:6379")
    } else {
      // Stay inside one rate-limit minute.
      const secondsLeft = 60 - (Math.floor(Date.now() / 1000) % 60)
      if (secondsLeft < 20) await sleep(secondsLeft * 1000 + 200)
      const limited = await key(a.base)
      const statuses = { a: [], b: [] }
      for (let i = 0; i < 30; i++) statuses.a.push(await collect(a.base, limited, `vis_ratelimit_${tag}_0001`, i))
      for (let i = 0; i < 30; i++) statuses.b.push(await collect(b.base, limited, `vis_ratelimit_${tag}_0001`, i))
      const count = (list, s) => list.filter((x) => x === s).length
      console.log(`[resilience] rate limit ${RATE_LIMIT}/min: A answered ${count(statuses.a, 202)}×202, B answered ${count(statuses.b, 202)}×202 and ${count(statuses.b, 429)}×429`)
      check(
        "the collector's rate limit is shared by both servers (Redis cache module)",
        count(statuses.a, 202) === 30 && count(statuses.b, 202) === RATE_LIMIT - 30 && count(statuses.b, 429) === 60 - RATE_LIMIT,
        JSON.stringify(statuses)
      )
    }

    // 2. Faults while traffic flows to server A.
    const keys = await Promise.all(Array.from({ length: 30 }, () => key(a.base)))
    const faults = { sent: 0, retried: 0, failures: {} }
    const events = { sent: 0, accepted: 0, other: {} }
    const acknowledged = []
    let running = true
    const webhookLoad = async (worker) => {
      for (let i = 0; running; i++) {
        const n = worker * 100_000 + i
        const [paymentIntent] = stripeEventsFor(`${tag}f`, n, 500 + (n % 100)).payment.slice(1)
        if (await deliver(a.base, paymentIntent, faults)) acknowledged.push(paymentIntent.data.object.id)
      }
    }
    const eventLoad = async (worker) => {
      for (let i = 0; running; i++) {
        events.sent++
        const status = await collect(a.base, keys[(worker * 7 + i) % keys.length], `vis_fault_${tag}_${String(worker).padStart(4, "0")}`, i)
        if (status === 202) events.accepted++
        else events.other[status] = (events.other[status] ?? 0) + 1
        await sleep(100)
      }
    }
    const loads = [...Array.from({ length: 4 }, (_, w) => webhookLoad(w)), ...Array.from({ length: 3 }, (_, w) => eventLoad(w))]
    await step("traffic with every connection cut at 4 s and Postgres restarted at 10 s", async () => {
      try {
        await disturb()
      } finally {
        running = false
        await Promise.all(loads)
      }
    })
    async function disturb() {
      await sleep(4000)
      const killer = new Client({ ...db, database: "postgres" })
      await killer.connect()
      const { rows } = await killer.query(`select count(pg_terminate_backend(pid))::int as cut from pg_stat_activity where datname = $1`, [dbName])
      await killer.end()
      console.log(`\n[resilience] cut ${rows[0].cut} connections`)
      await sleep(6000)
      await state.pg.pause()
      console.log("[resilience] Postgres stopped")
      await sleep(3000)
      await state.pg.resume()
      console.log("[resilience] Postgres started again")
      await sleep(8000)
    }
    // Accepted events wait in the server's buffer: write them (retried while it reconnects).
    let flushed = false
    for (let i = 0; i < 30 && !flushed; i++) {
      flushed = (await fetch(`${a.base}/bench/flush`, { method: "POST" }).catch(() => null))?.status === 200
      if (!flushed) await sleep(1000)
    }
    const [after] = await sql(`select
        (select count(*) from attribution_payment where provider_payment_id like $1)::int as payments,
        (select count(distinct provider_payment_id) from attribution_payment where provider_payment_id like $1)::int as distinct_payments,
        (select count(*) from attribution_event where visitor_id like $2)::int as events`, [`pi_res_${tag}f_%`, `vis_fault_${tag}_%`])
    const storedIds = new Set((await sql(`select provider_payment_id from attribution_payment where provider_payment_id like $1`, [`pi_res_${tag}f_%`])).map((r) => r.provider_payment_id))
    console.log(
      `[resilience] webhooks: ${faults.sent} sent, ${acknowledged.length} payments acknowledged, ${faults.retried} answers were failures ${JSON.stringify(faults.failures)}, ${after.payments} payments stored`
    )
    console.log(`[resilience] events: ${events.sent} sent, ${events.accepted} answered 202, other answers ${JSON.stringify(events.other)}, ${after.events} stored`)
    check("the faults made some deliveries fail (the test did disturb the server)", faults.retried > 0, JSON.stringify(faults.failures))
    check("every acknowledged payment is stored", acknowledged.every((id) => storedIds.has(id)), `${acknowledged.filter((id) => !storedIds.has(id)).length} missing`)
    check("each payment is stored once (retries included)", after.payments === after.distinct_payments && after.payments === acknowledged.length, JSON.stringify(after))
    check("the buffered events could be written after the restart", flushed)
    check("every event answered 202 is stored", after.events === events.accepted, `${after.events} stored of ${events.accepted} accepted`)
  } finally {
    await cleanup()
  }
  console.log(closingLine())
  process.exit(counts.failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  console.log(closingLine({ crashed: true }))
  process.exit(1)
})
