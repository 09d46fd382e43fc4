#!/usr/bin/env node
// The admin pages in a real browser: the demo store (demo/lib: the packed plugin installed by
// package name, the admin built with `medusa build`, a seeded catalogue, orders and payments)
// on a database of its own. First the demo's own checks run on it (integration-tests/demo/
// seed.test.js: seeded sums, a clean stop, an idempotent second run); then headless Chromium
// logs in, opens the Attribution page, an order's page, a customer's page and the settings
// page, and checks that the figures shown are the ones the API answered; the page files in
// pages/ add each feature's checks, the demo storefront's order last. Prints
// `demo: N passed, N failed` and `admin: N passed, N failed`.
//
// Screenshots of each page go to a temporary folder, or to the folder given in
// SAVE_SCREENSHOTS (`npm run screenshots` writes docs/screenshots, shown in the README).
// Expects DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (scripts/test.js sets them).
const fs = require("fs")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { chromium } = require("playwright-core")
const { freePort } = require("../../scripts/processes")
const { suiteDatabase } = require("../lib/database")
const { suite } = require("../lib/suite")
const { startDemo } = require("../../demo/lib")
const { checkDemoSeeding } = require("../demo/seed.test")

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const LOCALE = "en-US"
const TIMEZONE = "UTC"
const CARD_FIELDS = [
  "revenue",
  "net_revenue",
  "payments",
  "visitors",
  "conversion_rate",
  "revenue_per_visitor",
  "average_order_value",
  "refunded",
]

const { counts, check, step, closingLine, timingLine } = suite("admin")
// The demo's checks (seed.test.js) keep their own count, printed as the `demo:` line.
const demoSuite = suite("demo", { tag: "[demo] " })
const demoCheck = demoSuite.check

/** The admin's formats (src/admin/lib/format.ts), in the browser's locale set below. */
const format = {
  money: (v, currency) => new Intl.NumberFormat(LOCALE, { style: "currency", currency }).format(v),
  count: (v) => new Intl.NumberFormat(LOCALE).format(v),
  rate: (v) => new Intl.NumberFormat(LOCALE, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v),
  change: (v) =>
    v === null ? "—" : new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(v),
}

function formatField(field, value, currency) {
  if (field === "payments" || field === "visitors") return format.count(value)
  if (field === "conversion_rate") return format.rate(value)
  return format.money(value, currency)
}

/** Text of an element, with the non-breaking spaces Intl puts in some formats made plain. */
const plain = (s) => (s || "").replace(/\u00a0|\u202f/g, " ").trim()

/**
 * Keeps the latest JSON answer of each admin attribution route the page fetches, with the URL
 * it asked, so the test compares what is shown with what the page itself received.
 */
function recordResponses(page) {
  const seen = new Map()
  page.on("response", async (r) => {
    const url = new URL(r.url())
    if (r.request().method() !== "GET" || !url.pathname.startsWith("/admin/attribution/")) return
    const body = await r.json().catch(() => null)
    if (body) seen.set(url.pathname, { url: url.pathname + url.search, body })
  })
  return seen
}

async function waitFor(seen, pathname) {
  for (let i = 0; i < 600 && !seen.has(pathname); i++) await new Promise((r) => setTimeout(r, 100))
  if (!seen.has(pathname)) throw new Error(`the page never fetched ${pathname}`)
  return seen.get(pathname)
}

/** The page files to run (pages/*.js in name order; ADMIN_PAGES=spend,products runs only those). */
function selectedPageFiles() {
  const only = process.env.ADMIN_PAGES ? process.env.ADMIN_PAGES.split(",") : null
  const pagesDir = path.join(__dirname, "pages")
  const files = fs.existsSync(pagesDir) ? fs.readdirSync(pagesDir).filter((f) => f.endsWith(".js")).sort() : []
  return files.filter((f) => !only || only.includes(path.basename(f, ".js"))).map((f) => path.join(pagesDir, f))
}

