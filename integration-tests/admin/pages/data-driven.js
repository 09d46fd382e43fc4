// The data-driven weights card on the Attribution page (src/admin/components/data-driven):
// recomputed through the API, then shown as the API answers them; the Recompute button
// recomputes again. Screenshot: data-driven.png.
const path = require("path")

module.exports = async ({ page, base, api, apiAs, step, check, shots, plain, format }) => {
  const recomputed = await apiAs("/admin/attribution/data-driven/recompute", { method: "POST" })
  check("POST /admin/attribution/data-driven/recompute answers 200", recomputed.status === 200, JSON.stringify(recomputed.body).slice(0, 300))
  const dd = await api("/admin/attribution/data-driven")
  check("the API has a weights row after the recompute", !!dd.weights, JSON.stringify(dd).slice(0, 300))

  await step("open the Attribution page's data-driven card", async () => {
    await page.goto(`${base}/app/attribution`)
    await page.getByTestId("ra-dd-section").waitFor()
    await page.getByTestId("ra-dd-status").waitFor()
  })
  const section = page.getByTestId("ra-dd-section")
  await section.scrollIntoViewIfNeeded()

  check(
    `the card shows the API's status (${dd.data_driven.status})`,
    (await page.getByTestId("ra-dd-status").getAttribute("data-status")) === dd.data_driven.status
  )
  const fallbackShown = (await page.getByTestId("ra-dd-fallback").count()) === 1
  check("the linear-fallback notice is shown exactly when the API says linear_fallback", fallbackShown === (dd.data_driven.status === "linear_fallback"))
  if (fallbackShown) {
    const notice = plain(await page.getByTestId("ra-dd-fallback").textContent())
    check("the notice names the conversions and the minimum", notice.includes(format.count(dd.data_driven.conversions)) && notice.includes(format.count(dd.data_driven.min_conversions)), notice)
  }
  const computed = plain(await page.getByTestId("ra-dd-computed").textContent())
  check(
    `the card shows the paths (${dd.weights.paths}) and conversions (${dd.weights.conversions})`,
    computed.includes(`${format.count(dd.weights.paths)} paths`) && computed.includes(`${format.count(dd.weights.conversions)} conversions`),
    computed
  )
  const rows = await page.getByTestId("ra-dd-weight").all()
  check("one line per channel of the API", rows.length === dd.weights.channels.length, `${rows.length} vs ${dd.weights.channels.length}`)
  for (const c of dd.weights.channels) {
    const row = page.locator(`[data-testid="ra-dd-weight"][data-channel="${c.channel.replace(/"/g, '\\"')}"]`)
    const shown = plain(await row.getByTestId("ra-dd-weight-value").textContent().catch(() => ""))
    check(`weight of ${c.channel} is the API's (${format.rate(c.weight)})`, shown === plain(format.rate(c.weight)), `shown "${shown}"`)
  }
  const total = dd.weights.channels.reduce((n, c) => n + c.weight, 0)
  check("the weights add up to 100%", dd.weights.channels.length === 0 || Math.abs(total - 1) < 1e-9, String(total))
  await section.screenshot({ path: path.join(shots, "data-driven.png") })

  await step("press Recompute", async () => {
    const answered = page.waitForResponse((r) => r.url().includes("/admin/attribution/data-driven/recompute") && r.request().method() === "POST")
    await page.getByTestId("ra-dd-recompute").click()
    const res = await answered
    check("the button's recompute answers 200", res.status() === 200, String(res.status()))
    await page.waitForLoadState("networkidle")
  })
  const after = await api("/admin/attribution/data-driven")
  check("a newer computation is stored", after.weights && after.weights.id !== dd.weights.id)
  const computedAfter = plain(await page.getByTestId("ra-dd-computed").textContent())
  check("the card shows the new computation's counts", computedAfter.includes(`${format.count(after.weights.paths)} paths`), computedAfter)
}
