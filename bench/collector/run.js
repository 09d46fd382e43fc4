#!/usr/bin/env node
// bench/collector: storefront events through the real HTTP stack of a real store.
//
// Packs the plugin, installs it into a new Medusa store in a temporary folder (as
// integration-tests/store/run.js does) together with an empty route of each kind, starts the
// store with `medusa start` in production mode, and loads each route with autocannon at
// several concurrencies. Every request carries ONE pageview, what a browser sends per page.
// Prints req/s and p50/p99 latency per route and concurrency, the ratio of each collector route
// to the empty route of its own kind, the budgets as text, and how many events reached the
// database against the 202 answers counted. It never fails on a slow machine: the exit code is
// non-zero only when the benchmark itself could not run.
//
// Options:
//   --duration=S        measured seconds per route and concurrency (default 10)
//   --warmup=S          warm-up seconds per route before measuring, not counted (default 3)
//   --rounds=N          split the measured time into N slices per route, alternating the empty
//                       route and the collector A B B A ... (default 2)
//   --connections=LIST  concurrencies, comma-separated (default 1,10,50)
//   --only=custom|store run one kind of route only
//   --cpu-prof          profile the server (node --cpu-prof) and print where its time goes
//   --log-level=LEVEL   the store's LOG_LEVEL (default Medusa's: http, one JSON line per request)
//   --json=FILE         also write the figures as JSON
// Postgres: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, else localhost:5432, else an embedded one.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { createStore, packPlugin, startStore, stopProcessGroup } = require("../lib/store")
const { benchRun } = require("../lib/run")
const { combine, loadAutocannon, machineJiffies, measure } = require("../lib/load")
const { printProfileSummary } = require("../lib/profile")
const { STORE_FILES } = require("./routes")
const { ORIGIN, USER_AGENT, pageviews } = require("../lib/traffic")

const BUDGET = { rps: 1000, p99Ms: 50, ratio: 0.4 }
// The rate limiter stays on (its cost is part of the figure) with a limit the load never reaches.
const PLUGIN_OPTIONS = { collectorRateLimitPerMinute: 100_000_000, storeHosts: ["shop.example"] }

function parseArgs(argv) {
  const opts = { duration: 10, warmup: 3, rounds: 2, connections: [1, 10, 50], only: null, cpuProf: false, logLevel: null, json: null }
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, "").split("=")
    if (name === "duration") opts.duration = Number(value)
    else if (name === "warmup") opts.warmup = Number(value)
    else if (name === "rounds") opts.rounds = Number(value)
    else if (name === "connections") opts.connections = value.split(",").map(Number)
    else if (name === "only") opts.only = value
    else if (name === "cpu-prof") opts.cpuProf = true
    else if (name === "log-level") opts.logLevel = value
    else if (name === "json") opts.json = path.resolve(value)
    else throw new Error(`unknown option ${arg} (see the top of bench/collector/run.js)`)
  }
  if (opts.only !== null && !["custom", "store"].includes(opts.only)) {
    throw new Error("--only takes custom or store")
  }
  if (!(opts.duration > 0) || !(opts.warmup >= 0) || !(opts.rounds >= 1) || !opts.connections.every((c) => c > 0)) {
    throw new Error("--duration, --warmup, --rounds and --connections must be positive numbers")
  }
  return opts
}

/** The two kinds of route, each with its empty counterpart and the request a client sends. */
function kinds(key) {
  const browser = { "user-agent": USER_AGENT, origin: ORIGIN, accept: "*/*" }
  return [
    {
      kind: "custom",
      title: "fast path (custom route, key in a text/plain body)",
      collector: "/attribution/events",
      empty: "/bench/empty",
      headers: { ...browser, "content-type": "text/plain;charset=UTF-8" },
      body: (event) => JSON.stringify({ key, events: [event] }),
    },
    {
      kind: "store",
      title: "/store route (x-publishable-api-key header, JSON body)",
      collector: "/store/attribution/events",
      empty: "/store/bench/empty",
      headers: { ...browser, "content-type": "application/json", "x-publishable-api-key": key },
      body: (event) => JSON.stringify({ events: [event] }),
    },
  ]
}

const fmt = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "-")
const pad = (s, n, left = false) => (left ? String(s).padEnd(n) : String(s).padStart(n))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

