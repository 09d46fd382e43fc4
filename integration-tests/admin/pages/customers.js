// Customers on the Attribution page and in the customer widget (docs/customers.md): the
// cohort table, the new/returning and LTV figures shown are the ones the API answers for the
// page's own query, and the customer widget shows the acquisition channel and lifetime value.
const path = require("path")

const esc = (s) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')

module.exports = async ({ page, base, api, demo, step, check, shots, plain, format, recordResponses, waitFor }) => {
  const seen = recordResponses(page)
  await step("customers: open the Attribution page's Customers section", async () => {
    await page.goto(`${base}/app/attribution`)
    await page.getByTestId("ra-customers-section").waitFor()
    await page.getByTestId("ra-cohort-row").first().waitFor()
  })
  await page.waitForLoadState("networkidle")

  // Cohorts: the page's answer against the API asked directly, then every row shown.
  const cohortsSeen = await waitFor(seen, "/admin/attribution/customers/cohorts")
  const cohorts = await api(cohortsSeen.url)
  check("customers: the page's cohorts are what the API answers", JSON.stringify(cohorts.rows) === JSON.stringify(cohortsSeen.body.rows))
  const currency = cohorts.currency
  const cohortRows = await page.getByTestId("ra-cohort-row").all()
  check("customers: one cohort row per month of the API", cohortRows.length === cohorts.rows.length, `${cohortRows.length} vs ${cohorts.rows.length}`)
  check("customers: the seeded store has cohorts with customers", cohorts.rows.some((r) => r.customers > 0), JSON.stringify(cohorts.rows.slice(0, 3)))
  for (const r of cohorts.rows) {
    const row = page.locator(`[data-testid="ra-cohort-row"][data-key="${esc(r.key)}"]`)
    const customers = plain(await row.getByTestId("ra-cohort-customers").textContent().catch(() => ""))
    check(`customers: cohort ${r.key} shows ${r.customers} customers`, customers === plain(format.count(r.customers)), `shown "${customers}"`)
    for (const d of [30, 90, 180, 365]) {
      const shown = plain(await row.getByTestId(`ra-cohort-ltv_${d}`).textContent().catch(() => ""))
      const expected = r[`ltv_${d}`] === null ? "—" : plain(format.money(r[`ltv_${d}`], currency))
      check(`customers: cohort ${r.key} at ${d} days shows ${expected}`, shown === expected, `shown "${shown}"`)
    }
  }

  // New and returning revenue per channel.
  const nvrSeen = await waitFor(seen, "/admin/attribution/customers/new-returning")
  const nvr = await api(nvrSeen.url)
  check("customers: the page's new/returning rows are what the API answers", JSON.stringify(nvr.rows) === JSON.stringify(nvrSeen.body.rows))
  const revenueSeen = await waitFor(seen, "/admin/attribution/revenue")
  const revenue = await api(revenueSeen.url.replace(/group_by=[^&]*/, "group_by=channel"))
  check(
    "customers: new + returning + no customer equals the revenue report's total",
    Math.round(nvr.totals.revenue * 100) === Math.round(revenue.totals.revenue * 100),
    `${nvr.totals.revenue} vs ${revenue.totals.revenue}`
  )
  for (const r of nvr.rows) {
    const row = page.locator(`[data-testid="ra-nvr-row"][data-key="${esc(r.key)}"]`)
    for (const field of ["new_revenue", "returning_revenue", "unknown_revenue"]) {
      const shown = plain(await row.getByTestId(`ra-nvr-${field}`).textContent().catch(() => ""))
      check(`customers: ${r.key} ${field} shows the API's figure`, shown === plain(format.money(r[field], nvr.currency)), `shown "${shown}"`)
    }
  }

  // LTV by acquisition channel.
  const ltvSeen = await waitFor(seen, "/admin/attribution/customers/ltv")
  const ltv = await api(ltvSeen.url)
  for (const r of ltv.rows) {
    const row = page.locator(`[data-testid="ra-ltv-row"][data-key="${esc(r.key)}"]`)
    const shown = plain(await row.getByTestId("ra-ltv-ltv").textContent().catch(() => ""))
    check(`customers: LTV of ${r.key} shows the API's figure`, shown === plain(format.money(r.ltv, ltv.currency)), `shown "${shown}"`)
    const rate = plain(await row.getByTestId("ra-ltv-repeat_rate").textContent().catch(() => ""))
    check(`customers: repeat rate of ${r.key} shows the API's figure`, rate === plain(format.rate(r.repeat_rate)), `shown "${rate}"`)
  }
  // The admin scrolls inside its own container: a viewport as tall as the section shows all of it.
  const size = page.viewportSize()
  const section = page.getByTestId("ra-customers-section")
  const box = await section.boundingBox()
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil((box ? box.height : 0) + 200)) })
  await section.scrollIntoViewIfNeeded()
  await section.screenshot({ path: path.join(shots, "customers-cohorts.png") })
  await page.setViewportSize(size)

  // The customer widget: acquisition channel and lifetime value.
  const value = await api(`/admin/attribution/customers/${demo.seeded.customerId}`)
  await step("customers: open a customer's page", async () => {
    await page.goto(`${base}/app/customers/${demo.seeded.customerId}`)
    await page.getByTestId("ra-customer-widget").waitFor()
    if (value.acquisition) await page.getByTestId("ra-customer-acquisition-channel").waitFor()
  })
  check("customers: the seeded customer has an acquisition channel", !!value.acquisition, JSON.stringify(value))
  if (value.acquisition) {
    const channel = plain(await page.getByTestId("ra-customer-acquisition-channel").textContent())
    check("customers: the widget shows the acquisition channel", channel === value.acquisition.channel, `shown "${channel}"`)
    const lifetime = plain(await page.getByTestId("ra-customer-ltv").textContent())
    const expected = plain(format.money(value.lifetime.net_revenue, value.currency))
    check(`customers: the widget shows the LTV ${expected}`, lifetime === expected, `shown "${lifetime}"`)
    if (value.channel_average) {
      const average = plain(await page.getByTestId("ra-customer-channel-ltv").textContent())
      check("customers: the widget compares with the channel's average LTV", average.includes(plain(format.money(value.channel_average.ltv, value.currency))), `shown "${average}"`)
    }
    const statuses = (await page.getByTestId("ra-customer-payment-status").allTextContents()).map(plain)
    check("customers: the widget marks payments new or returning", statuses.length > 0 && statuses.every((s) => /new|returning/.test(s)), JSON.stringify(statuses))
  }
  await page.getByTestId("ra-customer-widget").screenshot({ path: path.join(shots, "customer-widget-ltv.png") })
}
