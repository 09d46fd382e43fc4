#!/usr/bin/env node
// Installs the packed plugin into a minimal Medusa 2.21 store, as a user would, and checks
// that it works there: `npm pack` -> `npm install <tarball>` -> `medusa db:migrate` ->
// `medusa build` (admin extensions bundled) -> `medusa start` -> tables exist, routes answer.
// The store is copied to a temporary folder so nothing resolves through this repository's
// node_modules: a dependency the package forgets to declare fails here, as it would for a user.
// Expects DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (scripts/with-postgres.js sets them).
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { suiteDatabase } = require("../lib/database")
const { suite } = require("../lib/suite")
const { freePort, run } = require("../../scripts/processes")
const { packPlugin, startMedusa, stopProcessGroup } = require("../../scripts/store-app")

const TEMPLATE = path.join(__dirname, "app")
const ADMIN = { email: "admin@store.test", password: "store-test-password" }
const PLUGIN_TABLES = [
  "attribution_visitor",
  "attribution_session",
  "attribution_event",
  "attribution_payment",
  "attribution_payment_reference",
  "attribution_refund",
  "attribution_webhook_delivery",
  "attribution_credit",
]
// Text that exists only in the plugin's admin page, to find it in the store's admin bundle.
const ADMIN_MARKER = "revenue-attribution-status"

const { counts, check, step, closingLine, timingLine } = suite("store")

async function main() {
  const { server: db, dbName, databaseUrl } = suiteDatabase("ra_store_test")
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ra-store-"))
  const app = path.join(work, "app")
  const admin = new Client({ ...db, database: "postgres" })
  await admin.connect()
  let server

  try {
    const { tarball } = await step("pack the plugin", () => packPlugin(work))

    const listing = run("tar", ["-tzf", tarball], work)
    check("the tarball ships the built module, migrations, routes, subscriber and admin bundle", [
      "package/.medusa/server/src/modules/attribution/index.js",
      "package/.medusa/server/src/modules/attribution/migrations/",
      "package/.medusa/server/src/api/admin/attribution/status/route.js",
      "package/.medusa/server/src/subscribers/record-order-payment.js",
      "package/.medusa/server/src/admin/index.mjs",
      "package/.medusa/server/src/api/attribution/events/route.js",
      "package/.medusa/server/src/api/store/attribution/events/route.js",
      "package/.medusa/server/src/api/attribution/script.js/route.js",
      "package/storefront-snippet/dist/index.mjs",
      "package/storefront-snippet/dist/server.cjs",
    ].every((f) => listing.includes(f)))
    check("the tarball ships no tests and no test config", !/__tests__|medusa-config\.js|integration-tests/.test(listing))

    await step("install the tarball into the store", () => {
      fs.cpSync(TEMPLATE, app, { recursive: true })
      run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], app)
    })

    await admin.query(`create database "${dbName}"`)
    const env = { DATABASE_URL: databaseUrl, NODE_ENV: "development", MEDUSA_DISABLE_TELEMETRY: "true" }

    await step("medusa db:migrate", () => run("npx", ["medusa", "db:migrate"], app, env))
    const store = new Client({ ...db, database: dbName })
    await store.connect()
    try {
      const { rows } = await store.query(
        `select table_name from information_schema.tables where table_schema = 'public' and table_name like 'attribution_%'`
      )
      const found = rows.map((r) => r.table_name)
      check("db:migrate created every plugin table", PLUGIN_TABLES.every((t) => found.includes(t)), `found ${found.join(", ")}`)
      const { rows: idx } = await store.query(
        `select indexname from pg_indexes where tablename = 'attribution_payment' and indexdef like 'CREATE UNIQUE INDEX%'`
      )
      check(
        "the payment idempotency key is a unique index",
        idx.some((r) => r.indexname === "IDX_attribution_payment_provider_payment_id_unique")
      )
    } finally {
      await store.end()
    }

    await step("medusa build (backend and admin)", () => run("npx", ["medusa", "build"], app, env))
    const assets = path.join(app, ".medusa/server/public/admin/assets")
    const bundled = fs.existsSync(assets)
      ? fs.readdirSync(assets).some((f) => f.endsWith(".js") && fs.readFileSync(path.join(assets, f), "utf8").includes(ADMIN_MARKER))
      : false
    check("the store's admin bundle contains the plugin's Attribution page", bundled)

    await step("create an admin user", () =>
      run("npx", ["medusa", "user", "-e", ADMIN.email, "-p", ADMIN.password], app, env)
    )

    const port = await freePort()
    const started = await step("medusa start until /health answers", () =>
      startMedusa({ app, port, env, logFile: path.join(work, "medusa.log"), timeoutMs: 120_000 })
    )
    server = started.child
    const base = started.base

    const unauthenticated = await fetch(`${base}/admin/attribution/status`)
    check("the plugin's admin route refuses an unauthenticated request", unauthenticated.status === 401, `got ${unauthenticated.status}`)

    const login = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    })
    const { token } = await login.json()
    const status = await fetch(`${base}/admin/attribution/status`, { headers: { authorization: `Bearer ${token}` } })
    const body = await status.json().catch(() => ({}))
    check(
      "the plugin's admin route answers an admin with the module's data",
      status.status === 200 && body.status && body.status.payments === 0 && body.status.providers.stripe.webhook_secret_configured === true,
      `got ${status.status} ${JSON.stringify(body)}`
    )
    check("the route's answer does not leak the webhook secret", !JSON.stringify(body).includes("whsec_store_test"))

    const script = await fetch(`${base}/attribution/script.js`)
    const scriptBody = await script.text()
    check(
      "the store serves the snippet at /attribution/script.js",
      script.status === 200 && /javascript/.test(script.headers.get("content-type") || "") && scriptBody.includes("revenueAttribution"),
      `got ${script.status}`
    )
    const collector = await fetch(`${base}/attribution/events`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ key: "pk_not_a_real_key", events: [] }),
    })
    check("the collector's fast path answers (401 for an unknown key)", collector.status === 401, `got ${collector.status}`)

    const helper = run(
      "node",
      [
        "-e",
        `const { getAttributionCartMetadata } = require("medusa-revenue-attribution/storefront/server");
         process.stdout.write(JSON.stringify(getAttributionCartMetadata("_ra_vid=vis_abcdefghijklmnop; _ra_sid=ses_abcdefghijklmnop")))`,
      ],
      app
    )
    check(
      "a storefront can require the server helper by package name",
      helper === JSON.stringify({ attribution_visitor_id: "vis_abcdefghijklmnop", attribution_session_id: "ses_abcdefghijklmnop" }),
      helper
    )

    const page = await fetch(`${base}/app`)
    check("the admin dashboard is served at /app", page.status === 200, `got ${page.status}`)
  } finally {
    await stopProcessGroup(server, 1000)
    await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
    await admin.end()
    fs.rmSync(work, { recursive: true, force: true })
  }

  console.log(timingLine())
  console.log(closingLine())
  process.exit(counts.failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  console.log(closingLine({ crashed: true }))
  process.exit(1)
})