const percent = (v) => (v === null || v === undefined || !Number.isFinite(v) ? "-" : `${Math.round(v * 100)}%`)

/** CPU used by neither the server, its Postgres backends nor the load generator: other work. */
function otherCpu(r) {
  if (r.machineCores === null || r.serverCpu === null) return null
  return Math.max(0, r.machineCores - r.serverCpu - (r.pgCpu || 0) - r.loadCpu)
}

function tableLines(results) {
  const cols = [
    ["route", 32, (r) => `POST ${r.path}`, true],
    ["conns", 5, (r) => r.connections],
    ["req/s", 7, (r) => fmt(r.rps, 0)],
    ["p50 ms", 7, (r) => fmt(r.p50, 2)],
    ["p99 ms", 7, (r) => fmt(r.p99, 2)],
    ["non-2xx", 7, (r) => r.non2xx],
    ["errors", 6, (r) => r.errors + r.timeouts],
    ["server", 6, (r) => percent(r.serverCpu)],
    ["pg", 5, (r) => percent(r.pgCpu)],
    ["loadgen", 7, (r) => percent(r.loadCpu)],
    ["other", 5, (r) => percent(otherCpu(r))],
    ["db tx/s", 7, (r) => fmt(r.dbTxPerSec, 0)],
    ["vs empty", 8, (r) => (r.ratio === undefined ? "" : percent(r.ratio))],
  ]
  const head = cols.map(([name, n, , left]) => pad(name, n, left)).join(" ")
  const lines = [head, "-".repeat(head.length)]
  for (const r of results) lines.push(cols.map(([, n, get, left]) => pad(get(r), n, left)).join(" "))
  return lines
}

