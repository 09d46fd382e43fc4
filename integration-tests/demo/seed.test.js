#!/usr/bin/env node
// The demo's seeding against a fresh database: `startDemo()` prepares a store in a temporary
// folder, seeds it through the real routes, and the revenue report must then show exactly
// what was seeded, per currency. Stopping it must leave no process and no port behind. Then
// the demo runs again on the same database with its "done" marks cleared, so every order,
// event batch, webhook and API call is sent again: no row may be added and the totals must
// not move. `npm test` runs these checks inside the admin browser suite
// (integration-tests/admin/run.js), on the store it starts anyway; on its own this file
// starts a demo of its own.
// Expects DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (scripts/test.js sets them).
const fs = require("fs")
const os = require("os")
const net = require("net")
const path = require("path")
const { Client } = require("pg")
const { startDemo } = require("../../demo/lib")
const { adminClient } = require("../../demo/lib/seed/http")
const { freePort } = require("../../scripts/processes")
const { suiteDatabase } = require("../lib/database")
const { suite } = require("../lib/suite")

const DAY = 24 * 3600 * 1000
const TABLES = ["order", "customer", "api_key", "attribution_visitor", "attribution_session", "attribution_event", "attribution_payment", "attribution_refund", "attribution_credit"]

const results = suite("demo")
const { check, closingLine } = results

const cents = (n) => Math.round(n * 100)

async function report(admin, query) {
  const from = new Date(Date.now() - 62 * DAY).toISOString()
  const to = new Date(Date.now() + 60_000).toISOString()
  return admin.get(`/admin/attribution/revenue?from=${from}&to=${to}&${query}`)
}

/** The report's totals for each seeded currency, under two models, against the seeded sums. */
async function checkTotals(demo, label, check) {
  const admin = await adminClient(demo.base, demo.admin)
  const expected = demo.seeded.expected
  check(`${label}: payments were seeded in EUR and USD`, Boolean(expected.EUR && expected.USD), JSON.stringify(expected))
  const totals = {}
  for (const [currency, sums] of Object.entries(expected)) {
    for (const model of ["last_non_direct", "linear"]) {
      const r = await report(admin, `currency=${currency}&model=${model}`)
      const t = r.totals
      const got = { revenue: t.revenue, refunded: t.refunded, net_revenue: t.net_revenue, payments: t.payments }
      check(
        `${label}: ${currency} ${model} totals equal the seeded sums (${sums.revenue} revenue, ${sums.refunded} refunded, ${sums.payments} payments)`,
        JSON.stringify(got) === JSON.stringify(sums),
        `report ${JSON.stringify(got)}`
      )
      const rows = r.rows.reduce((sum, row) => sum + cents(row.revenue), 0)
      check(`${label}: ${currency} ${model} rows add up to the total`, rows === cents(t.revenue), `${rows / 100} vs ${t.revenue}`)
      totals[`${currency}/${model}`] = got
    }
  }
  const withTest = await report(admin, "currency=USD&include_test=true")
  check(
    `${label}: the Stripe test-mode payment is left out unless include_test=true`,
    withTest.totals.payments === expected.USD.payments + 1 && cents(withTest.totals.revenue) === cents(expected.USD.revenue) + 100,
    JSON.stringify(withTest.totals)
  )
  return totals
}

/**
 * The discount codes some demo orders applied: their revenue per currency equals the seeded
 * sums, and ANNA10, mapped to Affiliates, takes all of its orders' credit under last_non_direct.
 */
async function checkCodes(demo, label, check) {
  const admin = await adminClient(demo.base, demo.admin)
  const expected = demo.seeded.expectedCodes
  check(`${label}: some Medusa orders applied a discount code`, Object.keys(expected).length > 0, JSON.stringify(expected))
  const from = new Date(Date.now() - 62 * DAY).toISOString()
  const to = new Date(Date.now() + 60_000).toISOString()
  for (const [currency, byCode] of Object.entries(expected)) {
    const r = await admin.get(`/admin/attribution/codes?from=${from}&to=${to}&currency=${currency}&split_by=channel`)
    for (const [code, sums] of Object.entries(byCode)) {
      const row = r.rows.find((x) => x.code === code)
      const got = row && { revenue: row.revenue, refunded: row.refunded, net_revenue: row.net_revenue, payments: row.payments }
      check(`${label}: ${currency} ${code} revenue equals the seeded orders' (${sums.revenue})`, JSON.stringify(got) === JSON.stringify(sums), JSON.stringify(got))
      if (code !== "ANNA10") continue
      check(
        `${label}: ${currency} ${code} is credited to Affiliates (its mapping) under last_non_direct`,
        row?.split?.length === 1 && row.split[0].key === "Affiliates" && cents(row.split[0].revenue) === cents(sums.revenue),
        JSON.stringify(row?.split)
      )
    }
  }
}

async function counts(db) {
  const out = {}
  for (const table of TABLES) {
    out[table] = Number((await db.query(`select count(*) from "${table}"`)).rows[0].count)
  }
  return out
}