async function main() {
  const { server: db, dbName, databaseUrl } = suiteDatabase("ra_admin_test")
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ra-admin-"))
  const shots = process.env.SAVE_SCREENSHOTS ? path.resolve(process.env.SAVE_SCREENSHOTS) : path.join(work, "screenshots")
  fs.mkdirSync(shots, { recursive: true })
  const pgAdmin = new Client({ ...db, database: "postgres" })
  await pgAdmin.connect()
  let demo
  let browser
  const prepared = []

  try {
    await pgAdmin.query(`create database "${dbName}"`)
    // A page file may export `prepare()`, run before the store starts: it answers `{ env, stop }`,
    // the environment the store needs (connections.js: its local Stripe API's URL), stopped at the end.
    for (const file of selectedPageFiles()) {
      const { prepare } = require(file)
      if (prepare) prepared.push(await prepare())
    }
    for (const p of prepared) Object.assign(process.env, p.env)
    const start = async () =>
      startDemo({
        databaseUrl,
        dir: path.join(work, "store"),
        port: await freePort(),
        storefrontPort: await freePort(),
        log: () => undefined,
      })
    demo = await step("start the seeded demo store (pack, install, migrate, seed, build, start)", start)
    // The demo's own checks first (integration-tests/demo/seed.test.js), on this fresh store:
    // seeded sums, a clean stop, a second run adding nothing. The pages then use the second run.
    demo = await step("check the demo's seeding, stop it and run it again", () =>
      checkDemoSeeding({ demo, databaseUrl, dir: path.join(work, "store"), start, check: demoCheck })
    )
    const { base } = demo
    const login = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(demo.admin),
    })
    const { token } = await login.json()
    const api = async (p) => {
      const r = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } })
      return r.json()
    }

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
    })
    const context = await browser.newContext({ locale: LOCALE, timezoneId: TIMEZONE, viewport: { width: 1440, height: 1000 } })
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)

    await step("log in to the admin", async () => {
      await page.goto(`${base}/app/login`)
      await page.fill('input[name="email"]', demo.admin.email)
      await page.fill('input[name="password"]', demo.admin.password)
      await Promise.all([page.waitForURL((u) => !u.pathname.endsWith("/login")), page.click('button[type="submit"]')])
    })

    // The Attribution page: cards against the summary the page itself fetched, and that
    // summary against the API asked directly with the same query.
    const seen = recordResponses(page)
    await step("open the Attribution page", async () => {
      await page.goto(`${base}/app/attribution`)
      await page.getByTestId("ra-card-revenue-value").waitFor()
    })
    await page.waitForLoadState("networkidle")
    const summary = await waitFor(seen, "/admin/attribution/summary")
    const direct = await api(summary.url)
    check("the page's summary is what the API answers for the same query", JSON.stringify(direct.current) === JSON.stringify(summary.body.current))
    const currency = summary.body.currency
    check("the seeded store has revenue to show", summary.body.current.revenue > 0, JSON.stringify(summary.body.current))
    for (const field of CARD_FIELDS) {
      const shown = plain(await page.getByTestId(`ra-card-${field}-value`).textContent())
      const expected = plain(formatField(field, summary.body.current[field], currency))
      check(`card ${field} shows the API's figure (${expected})`, shown === expected, `shown "${shown}"`)
      const change = plain(await page.getByTestId(`ra-card-${field}-change`).textContent())
      const expectedChange = plain(format.change(summary.body.change[field]))
      check(`card ${field} shows the API's change (${expectedChange})`, change.includes(expectedChange), `shown "${change}"`)
    }

    const breakdown = await waitFor(seen, "/admin/attribution/revenue")
    const report = await api(breakdown.url)
    check("the page's breakdown is what the API answers for the same query", JSON.stringify(report.rows) === JSON.stringify(breakdown.body.rows))
    await page.getByTestId("ra-breakdown-row").first().waitFor()
    const rows = await page.getByTestId("ra-breakdown-row").all()
    check("the breakdown shows one row per channel of the API", rows.length === report.rows.length, `${rows.length} vs ${report.rows.length}`)
    for (const apiRow of report.rows) {
      const row = page.locator(`[data-testid="ra-breakdown-row"][data-key="${apiRow.key.replace(/"/g, '\\"')}"]`)
      const shown = plain(await row.getByTestId("ra-cell-revenue").textContent().catch(() => ""))
      check(`breakdown row ${apiRow.key} shows the API's revenue`, shown === plain(format.money(apiRow.revenue, currency)), `shown "${shown}"`)
    }
    check("the revenue-over-time chart is drawn", (await page.getByTestId("ra-timeseries-chart").locator("svg").count()) > 0)
    check("the unlinked payments are listed", (await page.getByTestId("ra-unlinked-payments").count()) === 1)
    await page.screenshot({ path: path.join(shots, "attribution-page.png"), fullPage: true })

    // An order placed through the Store API with the snippet's ids: its widget.
    const journey = await api(`/admin/attribution/journey?order_id=${demo.seeded.orderId}&model=last_non_direct`)
    await step("open an order's page", async () => {
      await page.goto(`${base}/app/orders/${demo.seeded.orderId}`)
      await page.getByTestId("ra-order-widget").waitFor()
      await page.getByTestId("ra-order-channel").waitFor()
    })
    const channel = plain(await page.getByTestId("ra-order-channel").textContent())
    check(
      "the order widget shows the channel the API credits",
      journey.payments.length > 0 && channel === journey.payments[0].credited.channel,
      `shown "${channel}", API ${JSON.stringify(journey.payments[0] && journey.payments[0].credited)}`
    )
    const method = plain(await page.getByTestId("ra-order-link-method").textContent())
    check("the order widget shows how the payment was linked", journey.payments.length > 0 && method.includes(journey.payments[0].link_method), `shown "${method}"`)
    check(
      "the order widget lists the visitor's sessions",
      (await page.getByTestId("ra-order-session").count()) === journey.sessions.length && journey.sessions.length > 0,
      `${await page.getByTestId("ra-order-session").count()} vs ${journey.sessions.length}`
    )
    await page.getByTestId("ra-order-widget").screenshot({ path: path.join(shots, "order-widget.png") })

    // A customer with payments: first touch and revenue to date.
    const customer = await api(`/admin/attribution/journey?customer_id=${demo.seeded.customerId}`)
    await step("open a customer's page", async () => {
      await page.goto(`${base}/app/customers/${demo.seeded.customerId}`)
      await page.getByTestId("ra-customer-widget").waitFor()
      await page.getByTestId("ra-customer-revenue").first().waitFor()
    })
    if (customer.first_touch) {
      const firstTouch = plain(await page.getByTestId("ra-customer-first-touch-channel").textContent())
      check("the customer widget shows the first-touch channel", firstTouch === customer.first_touch.channel, `shown "${firstTouch}"`)
    }
    const revenueShown = (await page.getByTestId("ra-customer-revenue").allTextContents()).map(plain)
    for (const r of customer.revenue_to_date) {
      const expected = plain(format.money(r.revenue, r.currency))
      check(`the customer widget shows revenue to date ${expected}`, revenueShown.some((t) => t.includes(expected)), JSON.stringify(revenueShown))
    }
    await page.getByTestId("ra-customer-widget").screenshot({ path: path.join(shots, "customer-widget.png") })

    // Settings: webhook URLs, secrets configured, the script tag, the latest arrivals.
    const status = await api("/admin/attribution/status")
    await step("open the settings page", async () => {
      await page.goto(`${base}/app/settings/attribution`)
      await page.getByTestId("ra-settings-page").waitFor()
      await page.getByTestId("ra-script-tag").waitFor()
    })
    for (const provider of ["stripe", "lemonsqueezy"]) {
      const url = plain(await page.getByTestId(`ra-webhook-url-${provider}`).textContent())
      check(`the settings page shows the ${provider} webhook URL`, url === `${base}/attribution/webhooks/${provider}`, `shown "${url}"`)
      const secret = plain(await page.getByTestId(`ra-secret-status-${provider}`).textContent())
      const configured = status.status.providers[provider].webhook_secret_configured
      check(
        `the settings page says whether the ${provider} secret is configured`,
        configured ? secret.startsWith("Configured") : secret.startsWith("Not configured"),
        `shown "${secret}"`
      )
    }
    const tag = plain(await page.getByTestId("ra-script-tag").textContent())
    const { api_keys: keys } = await api("/admin/api-keys?type=publishable&limit=100")
    const live = keys.filter((k) => !k.revoked_at).map((k) => k.token)
    check(
      "the script tag carries one of the store's publishable keys and the store's script URL",
      live.includes(demo.publishableKey) && live.some((k) => tag.includes(`data-key="${k}"`)) && tag.includes(`${base}/attribution/script.js`),
      tag
    )
    check("the page lists the latest events", (await page.getByTestId("ra-recent-events").count()) === 1)
    check("the settings page shows no webhook secret", !(await page.content()).includes(demo.secrets.stripe))
    await page.screenshot({ path: path.join(shots, "settings-page.png"), fullPage: true })

    // Each feature's own browser checks (integration-tests/admin/pages/*.js, in name order):
    // `module.exports = async (ctx) => {...}`; ADMIN_PAGES=spend,products runs only those.
    const apiAs = async (p, init = {}) => {
      const r = await fetch(`${base}${p}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers || {}) } })
      return { status: r.status, body: await r.json().catch(() => null) }
    }
    for (const file of selectedPageFiles()) {
      await require(file)({ page, base, api, apiAs, token, demo, step, check, shots, plain, format, recordResponses, waitFor })
    }
    console.log(`[admin] screenshots in ${shots}`)
  } finally {
    if (browser) await browser.close().catch(() => undefined)
    if (demo) await demo.stop().catch(() => undefined)
    for (const p of prepared) await p.stop().catch(() => undefined)
    await pgAdmin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
    await pgAdmin.end()
    fs.rmSync(work, { recursive: true, force: true })
  }

  console.log(timingLine())
  console.log(demoSuite.closingLine())
  console.log(closingLine())
  process.exit(counts.failed || demoSuite.counts.failed ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  console.log(demoSuite.closingLine())
  console.log(closingLine({ crashed: true }))
  process.exit(1)
})