function verdictLines(results) {
  const lines = []
  const yes = (ok) => (ok ? "meets" : "MISSES")
  for (const r of results.filter((x) => x.role === "collector")) {
    const parts = []
    if (r.kind === "custom") {
      parts.push(
        `${yes(r.rps >= BUDGET.rps && r.p99 < BUDGET.p99Ms)} >= ${BUDGET.rps} req/s with p99 < ${BUDGET.p99Ms} ms (${fmt(r.rps, 0)} req/s, p99 ${fmt(r.p99, 1)} ms)`
      )
    }
    parts.push(`${yes(r.ratio >= BUDGET.ratio)} >= ${BUDGET.ratio * 100}% of the empty route (${percent(r.ratio)})`)
    lines.push(`  POST ${r.path}, ${r.connections} connection(s): ${parts.join("; ")}`)
  }
  // The absolute budget is judged at the best concurrency: at 1 connection throughput is one
  // round trip at a time, and with many connections Little's law ties p99 to the queue
  // (mean latency = connections / throughput: 50 connections at 1,000 req/s is 50 ms).
  const fast = results.filter((x) => x.role === "collector" && x.kind === "custom")
  if (fast.length) {
    const passing = fast.filter((r) => r.rps >= BUDGET.rps && r.p99 < BUDGET.p99Ms)
    const best = [...fast].sort((a, b) => b.rps - a.rps)[0]
    lines.push(
      passing.length
        ? `  => fast path budget MET at ${passing.map((r) => r.connections).join(", ")} connection(s)`
        : `  => fast path budget NOT MET at any concurrency (best: ${fmt(best.rps, 0)} req/s, p99 ${fmt(best.p99, 1)} ms at ${best.connections} connection(s))`
    )
  }
  for (const kind of ["custom", "store"]) {
    const rows = results.filter((x) => x.role === "collector" && x.kind === kind)
    if (!rows.length) continue
    const low = rows.filter((r) => !(r.ratio >= BUDGET.ratio))
    lines.push(
      low.length
        ? `  => POST ${rows[0].path}: ratio budget NOT MET at ${low.map((r) => r.connections).join(", ")} connection(s)`
        : `  => POST ${rows[0].path}: ratio budget MET at every concurrency (${rows.map((r) => percent(r.ratio)).join(", ")})`
    )
  }
  return lines
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  loadAutocannon()
  const autocannonVersion = require("autocannon/package.json").version

  const { state, step, cleanup, timings, db, databaseUrl, dbName, work } = await benchRun("collector")
  try {

    const tarball = await step("pack the plugin", () => packPlugin(work))
    const { app, serverDir } = await createStore({
      work,
      tarball,
      databaseUrl,
      pluginOptions: PLUGIN_OPTIONS,
      files: STORE_FILES,
      step,
    })

    const profileDir = opts.cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), "ra-bench-prof-")) : null
    const logFile = path.join(work, "server.log")
    const { child, base } = await step("medusa start (NODE_ENV=production)", async () => {
      const started = await startStore({
        serverDir,
        app,
        databaseUrl,
        logFile,
        nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
        onSpawn: (c) => (state.server = c),
        env: opts.logLevel ? { LOG_LEVEL: opts.logLevel } : {},
      })
      return started
    })

    const setup = await fetch(`${base}/bench/setup`, { method: "POST" })
    if (setup.status !== 200) throw new Error(`creating a publishable key failed: ${setup.status} ${await setup.text()}`)
    const { token } = await setup.json()
    const tag = Math.random().toString(36).slice(2, 8)
    const nextEvent = pageviews(tag)
    const routes = kinds(token).filter((k) => !opts.only || k.kind === opts.only)

    // Each route answers one real request as expected before any load: a collector that
    // dropped the request as a bot would answer 202 {"accepted":0} and measure nothing.
    let collector202 = 0
    let inFlightBound = 0
    for (const k of routes) {
      for (const [role, p] of [["empty", k.empty], ["collector", k.collector]]) {
        const res = await fetch(`${base}${p}`, { method: "POST", headers: k.headers, body: k.body(nextEvent()) })
        const body = await res.text()
        let accepted = null
        try {
          accepted = JSON.parse(body).accepted
        } catch {
          // not JSON: reported below
        }
        if (res.status !== 202 || accepted !== 1) {
          throw new Error(`POST ${p} answered ${res.status} ${body}; expected 202 {"accepted":1}`)
        }
        if (role === "collector") collector202++
      }
    }

    // Other work on the machine (another test run, a build) takes CPU from the figures.
    const before = machineJiffies()
    await sleep(2000)
    const after = machineJiffies()
    const background = before && after ? (after.busy - before.busy) / Math.max(1, after.total - before.total) : 0
    if (background > 0.1) {
      console.log(`[bench] note: ${percent(background)} of the machine's CPU was busy before any load (other processes): figures may be low`)
    }
    console.log(
      `[bench] ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), Node ${process.version}, autocannon ${autocannonVersion}, ` +
        `store LOG_LEVEL ${opts.logLevel || "http (Medusa's default: every request logged)"}; ` +
        `per route and concurrency: ${opts.warmup} s warm-up, then ${opts.duration} s measured in ${opts.rounds} alternating slices; one pageview per request`
    )
    // Transactions committed in the store's database: how well the collector batches its writes.
    const commits = async () =>
      Number((await state.admin.query(`select xact_commit from pg_stat_database where datname = $1`, [dbName])).rows[0].xact_commit)
    const results = []
    const windows = {}
    const slice = opts.duration / opts.rounds
    for (const k of routes) {
      for (const connections of opts.connections) {
        const load = (role) => {
          const p = role === "empty" ? k.empty : k.collector
          return {
            path: p,
            url: `${base}${p}`,
            headers: k.headers,
            makeBody: () => k.body(nextEvent()),
            connections,
            serverPid: child.pid,
            database: dbName,
            onInstance: (i) => (state.instances = [i]),
          }
        }
        const run = async (role, seconds, measured) => {
          const l = load(role)
          const txBefore = await commits()
          const from = process.hrtime.bigint() / 1000n
          const r = await measure({ ...l, seconds })
          const to = process.hrtime.bigint() / 1000n
          // Postgres publishes these counters about once a second: the figure is approximate.
          r.dbTx = (await commits()) - txBefore
          state.instances = []
          if (measured) (windows[l.path] ??= []).push([Number(from), Number(to)])
          if (role === "collector") {
            collector202 += r.statuses[202] || 0
            inFlightBound += connections
          }
          // Let the collector's buffered writes finish before the next run starts.
          await fetch(`${base}/bench/flush`, { method: "POST" })
          await sleep(300)
          return r
        }
        if (opts.warmup > 0) {
          await run("empty", opts.warmup, false)
          await run("collector", opts.warmup, false)
        }
        // Measured slices in the order A B B A (A B B A ...): a change in the machine's load
        // during the pair affects both routes alike, so their ratio stays fair.
        const parts = { empty: [], collector: [] }
        for (let round = 0; round < opts.rounds; round++) {
          const order = round % 2 === 0 ? ["empty", "collector"] : ["collector", "empty"]
          for (const role of order) parts[role].push(await run(role, slice, true))
        }
        const empty = { ...combine(parts.empty), kind: k.kind, role: "empty", path: k.empty }
        const collector = { ...combine(parts.collector), kind: k.kind, role: "collector", path: k.collector }
        collector.ratio = collector.rps / empty.rps
        results.push(empty, collector)
        for (const r of [empty, collector]) console.log(`  ${tableLines([r])[2]}`)
      }
    }

    await sleep(1000)
    const flushed = await fetch(`${base}/bench/flush`, { method: "POST" })
    const store = new Client({ ...db, database: dbName })
    await store.connect()
    const [counts] = (
      await store.query(`select
        (select count(*) from attribution_event)::int as events,
        (select count(*) from attribution_session)::int as sessions,
        (select count(*) from attribution_visitor)::int as visitors`)
    ).rows
    await store.end()

    const out = []
    out.push(
      "",
      `Results: one pageview per request; ${opts.duration} s measured per row (${opts.rounds} slices alternating with the other route of the pair)`,
      `after ${opts.warmup} s of warm-up; req/s = responses / measured seconds; p50/p99 over every response of the row.`,
      "CPU in % of one core: server = the store's process; pg = the Postgres backends of its database; loadgen = this",
      `load generator; other = the rest of the ${os.cpus().length} CPUs' busy time (Postgres background work, other programs).`,
      "db tx/s = transactions committed in the store's database per second (approximate: Postgres publishes them about",
      "once a second). vs empty = req/s of the collector / req/s of the empty route of its kind, at the same concurrency.",
      ""
    )
    for (const k of routes) {
      out.push(`${k.title}`)
      out.push(...tableLines(results.filter((r) => r.kind === k.kind)).map((l) => `  ${l}`), "")
    }
    out.push(`Budgets (fast path: >= ${BUDGET.rps} req/s with p99 < ${BUDGET.p99Ms} ms; every collector route: >= ${BUDGET.ratio * 100}% of its empty route's req/s):`)
    out.push(...verdictLines(results), "")
    const lost = Math.max(0, collector202 - counts.events)
    const extra = counts.events - collector202
    out.push(
      `Events in the database after a flush${flushed.ok ? "" : " (the flush request failed)"}: ${counts.events} ` +
        `(${counts.sessions} sessions, ${counts.visitors} visitors); collector answers 202 counted: ${collector202}. ` +
        (lost
          ? `${lost} answered events are MISSING.`
          : `None lost; ${extra} more stored than counted (requests in flight when a run stopped are processed but not counted; at most ${inFlightBound}).`)
    )
    for (const line of out) console.log(line)

    if (opts.json) {
      fs.writeFileSync(opts.json, JSON.stringify({ options: opts, results, database: counts, collector202, budget: BUDGET }, null, 2))
      console.log(`[bench] figures written to ${opts.json}`)
    }

    await stopProcessGroup(state.server)
    state.server = null
    if (profileDir) {
      const [file] = fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"))
      if (!file) {
        console.log("[bench] the server wrote no CPU profile (it did not exit cleanly)")
      } else {
        const profile = path.join(profileDir, file)
        // The measured windows (monotonic microseconds) of each route, for further analysis.
        fs.writeFileSync(path.join(profileDir, "windows.json"), JSON.stringify(windows, null, 2))
        for (const k of routes) {
          printProfileSummary(profile, `Server CPU during POST ${k.collector} runs`, windows[k.collector])
          printProfileSummary(profile, `Server CPU during POST ${k.empty} runs`, windows[k.empty])
        }
        console.log(`\n[bench] CPU profile kept at ${profile} (open it in Chrome DevTools or speedscope;`)
        console.log(`        windows.json beside it holds each route's measured time windows on the profile's clock)`)
      }
    }
    console.log(`[bench] timings: ${timings.join(", ")}`)
  } finally {
    await cleanup()
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`\n[bench] could not run: ${e && e.stack ? e.stack : e}`)
    process.exit(1)
  }
)