/** Processes whose working folder or command line is inside `dir` (Linux /proc), but this one. */
function processesIn(dir) {
  const found = []
  for (const pid of fs.readdirSync("/proc").filter((f) => /^\d+$/.test(f) && Number(f) !== process.pid)) {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`)
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")
      if (cwd === dir || cwd.startsWith(`${dir}/`) || cmdline.includes(dir)) found.push(`${pid}: ${cmdline.slice(0, 120)}`)
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found
}

/** Whether something accepts connections on this URL's port. */
function listening(url) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "localhost", port: Number(new URL(url).port) })
    socket.once("connect", () => (socket.destroy(), resolve(true)))
    socket.once("error", () => resolve(false))
  })
}

/**
 * The demo's checks on a demo just started on a fresh database (`demo`, in folder `dir`): the
 * report against the seeded sums; that stopping it (what Ctrl-C does) leaves no process and no
 * port behind; then a second run on the same database, started with `start()`, with the
 * seeding's "done" marks cleared so that everything is sent again: no row added, no total
 * moved. Answers the demo of the second run, still running.
 */
async function checkDemoSeeding({ demo, databaseUrl, dir, start, check }) {
  const db = new Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const first = await checkTotals(demo, "first run", check)
    await checkCodes(demo, "first run", check)
    const methods = Object.fromEntries(
      (await db.query(`select link_method, count(*)::int as n from attribution_payment group by 1`)).rows.map((r) => [r.link_method, r.n])
    )
    check(
      "payments link by metadata, by email and by timestamp, and some stay unlinked",
      methods.metadata > 50 && methods.email >= 3 && methods.timestamp >= 2 && methods.unlinked >= 4,
      JSON.stringify(methods)
    )
    const [order] = (
      await db.query(`select link_method, visitor_id, session_id from attribution_payment where order_id = $1`, [demo.seeded.orderId])
    ).rows
    check(
      "seeded.orderId is a Store API order linked through the snippet's cart metadata",
      order?.link_method === "metadata" && /^demo-visitor-/.test(order.visitor_id) && /^demo-session-/.test(order.session_id),
      JSON.stringify(order)
    )
    const admin = await adminClient(demo.base, demo.admin)
    const { orders } = await admin.get(`/admin/orders?customer_id=${demo.seeded.customerId}&fields=id`)
    check("seeded.customerId is a Medusa customer with an order", orders.length >= 1, `${orders.length} orders`)
    const page = await (await fetch(demo.storefrontUrl)).text()
    check(
      "the storefront loads the real snippet with the publishable key",
      page.includes(`${demo.base}/attribution/script.js`) && page.includes(demo.publishableKey)
    )
    const before = await counts(db)
    await demo.stop()
    // Medusa's CLI forks a detached telemetry sender now and then (even with telemetry off it
    // sends an empty queue), which ends by itself within seconds: wait for such to end.
    let left = processesIn(path.resolve(dir))
    for (let i = 0; i < 30 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 500))
      left = processesIn(path.resolve(dir))
    }
    check("stopping the demo leaves no process of it running", left.length === 0, left.join("; "))
    const ports = [await listening(demo.base), await listening(demo.storefrontUrl)]
    check("stopping the demo frees the store's and the storefront's ports", !ports[0] && !ports[1], JSON.stringify(ports))

    // Everything again: the marks that let a second run skip seeding steps are cleared.
    await db.query(`delete from demo_seed_state where key in ('history', 'outside_payments')`)
    const again = await start()
    const second = await checkTotals(again, "second run", check)
    check("a second run leaves every total as it was", JSON.stringify(second) === JSON.stringify(first))
    const after = await counts(db)
    check("a second run adds no row anywhere", JSON.stringify(after) === JSON.stringify(before), `${JSON.stringify(before)} -> ${JSON.stringify(after)}`)
    return again
  } finally {
    await db.end().catch(() => undefined)
  }
}

/** On its own: a demo on a fresh database in a temporary folder, checked, stopped, dropped. */
async function main() {
  const { server, dbName, databaseUrl } = suiteDatabase("ra_demo_test")
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-demo-test-"))
  const log = (m) => console.log(`[demo] ${m}`)
  const maintenance = new Client({ ...server, database: "postgres" })
  await maintenance.connect()
  let demo = null
  const start = async () => (demo = await startDemo({ databaseUrl, dir, port: await freePort(), storefrontPort: await freePort(), log }))
  try {
    const started = Date.now()
    await start()
    console.log(`[demo] first run: ${((Date.now() - started) / 1000).toFixed(0)} s`)
    await checkDemoSeeding({ demo, databaseUrl, dir, start, check })
  } finally {
    await demo?.stop().catch(() => undefined)
    await maintenance.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
    await maintenance.end()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  console.log(closingLine())
  process.exit(results.counts.failed ? 1 : 0)
}

module.exports = { checkDemoSeeding }

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    console.log(closingLine({ crashed: true }))
    process.exit(1)
  })
}
