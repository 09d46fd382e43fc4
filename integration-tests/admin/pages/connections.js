// The settings page's Paddle and Polar webhook cards, and connecting Stripe from it (src/admin/components/settings/connections-section.tsx
// and connections/*): the store talks to a local Stripe API (integration-tests/provider-api/
// stripe-server.ts, started by `prepare()` below before the demo store, which reads its URL from
// ATTRIBUTION_STRIPE_API_BASE_URL). The form is shown prefilled; a rejected key, a key without
// the webhook permission and a webhook URL Stripe cannot reach each show the API's message and
// register nothing; a good key connects (account, test mode, key hint, the endpoint registered
// in the mock and counted as the Stripe webhook's secret); an import of the last 30 days runs
// with its progress polled, ends with the counts the API answers and stores each payment in the
// window once, also when run again; Disconnect removes the endpoint from the mock.
// Screenshots: connect-stripe.png, backfill-progress.png.
const http = require("http")
const path = require("path")

const DAY_MS = 86_400_000
/** The import's window; the mock also holds objects older than it, which must not be imported. */
const DAYS = 30
/** Standalone charges, enough for two pages of Stripe's 100. */
const BULK_CHARGES = 120
/** How long the proxy holds each Stripe answer while the import runs, so its progress can be seen. */
const SLOW_MS = 1500

const PERMISSIONS = ["charge_read", "checkout_session_read", "customer_read", "invoice_read"]
/** A restricted key with what the form lists, webhook endpoints write included. */
const GOOD_KEY = "rk_test_51AdminBrowserCheck0000000000000000000000000000000000Ab12Cd"
const PUBLIC_URL = "https://shop.example.com/attribution/webhooks/stripe"

/** Set by prepare(), read by the check. */
let stripe = null

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const secondsAgo = (days, extraSeconds = 0) => Math.floor((Date.now() - days * DAY_MS) / 1000) + extraSeconds

/**
 * The account's past payments: 3 checkout sessions with their charges (one partly refunded), a
 * subscription invoice with its charge, BULK_CHARGES payment-link charges (one refunded in full),
 * a failed charge, and objects older than the window. 4 + BULK_CHARGES payments in the window.
 */
function stripeData({ stripeObjects: o }) {
  const sessions = []
  const charges = []
  for (const [i, days] of [2, 5, 9].entries()) {
    const pi = `pi_adm_cs_${i}`
    sessions.push(o.checkoutSession({ id: `cs_test_adm_${i}`, created: secondsAgo(days), amount: 4900, currency: "usd", paymentIntent: pi, email: `buyer${i}@example.com` }))
    const refunds = i === 1 ? [{ id: `re_adm_cs_${i}`, amount: 500, created: secondsAgo(days - 1) }] : []
    charges.push(o.charge({ id: `ch_adm_cs_${i}`, created: secondsAgo(days, 5), amount: 4900, currency: "usd", paymentIntent: pi, refunds }))
  }
  const invoices = [
    o.invoice({ id: "in_adm_1", created: secondsAgo(12), amount: 1900, currency: "usd", paymentIntent: "pi_adm_in_1", charge: "ch_adm_in_1", subscription: "sub_adm_1" }),
  ]
  charges.push(o.charge({ id: "ch_adm_in_1", created: secondsAgo(12, 5), amount: 1900, currency: "usd", paymentIntent: "pi_adm_in_1", invoice: "in_adm_1" }))
  for (let i = 0; i < BULK_CHARGES; i++) {
    const created = secondsAgo(1 + (i * (DAYS - 6)) / BULK_CHARGES)
    const refunds = i === 0 ? [{ id: "re_adm_bulk_0", amount: 2500, created: created + 3600 }] : []
    charges.push(o.charge({ id: `ch_adm_bulk_${i}`, created, amount: 2500 + i, currency: "usd", paymentIntent: `pi_adm_bulk_${i}`, refunds }))
  }
  charges.push(o.charge({ id: "ch_adm_failed", created: secondsAgo(3), amount: 9900, currency: "usd", paymentIntent: "pi_adm_failed", status: "failed" }))
  charges.push(o.charge({ id: "ch_adm_old", created: secondsAgo(DAYS + 15), amount: 7700, currency: "usd", paymentIntent: "pi_adm_old" }))
  sessions.push(o.checkoutSession({ id: "cs_test_adm_old", created: secondsAgo(DAYS + 30), amount: 7700, currency: "usd", paymentIntent: "pi_adm_old" }))
  return { checkoutSessions: sessions, charges, invoices, expectedPayments: 4 + BULK_CHARGES }
}

/**
 * Forwards every request to the Stripe mock, holding it `delay.ms` first: the import then runs
 * for seconds instead of milliseconds, long enough to see and screenshot its progress.
 */
