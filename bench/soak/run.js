#!/usr/bin/env node
// bench/soak: collector events and signed webhooks together, at fixed rates, for a long time.
//
// Packs the plugin into a new Medusa store (bench/lib/store, production mode, as bench/collector
// and bench/webhooks do), then offers two loads at once for --minutes: pageviews on the
// collector's fast path at --collector-rate requests/s and new Stripe payments
// (payment_intent.succeeded, signed) at --webhook-rate deliveries/s, each from its own
// autocannon instance with a fixed overall rate. Every --sample seconds it reads the server's
// resident memory (VmRSS). Prints, per minute, the throughput and p99 of each load and the
// server's memory; then the memory at the start and the end, the peaks of each half,
// and how many events and payments the database holds against the 202 and 200 answers counted.
// It never fails on a slow machine: the exit code is non-zero only when the run itself failed.
//
// The budgets of the benchmark issues are 1,000 collector requests/s and 200 deliveries/s, each
// measured alone. On a 2-core machine one route at its budget takes the whole machine, so the
// defaults offer half of each at once (500/s and 100/s); pass the full rates on a bigger machine.
//
// Options: --minutes=M (default 10), --collector-rate=N (500), --webhook-rate=N (100),
//          --sample=S (10), --connections=N per load (20)
// Postgres: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, else localhost:5432, else an embedded one.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { createStore, packPlugin, startStore } = require("../lib/store")
const { benchRun } = require("../lib/run")
const { loadAutocannon, percentile } = require("../lib/load")
const { STORE_FILES } = require("../collector/routes")
const { ORIGIN, STRIPE_USER_AGENT, USER_AGENT, pageviews, stripeDeliveries } = require("../lib/traffic")

const SECRET = "whsec_bench_soak"
const PLUGIN_OPTIONS = { collectorRateLimitPerMinute: 100_000_000, storeHosts: ["shop.example"], stripe: { webhookSecret: SECRET } }

