// Ad spend (src/admin/components/spend/spend-section.tsx, breakdown-table.tsx): a Google Ads
// report is uploaded on the Attribution page through its file input; the page says which format
// it read and how many rows it stored (what the API stored), and the breakdown by channel then
// shows the spend, ROAS and CAC of the page's own /admin/attribution/revenue answer, as do the
// section's cards. A file with bad lines lists them with the API's line numbers and reasons.
// Screenshots: spend-upload.png, spend-rejected.png.
const path = require("path")

const day = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)

/** A Google Ads daily campaign report as downloaded: title lines, thousands separators, Total line. */
const googleAds = (currency) => [
  "Campaign report",
  `"${day(3)} - ${day(2)}"`,
  "Day,Campaign,Campaign type,Currency code,Cost,Impressions,Clicks",
  `${day(3)},brand,Search,${currency},6.40,"1,204",96`,
  `${day(3)},rain-jackets,Search,${currency},14.75,"2,311",61`,
  `${day(2)},brand,Search,${currency},5.15,"1,150",90`,
  `${day(2)},rain-jackets,Search,${currency},12.30,"2,187",58`,
  `Total: Account,--,--,${currency},38.60,"6,852",305`,
  "",
].join("\n")

const BAD = ["date,campaign,source,medium,channel,amount,currency", `${day(2)},brand,google,cpc,,-5,EUR`, `${day(2)},brand,google,cpc,,ten,EUR`, "2026-02-30,brand,google,cpc,,1,USD", ""].join("\n")

module.exports = async ({ page, base, api, apiAs, step, check, shots, plain, format, recordResponses, waitFor }) => {
  const seen = recordResponses(page)
  await step("open the Attribution page's ad spend section", async () => {
    await page.goto(`${base}/app/attribution`)
    await page.getByTestId("ra-spend-section").waitFor()
    await page.getByTestId("ra-breakdown-table").waitFor()
  })
  // The report in the page's currency (the demo's: most payments): the file is billed in it.
  const pageCurrency = (await waitFor(seen, "/admin/attribution/revenue")).body.currency
  seen.delete("/admin/attribution/revenue")

  await step("upload a Google Ads report through the file input", async () => {
    await page.getByTestId("ra-spend-file").setInputFiles({ name: "google-ads-campaigns.csv", mimeType: "text/csv", buffer: Buffer.from(googleAds(pageCurrency)) })
    await page.getByTestId("ra-spend-result").waitFor()
  })
  const result = page.getByTestId("ra-spend-result")
  check("the page read it as a Google Ads report", (await result.getAttribute("data-format")) === "google_ads")
  const stored = plain(await page.getByTestId("ra-spend-stored").textContent())
  check("the page shows 4 rows stored (the Total line passed over)", stored === "4", stored)
  const listed = await api(`/admin/attribution/spend?from=${day(3)}&to=${day(1)}&currency=${pageCurrency}`)
  const google = listed.rows.filter((r) => r.source === "google").map((r) => [r.date, r.campaign, r.amount, r.origin])
  check(
    "the API stored those rows, replacing the demo's for the same days",
    JSON.stringify(google) ===
      JSON.stringify([
        [day(3), "brand", 6.4, "google_ads"],
        [day(3), "rain-jackets", 14.75, "google_ads"],
        [day(2), "brand", 5.15, "google_ads"],
        [day(2), "rain-jackets", 12.3, "google_ads"],
      ]),
    JSON.stringify(google)
  )

  // The reports refresh after the import: the breakdown shows the page's new answer.
  const { url, body } = await waitFor(seen, "/admin/attribution/revenue")
  const fresh = await api(url)
  check("the page's revenue answer carries spend, as the API's does", body.totals.spend !== undefined && JSON.stringify(fresh.totals) === JSON.stringify(body.totals), url)
  const currency = body.currency
  const paidSearch = body.rows.find((r) => r.key === "Paid Search")
  check("Paid Search has spend in the page's currency", paidSearch && paidSearch.spend !== null, JSON.stringify(paidSearch))
  if (paidSearch && paidSearch.spend !== null) {
    const row = page.locator('[data-testid="ra-breakdown-row"][data-key="Paid Search"]')
    await row.getByTestId("ra-cell-roas").waitFor()
    const cell = async (id) => plain(await row.getByTestId(id).textContent())
    const roas = paidSearch.roas === null ? "—" : `${paidSearch.roas.toFixed(2)}×`
    check(`the breakdown shows Paid Search's ROAS of the API (${paidSearch.roas})`, (await cell("ra-cell-roas")) === roas, await cell("ra-cell-roas"))
    check(`the breakdown shows Paid Search's spend of the API (${paidSearch.spend})`, (await cell("ra-cell-spend")) === plain(format.money(paidSearch.spend, currency)))
    const cac = paidSearch.cac === null ? "—" : plain(format.money(paidSearch.cac, currency))
    check(`the breakdown shows Paid Search's CAC of the API (${paidSearch.cac})`, (await cell("ra-cell-cac")) === cac, await cell("ra-cell-cac"))
  }
  const totalRoas = body.totals.roas === null ? "—" : `${body.totals.roas.toFixed(2)}×`
  check(`the total's ROAS is the API's (${body.totals.roas})`, plain(await page.getByTestId("ra-total-roas").textContent()) === totalRoas)
  const card = plain(await page.getByTestId("ra-spend-roas-value").textContent())
  check("the section's ROAS card is the API's", card === totalRoas, card)
  const spendCard = plain(await page.getByTestId("ra-spend-total-value").textContent())
  check(`the section's spend card is the API's (${body.totals.spend})`, spendCard === plain(format.money(body.totals.spend, currency)), spendCard)
  if (body.spend_other_currencies && body.spend_other_currencies.length) {
    const other = plain(await page.getByTestId("ra-spend-other").textContent())
    check("spend in other currencies is shown apart", body.spend_other_currencies.every((o) => other.includes(plain(format.money(o.amount, o.currency)))), other)
  }
  const section = page.getByTestId("ra-spend-section")
  await section.scrollIntoViewIfNeeded()
  await section.screenshot({ path: path.join(shots, "spend-upload.png") })

  await step("upload a file with bad lines", async () => {
    await page.getByTestId("ra-spend-file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(BAD) })
    await page.getByTestId("ra-spend-rejected").waitFor()
  })
  const answer = await apiAs("/admin/attribution/spend/upload", { method: "POST", headers: { "content-type": "text/csv" }, body: BAD })
  check("the API refuses it (400) and lists 3 lines", answer.status === 400 && answer.body.rejected.length === 3, JSON.stringify(answer.body))
  const shownLines = await page.getByTestId("ra-spend-rejected-row").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-line"))))
  check("the page lists the API's rejected lines", JSON.stringify(shownLines) === JSON.stringify(answer.body.rejected.map((r) => r.line)), JSON.stringify(shownLines))
  const after = await api(`/admin/attribution/spend?from=${day(3)}&to=${day(1)}&currency=${pageCurrency}`)
  check("nothing of the bad file was stored", JSON.stringify(after.totals) === JSON.stringify(listed.totals), JSON.stringify(after.totals))
  await section.screenshot({ path: path.join(shots, "spend-rejected.png") })
}
