// Discount codes (src/admin/components/codes, components/settings/code-mappings-section.tsx):
// the Attribution page's codes table shows what its own /admin/attribution/codes request
// answered (revenue, net revenue and orders per code, the totals, and a code's channels once
// opened); the settings page lists the API's mappings, adds one through the form and removes it.
// Screenshots: codes.png, code-mappings.png.
const path = require("path")

module.exports = async ({ page, base, api, step, check, shots, plain, format, recordResponses, waitFor }) => {
  const seen = recordResponses(page)
  await step("open the Attribution page's discount codes", async () => {
    await page.goto(`${base}/app/attribution`)
    await page.getByTestId("ra-codes-section").waitFor()
  })
  const { url, body } = await waitFor(seen, "/admin/attribution/codes")
  const fresh = await api(url)
  check("the page's codes request answers what the API answers", JSON.stringify(fresh.rows) === JSON.stringify(body.rows), url)
  // The demo's days are whole UTC days before its run, so which of its orders fall in the page's
  // last 30 days (and in its currency) moves with the time of day: any code will do here.
  check("the demo's orders used discount codes in the page's range", body.rows.length > 0, JSON.stringify(body).slice(0, 300))
  check("the codes request splits by channel", body.split_by === "channel", url)

  const section = page.getByTestId("ra-codes-section")
  await section.scrollIntoViewIfNeeded()
  if (!body.rows.length) {
    check("an empty report says so", (await page.getByTestId("ra-codes-empty").count()) === 1)
  } else {
    await page.getByTestId("ra-codes-table").waitFor()
    const currency = body.currency
    const shownRows = await page.getByTestId("ra-codes-row").all()
    check("one row per code of the API", shownRows.length === body.rows.length, `${shownRows.length} vs ${body.rows.length}`)
    for (const r of body.rows) {
      const row = page.locator(`[data-testid="ra-codes-row"][data-code="${r.code.replace(/"/g, '\\"')}"]`)
      const cell = async (id) => plain(await row.getByTestId(id).textContent())
      check(`${r.code}: revenue is the API's (${r.revenue})`, (await cell("ra-codes-cell-revenue")) === plain(format.money(r.revenue, currency)))
      check(`${r.code}: net revenue is the API's (${r.net_revenue})`, (await cell("ra-codes-cell-net_revenue")) === plain(format.money(r.net_revenue, currency)))
      check(`${r.code}: orders are the API's (${r.payments})`, (await cell("ra-codes-cell-orders")) === plain(format.count(r.payments)))
      const mapping = await cell("ra-codes-mapping")
      check(`${r.code}: the mapping column shows ${r.mapping ? r.mapping.channel : "none"}`, r.mapping ? mapping.includes(r.mapping.channel) : mapping === "—", mapping)
    }
    const total = plain(await page.getByTestId("ra-codes-total-revenue").textContent())
    check(`the total is the API's (${body.totals.revenue}), each order once`, total === plain(format.money(body.totals.revenue, currency)), total)

    const anna = body.rows.find((r) => r.code === "ANNA10") ?? body.rows[0]
    await step(`open ${anna.code} to see its channels`, async () => {
      await page.locator(`[data-testid="ra-codes-row"][data-code="${anna.code}"]`).getByTestId("ra-codes-toggle").click()
      await page.locator(`[data-testid="ra-codes-split-row"][data-code="${anna.code}"]`).first().waitFor()
    })
    const splitRows = await page.locator(`[data-testid="ra-codes-split-row"][data-code="${anna.code}"]`).all()
    check(`${anna.code}: one line per channel of the API`, splitRows.length === anna.split.length, `${splitRows.length} vs ${anna.split.length}`)
    for (const s of anna.split) {
      const line = page.locator(`[data-testid="ra-codes-split-row"][data-code="${anna.code}"][data-key="${s.key}"]`)
      const shown = plain(await line.getByTestId("ra-codes-split-revenue").textContent())
      check(`${anna.code} × ${s.key}: revenue is the API's (${s.revenue})`, shown === plain(format.money(s.revenue, currency)), shown)
    }
    if (anna.code === "ANNA10" && anna.mapping) {
      check(
        "ANNA10, mapped to Affiliates, is credited to Affiliates under last_non_direct",
        body.model !== "last_non_direct" || (anna.split.length === 1 && anna.split[0].key === "Affiliates"),
        JSON.stringify(anna.split)
      )
    }
  }
  await section.screenshot({ path: path.join(shots, "codes.png") })

  // Settings: the list, then a mapping added and removed through the form.
  const settingsSeen = recordResponses(page)
  await step("open the settings page's code mappings", async () => {
    await page.goto(`${base}/app/settings/attribution`)
    await page.getByTestId("ra-code-mapping-section").waitFor()
  })
  const listed = (await waitFor(settingsSeen, "/admin/attribution/code-mappings")).body
  check("the demo's mapping ANNA10 → Affiliates / anna is listed by the API", listed.mappings.some((m) => m.code === "ANNA10" && m.channel === "Affiliates" && m.source === "anna"), JSON.stringify(listed))
  await page.getByTestId("ra-code-mapping-table").waitFor()
  const shownMappings = await page.getByTestId("ra-code-mapping-row").all()
  check("one row per mapping of the API", shownMappings.length === listed.mappings.length, `${shownMappings.length} vs ${listed.mappings.length}`)
  for (const m of listed.mappings) {
    const row = page.locator(`[data-testid="ra-code-mapping-row"][data-code="${m.code}"]`)
    const text = async (id) => plain(await row.getByTestId(id).textContent())
    check(
      `${m.code}: channel, source and orders are the API's (${m.channel}, ${m.source}, ${m.payments})`,
      (await text("ra-code-mapping-cell-channel")) === m.channel &&
        (await text("ra-code-mapping-cell-source")) === (m.source ?? "—") &&
        (await text("ra-code-mapping-cell-payments")) === plain(format.count(m.payments))
    )
  }

  const CODE = "PODCAST15"
  await step(`add a mapping ${CODE} → Email / podcast through the form`, async () => {
    await page.getByTestId("ra-code-mapping-code").fill(CODE.toLowerCase())
    await page.getByTestId("ra-code-mapping-channel").click()
    await page.getByTestId("ra-code-mapping-channel-option-Email").click()
    await page.getByTestId("ra-code-mapping-source").fill("Podcast")
    await page.getByTestId("ra-code-mapping-medium").fill("audio-ad")
    const answered = page.waitForResponse((r) => r.url().endsWith("/admin/attribution/code-mappings") && r.request().method() === "POST")
    await page.getByTestId("ra-code-mapping-save").click()
    const res = await answered
    check("saving answers 201 (created)", res.status() === 201, String(res.status()))
    await page.locator(`[data-testid="ra-code-mapping-row"][data-code="${CODE}"]`).waitFor()
  })
  const added = (await api("/admin/attribution/code-mappings")).mappings.find((m) => m.code === CODE)
  check(`the API stored ${CODE} upper-case, source lower-case`, added && added.channel === "Email" && added.source === "podcast" && added.medium === "audio-ad", JSON.stringify(added))
  check("the form reports the save", plain(await page.getByTestId("ra-code-mapping-result").textContent()).startsWith(`Saved ${CODE}`))
  await page.getByTestId("ra-code-mapping-section").screenshot({ path: path.join(shots, "code-mappings.png") })

  await step(`remove ${CODE}`, async () => {
    await page.locator(`[data-testid="ra-code-mapping-row"][data-code="${CODE}"]`).getByTestId("ra-code-mapping-remove").click()
    const answered = page.waitForResponse((r) => r.url().includes(`/admin/attribution/code-mappings/${CODE}`) && r.request().method() === "DELETE")
    await page.getByRole("button", { name: "Remove", exact: true }).click()
    const res = await answered
    check("removing answers 200", res.status() === 200, String(res.status()))
    await page.locator(`[data-testid="ra-code-mapping-row"][data-code="${CODE}"]`).waitFor({ state: "detached" })
  })
  const left = (await api("/admin/attribution/code-mappings")).mappings
  check(`${CODE} is gone and ANNA10 stays`, !left.some((m) => m.code === CODE) && left.some((m) => m.code === "ANNA10"), JSON.stringify(left))
}