function parseArgs(argv) {
  const opts = { minutes: 10, collectorRate: 500, webhookRate: 100, sample: 10, connections: 20 }
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, "").split("=")
    const n = Number(value)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${arg}: expects a positive number`)
    if (name === "minutes") opts.minutes = n
    else if (name === "collector-rate") opts.collectorRate = n
    else if (name === "webhook-rate") opts.webhookRate = n
    else if (name === "sample") opts.sample = n
    else if (name === "connections") opts.connections = n
    else throw new Error(`unknown option ${arg} (see the top of bench/soak/run.js)`)
  }
  return opts
}

/** The server's resident memory in MB, from /proc; null where unavailable. */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
    return kb ? Number(kb[1]) / 1024 : null
  } catch {
    return null
  }
}

/**
 * One load at a fixed overall rate for `seconds`. Latencies and statuses are kept per minute
 * of the run (by when the response arrived), so a slowdown late in the soak shows.
 */
function loadAtRate({ url, headers, makeRequest, rate, connections, seconds, startedAt, onInstance }) {
  const ac = loadAutocannon()
  const minutes = []
  const bucket = () => (minutes[Math.floor((Date.now() - startedAt) / 60_000)] ??= { latencies: [], ok: 0, other: 0 })
  return new Promise((resolve, reject) => {
    const instance = ac(
      {
        url,
        method: "POST",
        connections,
        overallRate: rate,
        duration: seconds,
        headers,
        timeout: 10,
        requests: [
          {
            setupRequest(req) {
              const r = makeRequest()
              req.body = r.body
              req.headers = { ...req.headers, ...r.headers }
              return req
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve({ minutes, errors: result.errors, timeouts: result.timeouts }))
    )
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      const b = bucket()
      b.latencies.push(responseTime)
      if (statusCode >= 200 && statusCode < 300) b.ok++
      else b.other++
    })
    onInstance(instance)
  })
}

const fmt = (v, digits = 1) => (v === null || v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(digits))
const pad = (s, n) => String(s).padStart(n)

function minuteFigures(m, seconds) {
  if (!m) return { rps: 0, p99: null, other: 0, ok: 0 }
  const sorted = [...m.latencies].sort((a, b) => a - b)
  return { rps: sorted.length / seconds, p99: percentile(sorted, 99), p50: percentile(sorted, 50), other: m.other, ok: m.ok }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  loadAutocannon()
  const { state, step, cleanup, db, databaseUrl, dbName, work } = await benchRun("soak", { prefix: "[soak]" })
  try {
    const tarball = await step("pack the plugin", () => packPlugin(work))
    const { app, serverDir } = await createStore({ work, tarball, databaseUrl, pluginOptions: PLUGIN_OPTIONS, files: STORE_FILES, step })
    const { child, base } = await step("medusa start (NODE_ENV=production)", () =>
      startStore({ serverDir, app, databaseUrl, logFile: path.join(work, "server.log"), onSpawn: (c) => (state.server = c) })
    )
    const setup = await fetch(`${base}/bench/setup`, { method: "POST" })
    if (setup.status !== 200) throw new Error(`creating a publishable key failed: ${setup.status} ${await setup.text()}`)
    const { token } = await setup.json()

    const tag = Math.random().toString(36).slice(2, 8)
    const nextEvent = pageviews(tag)
    const nextDelivery = stripeDeliveries(tag, SECRET)
    const collector = {
      url: `${base}/attribution/events`,
      headers: { "user-agent": USER_AGENT, origin: ORIGIN, accept: "*/*", "content-type": "text/plain;charset=UTF-8" },
      makeRequest: () => ({ body: JSON.stringify({ key: token, events: [nextEvent()] }), headers: {} }),
    }
    const webhooks = {
      url: `${base}/attribution/webhooks/stripe`,
      headers: { "content-type": "application/json", "user-agent": STRIPE_USER_AGENT },
      makeRequest: nextDelivery,
    }
    // Each route answers one real request before the soak, or the run stops.
    for (const [name, route, expected] of [["collector", collector, 202], ["webhook", webhooks, 200]]) {
      const r = route.makeRequest()
      const res = await fetch(route.url, { method: "POST", headers: { ...route.headers, ...r.headers }, body: r.body })
      if (res.status !== expected) throw new Error(`the ${name} answered ${res.status} ${await res.text()}; expected ${expected}`)
    }

    const seconds = Math.round(opts.minutes * 60)
    console.log(
      `[soak] ${opts.minutes} min: collector ${opts.collectorRate}/s and webhooks ${opts.webhookRate}/s at once, ` +
        `${opts.connections} connections each; server memory every ${opts.sample} s`
    )
    const memory = [{ at: 0, mb: rssMb(child.pid) }]
    const startedAt = Date.now()
    const sampler = setInterval(() => memory.push({ at: (Date.now() - startedAt) / 1000, mb: rssMb(child.pid) }), opts.sample * 1000)
    const common = { connections: opts.connections, seconds, startedAt, onInstance: (i) => state.instances.push(i) }
    const [c, w] = await Promise.all([
      loadAtRate({ ...collector, rate: opts.collectorRate, ...common }),
      loadAtRate({ ...webhooks, rate: opts.webhookRate, ...common }),
    ])
    clearInterval(sampler)
    memory.push({ at: (Date.now() - startedAt) / 1000, mb: rssMb(child.pid) })

    await fetch(`${base}/bench/flush`, { method: "POST" })
    const store = new Client({ ...db, database: dbName })
    await store.connect()
    const [counts] = (
      await store.query(`select (select count(*) from attribution_event)::int as events,
        (select count(*) from attribution_payment)::int as payments`)
    ).rows
    await store.end()

    console.log("")
    console.log(`${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), Node ${process.version}`)
    console.log(" minute | collector req/s  p50 ms  p99 ms  non-2xx | webhooks /s  p50 ms  p99 ms  non-2xx | server RSS MB")
    const whole = Math.ceil(seconds / 60)
    for (let i = 0; i < whole; i++) {
      const len = Math.min(60, seconds - i * 60)
      const cf = minuteFigures(c.minutes[i], len)
      const wf = minuteFigures(w.minutes[i], len)
      const rss = memory.filter((s) => s.at <= (i + 1) * 60 && s.mb !== null).pop()
      console.log(
        ` ${pad(i + 1, 6)} | ${pad(fmt(cf.rps), 15)} ${pad(fmt(cf.p50), 7)} ${pad(fmt(cf.p99), 7)} ${pad(cf.other, 8)} |` +
          ` ${pad(fmt(wf.rps), 11)} ${pad(fmt(wf.p50), 7)} ${pad(fmt(wf.p99), 7)} ${pad(wf.other, 8)} | ${pad(fmt(rss ? rss.mb : null, 0), 13)}`
      )
    }
    const all = (runs) => {
      const lat = runs.minutes.flatMap((m) => (m ? m.latencies : [])).sort((a, b) => a - b)
      const ok = runs.minutes.reduce((n, m) => n + (m ? m.ok : 0), 0)
      return { rps: lat.length / seconds, p99: percentile(lat, 99), ok, other: lat.length - ok, errors: runs.errors, timeouts: runs.timeouts }
    }
    const ca = all(c)
    const wa = all(w)
    console.log(
      `Whole run: collector ${fmt(ca.rps)} req/s (offered ${opts.collectorRate}), p99 ${fmt(ca.p99)} ms, ${ca.other} non-2xx, ${ca.errors} errors, ${ca.timeouts} timeouts; ` +
        `webhooks ${fmt(wa.rps)}/s (offered ${opts.webhookRate}), p99 ${fmt(wa.p99)} ms, ${wa.other} non-2xx, ${wa.errors} errors, ${wa.timeouts} timeouts.`
    )
    // The heap grows and shrinks with each garbage collection (a saw-tooth of hundreds of MB
    // under this load): compare the peaks of the two halves, not two single samples.
    const mb = memory.filter((s) => s.mb !== null)
    const peakOf = (list) => Math.max(...list.map((s) => s.mb))
    const firstHalf = peakOf(mb.filter((s) => s.at <= seconds / 2))
    const secondHalf = peakOf(mb.filter((s) => s.at > seconds / 2))
    const growth = (secondHalf - firstHalf) / firstHalf
    console.log(
      `Server memory (RSS): ${fmt(mb[0].mb, 0)} MB at the start, ${fmt(mb[mb.length - 1].mb, 0)} MB at the end; ` +
        `peak ${fmt(firstHalf, 0)} MB in the first half, ${fmt(secondHalf, 0)} MB in the second (${growth >= 0 ? "+" : ""}${fmt(growth * 100)}%: ` +
        `${growth < 0.1 ? "levels off" : "still growing: look for a leak"}).`
    )
    console.log(
      `Database after a flush: ${counts.events} events for ${ca.ok + 1} collector 202 answers counted; ` +
        `${counts.payments} payments for ${wa.ok + 1} webhook 200 answers counted (requests in flight when the load stopped are stored but not counted).`
    )
  } finally {
    await cleanup()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
