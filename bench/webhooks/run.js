#!/usr/bin/env node
// bench/webhooks: signed Stripe deliveries end to end through the real route of a real store.
//
// Packs the plugin, installs it into a new Medusa store in a temporary folder (bench/lib/store),
// starts it in production mode, and sends `payment_intent.succeeded` events, each a new payment
// signed as Stripe signs (stripe.webhooks.generateTestHeaderString), with autocannon at several
// concurrencies. Each delivery is verified, parsed, claimed, stored, linked and credited under
// every model before the 200. Prints deliveries/s and p50/p99 latency per concurrency, the
// budget as text, and how many payments the database holds against the 200 answers counted.
// It never fails on a slow machine: the exit code is non-zero only when the run itself failed.
//
// Options: --duration=S (default 10), --warmup=S (default 3), --connections=LIST (default 1,10,50),
//          --cpu-prof (profile the server with node --cpu-prof and print where its time goes)
// Postgres: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, else localhost:5432, else an embedded one.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { createStore, packPlugin, startStore, stopProcessGroup } = require("../lib/store")
const { benchRun } = require("../lib/run")
const { loadAutocannon, measure } = require("../lib/load")
const { STORE_FILES } = require("../collector/routes")
const { printProfileSummary } = require("../lib/profile")
const { STRIPE_USER_AGENT, stripeDeliveries } = require("../lib/traffic")

const BUDGET_PER_SECOND = 200
const SECRET = "whsec_bench_webhooks"
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function parseArgs(argv) {
  const opts = { duration: 10, warmup: 3, connections: [1, 10, 50], cpuProf: false }
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, "").split("=")
    if (name === "duration") opts.duration = Number(value)
    else if (name === "warmup") opts.warmup = Number(value)
    else if (name === "connections") opts.connections = value.split(",").map(Number)
    else if (name === "cpu-prof") opts.cpuProf = true
    else throw new Error(`unknown option ${arg} (see the top of bench/webhooks/run.js)`)
  }
  return opts
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  loadAutocannon()
  const { state, step, cleanup, db, databaseUrl, dbName, work } = await benchRun("webhooks")
  try {

    const tarball = await step("pack the plugin", () => packPlugin(work))
    const { app, serverDir } = await createStore({
      work,
      tarball,
      databaseUrl,
      pluginOptions: { stripe: { webhookSecret: SECRET } },
      files: STORE_FILES,
      step,
    })
    const profileDir = opts.cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), "ra-bench-prof-")) : null
    const { child, base } = await step("medusa start (NODE_ENV=production)", () =>
      startStore({
        serverDir,
        app,
        databaseUrl,
        logFile: path.join(work, "server.log"),
        nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
        onSpawn: (c) => (state.server = c),
      })
    )
    const windows = []

    const tag = Math.random().toString(36).slice(2, 8)
    const next = stripeDeliveries(tag, SECRET)
    const probe = next()
    const first = await fetch(`${base}/attribution/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", ...probe.headers },
      body: probe.body,
    })
    if (first.status !== 200) throw new Error(`a signed delivery answered ${first.status} ${await first.text()}`)

    let answered200 = 1
    const rows = []
    for (const connections of opts.connections) {
      const load = (seconds) =>
        measure({
          url: `${base}/attribution/webhooks/stripe`,
          headers: { "content-type": "application/json", "user-agent": STRIPE_USER_AGENT },
          makeRequest: next,
          connections,
          seconds,
          serverPid: child.pid,
          database: dbName,
        })
      if (opts.warmup > 0) answered200 += (await load(opts.warmup)).statuses[200] || 0
      const from = process.hrtime.bigint() / 1000n
      const r = await load(opts.duration)
      windows.push([Number(from), Number(process.hrtime.bigint() / 1000n)])
      answered200 += r.statuses[200] || 0
      const sorted = [...r.latencies].sort((a, b) => a - b)
      const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
      const non2xx = Object.entries(r.statuses).reduce((n, [s, c]) => (s.startsWith("2") ? n : n + c), 0)
      rows.push({ connections, rps: sorted.length / r.seconds, p50: pct(50), p99: pct(99), non2xx, serverCores: r.serverMs / (r.seconds * 1000) })
      await sleep(500)
    }

    const store = new Client({ ...db, database: dbName })
    await store.connect()
    const [counts] = (
      await store.query(`select
        (select count(*) from attribution_payment)::int as payments,
        (select count(*) from attribution_webhook_delivery)::int as deliveries,
        (select count(*) from attribution_credit)::int as credits`)
    ).rows
    await store.end()

    console.log("")
    console.log(`Signed Stripe deliveries (payment_intent.succeeded, one new payment each); ${opts.duration} s measured per row after ${opts.warmup} s warm-up.`)
    console.log(`${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), Node ${process.version}`)
    console.log("  conns  deliveries/s   p50 ms   p99 ms  non-2xx  server CPU")
    for (const r of rows) {
      console.log(
        `  ${String(r.connections).padStart(5)}  ${r.rps.toFixed(1).padStart(12)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.non2xx).padStart(7)}  ${(r.serverCores * 100).toFixed(0).padStart(8)}%`
      )
    }
    const best = Math.max(...rows.map((r) => r.rps))
    console.log(`Budget: at least ${BUDGET_PER_SECOND} deliveries/s: ${best >= BUDGET_PER_SECOND ? "MET" : "NOT MET"} (best ${best.toFixed(1)}/s)`)
    console.log(
      `Database: ${counts.payments} payments, ${counts.deliveries} deliveries recorded, ${counts.credits} credits; ` +
        `200 answers counted: ${answered200} (requests in flight when a run stopped are stored but not counted).`
    )
    if (profileDir) {
      await stopProcessGroup(state.server)
      state.server = null
      const [file] = fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"))
      if (!file) console.log("[bench] the server wrote no CPU profile (it did not exit cleanly)")
      else {
        printProfileSummary(path.join(profileDir, file), "Server CPU during the measured runs", windows)
        console.log(`\n[bench] CPU profile kept at ${path.join(profileDir, file)}`)
      }
    }
  } finally {
    await cleanup()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
