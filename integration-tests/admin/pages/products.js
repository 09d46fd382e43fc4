// Products by channel (src/admin/components/products): the Attribution page's Products view shows
// what its own /admin/attribution/products request answered (revenue, net revenue, units and
// orders per product, a column per channel, the totals), switches to categories; a product page's
// widget "Channels that sell this product" shows its /products/:id/channels answer, which equals
// that product's cells in the products report over the same range and model.
// Screenshots: products-view.png, product-widget.png.
const path = require("path")

module.exports = async ({ page, base, api, step, check, shots, plain, format, recordResponses, waitFor }) => {
  const seen = recordResponses(page)
  await step("open the Attribution page's Products view", async () => {
    await page.goto(`${base}/app/attribution`)
    await page.getByTestId("ra-products-section").waitFor()
  })
  const { url, body } = await waitFor(seen, "/admin/attribution/products")
  const fresh = await api(url)
  check("the page's products request answers what the API answers", JSON.stringify(fresh.rows) === JSON.stringify(body.rows), url)
  check("the request groups by product and splits by channel", body.group_by === "product" && body.split_by === "channel", url)
  check("the demo's orders have lines in the page's range", body.rows.length > 0, JSON.stringify(body.totals))

  const section = page.getByTestId("ra-products-section")
  await section.scrollIntoViewIfNeeded()
  const currency = body.currency
  const money = (v) => plain(format.money(v, currency))
  if (body.rows.length) {
    await page.getByTestId("ra-products-table").waitFor()
    const shown = await page.getByTestId("ra-products-row").all()
    check("one row per product of the API", shown.length === body.rows.length, `${shown.length} vs ${body.rows.length}`)
    const columns = await page.getByTestId("ra-products-split-header").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")))
    check("a column per channel, highest revenue first", JSON.stringify(columns) === JSON.stringify(body.split_keys.slice(0, columns.length)), JSON.stringify(columns))
    for (const r of body.rows) {
      const row = page.locator(`[data-testid="ra-products-row"][data-key="${r.key}"]`)
      const text = async (id) => plain(await row.getByTestId(id).textContent())
      check(`${r.label}: revenue is the API's (${r.revenue})`, (await text("ra-products-cell-revenue")) === money(r.revenue))
      check(`${r.label}: net revenue is the API's (${r.net_revenue})`, (await text("ra-products-cell-net_revenue")) === money(r.net_revenue))
      check(`${r.label}: units and orders are the API's (${r.quantity}, ${r.orders})`,
        (await text("ra-products-cell-quantity")) === plain(format.count(r.quantity)) &&
          (await text("ra-products-cell-orders")) === plain(format.count(r.orders)))
      for (const key of columns) {
        const cellText = plain(await row.locator(`[data-testid="ra-products-cell-split"][data-key="${key}"]`).textContent())
        const expected = r.split.find((c) => c.key === key)?.revenue ?? 0
        check(`${r.label} × ${key}: revenue is the API's (${expected})`, cellText === money(expected), cellText)
      }
      const cents = r.split.reduce((sum, c) => sum + Math.round(c.revenue * 1000), 0)
      check(`${r.label}: the channels add up exactly to the row`, cents === Math.round(r.revenue * 1000), `${cents} vs ${r.revenue}`)
    }
    const total = plain(await page.getByTestId("ra-products-total-revenue").textContent())
    check(`the total is the API's (${body.totals.revenue})`, total === money(body.totals.revenue), total)
  }
  await section.screenshot({ path: path.join(shots, "products-view.png") })

  await step("switch the view to categories", async () => {
    // Listen before choosing: the request leaves as soon as the option is picked.
    const answered = page.waitForResponse((r) => r.url().includes("/admin/attribution/products?") && r.url().includes("group_by=category"))
    await page.getByTestId("ra-products-group-select").click()
    await page.getByTestId("ra-products-group-select-option-category").click()
    await answered
    await page.getByTestId("ra-products-row").first().waitFor()
  })
  // The response handler stores the body a moment after the response arrives.
  for (let i = 0; i < 100 && seen.get("/admin/attribution/products").body.group_by !== "category"; i++) {
    await new Promise((r) => setTimeout(r, 100))
  }
  const categories = seen.get("/admin/attribution/products").body
  check("the category view asks group_by=category", categories.group_by === "category")
  // Which categories sold in the page's range moves with the time of day (the demo's days are
  // whole UTC days): some must, and each row is one of the catalogue's categories.
  const catalogueCategories = new Set(require("../../../demo/store/src/scripts/catalogue.json").products.map((p) => p.category))
  check(
    "the rows are the demo's categories (Shirts, Accessories, ...)",
    categories.rows.length > 0 && categories.rows.every((r) => catalogueCategories.has(r.label)),
    JSON.stringify(categories.rows.map((r) => r.label))
  )
  for (const r of categories.rows) {
    const shownRevenue = plain(await page.locator(`[data-testid="ra-products-row"][data-key="${r.key}"]`).getByTestId("ra-products-cell-revenue").textContent())
    check(`category ${r.label}: revenue is the API's (${r.revenue})`, shownRevenue === money(r.revenue), shownRevenue)
  }

  // The product page widget, for the product that sold most.
  const top = body.rows[0]
  if (!top) return
  const widgetSeen = recordResponses(page)
  await step(`open the product page of ${top.label}`, async () => {
    await page.goto(`${base}/app/products/${top.key}`)
    await page.getByTestId("ra-product-widget").waitFor()
  })
  const widget = await waitFor(widgetSeen, `/admin/attribution/products/${top.key}/channels`)
  await page.getByTestId("ra-product-channel-row").first().waitFor()
  const w = widget.body
  check("the widget's request answers what the API answers", JSON.stringify((await api(widget.url)).rows) === JSON.stringify(w.rows), widget.url)
  check("the widget uses the default model", w.model === "last_non_direct", w.model)
  const shownRows = await page.getByTestId("ra-product-channel-row").all()
  check("one line per channel of the API", shownRows.length === w.rows.length, `${shownRows.length} vs ${w.rows.length}`)
  for (const r of w.rows) {
    const line = page.locator(`[data-testid="ra-product-channel-row"][data-key="${r.key}"]`)
    const shown = plain(await line.getByTestId("ra-product-channel-revenue").textContent())
    check(`widget ${r.key}: revenue is the API's (${r.revenue})`, shown === plain(format.money(r.revenue, w.currency)), shown)
  }
  const widgetTotal = plain(await page.getByTestId("ra-product-total-revenue").textContent())
  check(`the widget's total is the API's (${w.totals.revenue})`, widgetTotal === plain(format.money(w.totals.revenue, w.currency)), widgetTotal)

  // The same product's cells in the products report over the same range and model.
  const report = await api(
    `/admin/attribution/products?group_by=product&split_by=channel&model=${w.model}&currency=${w.currency}&from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}&limit=1000`
  )
  const inReport = report.rows.find((r) => r.key === top.key)
  check(
    "the widget's channels equal the product's cells in the products report",
    !!inReport && JSON.stringify(inReport.split.map((c) => [c.key, c.revenue])) === JSON.stringify(w.rows.map((c) => [c.key, c.revenue])),
    JSON.stringify({ report: inReport?.split, widget: w.rows })
  )
  await page.getByTestId("ra-product-widget").screenshot({ path: path.join(shots, "product-widget.png") })
}
