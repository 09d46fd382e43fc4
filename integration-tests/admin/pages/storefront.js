// The demo storefront (demo/storefront/index.html), as a person trying the demo uses it: a visit
// that arrives from an email campaign link loads the real script, adds a product to a cart and
// presses Pay. The order must then be in the admin, linked to that very visit through the cart's
// metadata, credited to Email, and shown on its order page. Screenshot: storefront.png.
const path = require("path")

const CAMPAIGN = "storefront-browser-check"
// Headless Chromium says "HeadlessChrome", which the collector rightly drops as a bot: the
// shopper's browser says what a desktop Chrome says.
const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

module.exports = async ({ page: adminPage, base, api, demo, step, check, shots, plain }) => {
  const shopper = await adminPage.context().browser().newContext({ userAgent: DESKTOP_CHROME, viewport: { width: 1280, height: 900 } })
  try {
    await shopAndCheck({ page: await shopper.newPage(), adminPage, base, api, demo, step, check, shots, plain })
  } finally {
    await shopper.close()
  }
}

async function shopAndCheck({ page, adminPage, base, api, demo, step, check, shots, plain }) {
  await step("open the demo storefront from an email campaign link", async () => {
    await page.goto(`${demo.storefrontUrl}/?utm_source=newsletter&utm_medium=email&utm_campaign=${CAMPAIGN}`)
    await page.locator("#products button").first().waitFor()
  })
  await step("add a product to the cart and press Pay", async () => {
    await page.locator("#products button").first().click()
    await page.locator("#pay:not([disabled])").waitFor()
    await page.click("#pay")
    await page.locator("#result a[href*='/app/orders/']").waitFor()
  })
  const result = plain(await page.locator("#result").textContent())
  check("the storefront says the order was placed", /^Order #\d+ placed/.test(result), result)
  await page.screenshot({ path: path.join(shots, "storefront.png"), fullPage: true })

  const href = await page.locator("#result a[href*='/app/orders/']").getAttribute("href")
  const orderId = new URL(href).pathname.split("/").pop()
  const cookies = Object.fromEntries((await page.context().cookies(demo.storefrontUrl)).map((c) => [c.name, c.value]))
  check("the script set its visitor and session cookies", Boolean(cookies._ra_vid && cookies._ra_sid), JSON.stringify(Object.keys(cookies)))

  // `order.placed` is handled by a subscriber after the order is answered, and the collector
  // writes events in batches: wait until the payment is credited to the visit's session.
  let journey = null
  await step("wait for the order's payment in the attribution API", async () => {
    for (let i = 0; i < 100; i++) {
      journey = await api(`/admin/attribution/journey?order_id=${orderId}&model=last_non_direct`)
      if (journey.payments?.length && journey.sessions?.length) return
      await new Promise((r) => setTimeout(r, 200))
    }
    throw new Error(`no credited payment for ${orderId}: ${JSON.stringify(journey)}`)
  })
  const payment = journey.payments[0]
  check("the order is one payment, from Medusa", journey.payments.length === 1 && payment.provider === "medusa", JSON.stringify(journey.payments))
  check(
    "it is linked to this browser's visitor and session through the cart's metadata",
    payment.link_method === "metadata" && payment.visitor_id === cookies._ra_vid && payment.session_id === cookies._ra_sid,
    JSON.stringify({ payment, cookies: { vid: cookies._ra_vid, sid: cookies._ra_sid } })
  )
  check(
    "it is credited to Email, the campaign link's channel",
    payment.credited?.channel === "Email" && payment.credited?.campaign === CAMPAIGN,
    JSON.stringify(payment.credited)
  )

  await step("open the new order's page in the admin", async () => {
    await adminPage.goto(`${base}/app/orders/${orderId}`)
    await adminPage.getByTestId("ra-order-channel").waitFor()
  })
  const channel = plain(await adminPage.getByTestId("ra-order-channel").textContent())
  check("its order page shows Email", channel === "Email", `shown "${channel}"`)
}