async function startSlowProxy(target) {
  const delay = { ms: 0 }
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode, answer.headers)
        answer.pipe(res)
      })
      upstream.on("error", (e) => res.writeHead(502).end(String(e)))
      req.pipe(upstream)
    }, delay.ms)
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    delay,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}

/** Before the demo starts: the Stripe mock and its proxy, whose URL the demo's config reads. */
async function prepare() {
  // stripe-server.ts is TypeScript: compiled on the fly (the root tsconfig's ts-node settings).
  require("ts-node").register({ transpileOnly: true })
  const mod = require("../../provider-api/stripe-server.ts")
  const { expectedPayments, ...data } = stripeData(mod)
  const api = await mod.startStripeApi(data, {
    keys: { [mod.STRIPE_TEST_KEYS.restricted]: PERMISSIONS, [GOOD_KEY]: [...PERMISSIONS, "webhook_write"] },
  })
  const proxy = await startSlowProxy(api.url)
  stripe = { mod, api, proxy, expectedPayments }
  return {
    env: { ATTRIBUTION_STRIPE_API_BASE_URL: proxy.url },
    stop: async () => {
      await proxy.close()
      await api.close()
    },
  }
}

module.exports = async ({ page, base, apiAs, step, check, shots, plain, format }) => {
  const { mod, api, proxy, expectedPayments } = stripe
  const card = page.getByTestId("ra-connection-stripe")
  const text = async (testId) => plain(await page.getByTestId(testId).textContent())

  await step("open the settings page's provider connections", async () => {
    await page.goto(`${base}/app/settings/attribution`)
    await page.getByTestId("ra-connections-section").waitFor()
    await page.getByTestId("ra-connect-stripe-form").waitFor()
  })
  // The Payment webhooks section lists Paddle and Polar too, with the status route's answer.
  const { status } = (await apiAs("/admin/attribution/status")).body
  for (const provider of ["paddle", "polar"]) {
    const url = await text(`ra-webhook-url-${provider}`)
    check(`the ${provider} webhook URL is shown`, url === `${base}/attribution/webhooks/${provider}`, url)
    const secret = await text(`ra-secret-status-${provider}`)
    const configured = status.providers[provider]?.webhook_secret_configured
    check(
      `whether the ${provider} secret is configured is the status route's answer (${configured})`,
      configured === undefined ? false : configured ? secret.startsWith("Configured") : secret.startsWith("Not configured"),
      secret
    )
  }

  const listed = (await apiAs("/admin/attribution/connections")).body
  check("the demo has an encryption key, so connecting is possible", listed.encryption_configured === true, JSON.stringify(listed))
  check("no warning about a missing encryption key", (await page.getByTestId("ra-connections-encryption-missing").count()) === 0)
  check("Stripe is not connected yet", (await card.getAttribute("data-connected")) === "false")
  const keyInput = page.getByTestId("ra-connect-stripe-api-key")
  check("the key field is a password field", (await keyInput.getAttribute("type")) === "password")
  const urlInput = page.getByTestId("ra-connect-stripe-webhook-url")
  check("the webhook URL is prefilled with the store's Stripe route", (await urlInput.inputValue()) === `${base}/attribution/webhooks/stripe`, await urlInput.inputValue())
  check("registering the webhook is ticked by default", (await page.getByTestId("ra-connect-stripe-register").getAttribute("data-state")) === "checked")
  const permissions = plain(await page.getByTestId("ra-connect-stripe-permissions").textContent())
  check(
    "the form lists the permissions the key needs",
    ["Charges: Read", "Checkout Sessions: Read", "Customers: Read", "Invoices: Read", "Webhook Endpoints: Write"].every((p) => permissions.includes(p)),
    permissions
  )
  check(
    "Lemon Squeezy asks for a store id, its URL prefilled too",
    (await page.getByTestId("ra-connect-lemonsqueezy-store-id").count()) === 1 &&
      (await page.getByTestId("ra-connect-lemonsqueezy-webhook-url").inputValue()) === `${base}/attribution/webhooks/lemonsqueezy`
  )

  /** Submits the form and answers the API's status and body; the page must show its message. */
  const attempt = async (key, url) => {
    await keyInput.fill(key)
    await urlInput.fill(url)
    const answered = page.waitForResponse((r) => r.url().endsWith("/admin/attribution/connections/stripe") && r.request().method() === "POST")
    await page.getByTestId("ra-connect-stripe-submit").click()
    const res = await answered
    return { status: res.status(), body: await res.json().catch(() => null) }
  }
  const refusals = [
    ["a rejected key", mod.STRIPE_TEST_KEYS.rejected, `${base}/attribution/webhooks/stripe`, /key/i],
    ["a key without Webhook Endpoints: Write", mod.STRIPE_TEST_KEYS.restricted, `${base}/attribution/webhooks/stripe`, /webhook/i],
    ["a webhook URL on localhost", GOOD_KEY, `${base}/attribution/webhooks/stripe`, /public/i],
  ]
  for (const [what, key, url, mentions] of refusals) {
    const { status, body } = await step(`connect with ${what}`, () => attempt(key, url))
    await page.getByTestId("ra-connect-stripe-error").waitFor()
    const shown = await text("ra-connect-stripe-error")
    check(`${what}: the API refuses it (400)`, status === 400, String(status))
    check(`${what}: the page shows the API's message`, !!body && shown === plain(body.message) && mentions.test(shown), `shown "${shown}"`)
  }
  check("nothing was registered at Stripe by the refused attempts", api.endpoints.length === 0, String(api.endpoints.length))

  const connected = await step("connect with a good restricted key and a public webhook URL", async () => {
    const answer = await attempt(GOOD_KEY, PUBLIC_URL)
    await page.locator('[data-testid="ra-connection-stripe"][data-connected="true"]').waitFor()
    return answer
  })
  check("connecting answers 201", connected.status === 201, String(connected.status))
  const connection = connected.body.connection
  const endpoint = api.endpoints.find((e) => e.id === connection.webhook.endpoint_id)
  check(
    "the endpoint exists at Stripe with the URL given and the plugin's events",
    !!endpoint && endpoint.url === PUBLIC_URL && endpoint.enabled_events.length > 0,
    JSON.stringify(endpoint && { url: endpoint.url, events: endpoint.enabled_events })
  )
  check(
    "the page shows the account the API answered (the key cannot read its name)",
    (await text("ra-connection-stripe-account")) === (connection.account_name ?? "Not readable with this key"),
    await text("ra-connection-stripe-account")
  )
  check("the page shows test mode", (await text("ra-connection-stripe-mode")) === (connection.is_test ? "Test mode" : "Live") && connection.is_test)
  check(
    "the page shows the key's hint, not the key",
    !!connection.api_key_hint && (await text("ra-connection-stripe-key-hint")) === connection.api_key_hint && !connection.api_key_hint.includes(GOOD_KEY)
  )
  check("the page shows the registered endpoint", (await text("ra-connection-stripe-webhook-endpoint")) === endpoint?.id)
  check("the page says the signing secret is stored encrypted", (await text("ra-connection-stripe-webhook-status")).includes("stored encrypted"))
  const html = await page.content()
  check("neither the key nor the endpoint's secret is in the page", !html.includes(GOOD_KEY) && !!endpoint && !html.includes(endpoint.secret))
  const listedAfter = JSON.stringify((await apiAs("/admin/attribution/connections")).body)
  check("neither is in the connections route's answer", !listedAfter.includes(GOOD_KEY) && !!endpoint && !listedAfter.includes(endpoint.secret))
  const secretStatus = await text("ra-secret-status-stripe")
  check("the Stripe webhook card counts the registered secret as configured", secretStatus.startsWith("Configured") && secretStatus.includes(endpoint?.id ?? "?"), secretStatus)
  await card.screenshot({ path: path.join(shots, "connect-stripe.png") })

  // The import: days validated in the page, progress polled every 2 s, counts the API's.
  const days = page.getByTestId("ra-backfill-stripe-days")
  check("the import offers 90 days by default", (await days.inputValue()) === "90", await days.inputValue())
  await days.fill("0")
  check("0 days is refused in the page", (await page.getByTestId("ra-backfill-stripe-start").isDisabled()) && (await page.getByTestId("ra-backfill-stripe-days-error").count()) === 1)
  await days.fill(String(DAYS))
  const stripePayments = async () =>
    (await apiAs(`/admin/attribution/payments?provider=stripe&include_test=true&from=${new Date(Date.now() - 400 * DAY_MS).toISOString()}&to=${new Date().toISOString()}&limit=1`)).body.count
  const before = await stripePayments()
  // When the page asked for the progress: every request, and the answers that said "running".
  const polls = []
  const runningAnswers = []
  const onRequest = (r) => r.method() === "GET" && r.url().endsWith("/connections/stripe/backfill") && polls.push(Date.now())
  const onResponse = async (r) => {
    if (r.request().method() !== "GET" || !r.url().endsWith("/connections/stripe/backfill")) return
    const body = await r.json().catch(() => null)
    if (body?.backfill?.status === "running") runningAnswers.push(Date.now())
  }
  page.on("request", onRequest)
  page.on("response", onResponse)
  proxy.delay.ms = SLOW_MS
  const started = await step(`start an import of the last ${DAYS} days`, async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith("/connections/stripe/backfill") && r.request().method() === "POST")
    await page.getByTestId("ra-backfill-stripe-start").click()
    return answered
  })
  check("starting answers 202", started.status() === 202, String(started.status()))
  const panel = page.getByTestId("ra-backfill-stripe-panel")
  await page.locator('[data-testid="ra-backfill-stripe-panel"][data-status="running"]').waitFor()
  // Until its first page is saved the import has no phase yet ("starting").
  let phaseShown = ""
  for (let i = 0; i < 40 && (phaseShown === "" || phaseShown === "starting"); i++) {
    await sleep(250)
    phaseShown = plain(await page.getByTestId("ra-backfill-stripe-phase").textContent({ timeout: 1000 }).catch(() => ""))
  }
  check("while it runs, the page names the phase", ["checkout sessions", "charges", "invoices"].includes(phaseShown), phaseShown)
  await card.screenshot({ path: path.join(shots, "backfill-progress.png") })
  await step("wait for the import to finish", () =>
    page.locator('[data-testid="ra-backfill-stripe-panel"]:not([data-status="running"])').waitFor({ timeout: 120_000 })
  )
  proxy.delay.ms = 0
  const gaps = runningAnswers.slice(1).map((t, i) => t - runningAnswers[i])
  check(
    "the page asked for the progress while it ran, about every 2 s",
    runningAnswers.length >= 2 && gaps.every((g) => g >= 1500 && g < 4000),
    JSON.stringify(gaps)
  )
  // The answer that said "done" refreshes the reports once (one more request); then none.
  await page.waitForTimeout(1000)
  const pollsAtEnd = polls.length
  await page.waitForTimeout(4500)
  check("and stopped asking once it ended", polls.length === pollsAtEnd, `${polls.length - pollsAtEnd} more`)
  page.off("request", onRequest)
  page.off("response", onResponse)

  /** The panel against the backfill route, and the stored payments against the mock's data. */
  const compare = async (label, expectedStored) => {
    const { body } = await apiAs("/admin/attribution/connections/stripe/backfill")
    const backfill = body.backfill
    check(`${label}: the import is done`, backfill.status === "done" && (await panel.getAttribute("data-status")) === "done", JSON.stringify(backfill))
    for (const field of ["payments", "refunds", "skipped"]) {
      const shown = await text(`ra-backfill-stripe-${field}`)
      check(`${label}: ${field} shown are the API's (${backfill[field]})`, shown === plain(format.count(backfill[field])), `shown "${shown}"`)
    }
    const stored = await stripePayments()
    check(`${label}: ${expectedStored} Stripe payments stored in all`, stored === expectedStored, `${stored} (before: ${before})`)
    return backfill
  }
  const first = await compare("first import", before + expectedPayments)
  check(`the first import counted the ${expectedPayments} new payments and the 2 refunds`, first.payments === expectedPayments && first.refunds === 2, JSON.stringify(first))
  check("the button offers to run it again", (await text("ra-backfill-stripe-start")) === "Run again")

  await step("run the import again", async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith("/connections/stripe/backfill") && r.request().method() === "POST")
    await page.getByTestId("ra-backfill-stripe-start").click()
    check("starting again answers 202", (await answered).status() === 202)
    // The page shows the answer (running) at once; the API ends the run, the page's next poll shows it.
    for (let i = 0; i < 240 && (await apiAs("/admin/attribution/connections/stripe/backfill")).body.backfill.status === "running"; i++) {
      await sleep(500)
    }
    await page.locator('[data-testid="ra-backfill-stripe-panel"][data-status="done"]').waitFor({ timeout: 30_000 })
  })
  const second = await compare("second import", before + expectedPayments)
  check("the second import counted no new payment or refund", second.payments === 0 && second.refunds === 0, JSON.stringify(second))

  await step("disconnect Stripe", async () => {
    await page.getByTestId("ra-connection-stripe-disconnect").click()
    const answered = page.waitForResponse((r) => r.url().endsWith("/admin/attribution/connections/stripe") && r.request().method() === "DELETE")
    await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect", exact: true }).click()
    const res = await answered
    check("disconnecting answers 200 with the endpoint removed", res.status() === 200 && (await res.json()).webhook_removed === true, String(res.status()))
    await page.locator('[data-testid="ra-connection-stripe"][data-connected="false"]').waitFor()
  })
  check("the endpoint is gone from Stripe", !api.endpoints.some((e) => e.id === endpoint?.id), JSON.stringify(api.endpoints.map((e) => e.id)))
  check("the page says so", (await text("ra-connection-stripe-notice")).includes("webhook endpoint removed"), await text("ra-connection-stripe-notice"))
  check("the connect form is back", (await page.getByTestId("ra-connect-stripe-form").count()) === 1)
}

module.exports.prepare = prepare
