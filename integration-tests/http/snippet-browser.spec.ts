import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Browser } from "playwright-core"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type { AttributionModuleService } from "../../src/modules/attribution"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { launchChromium, serveStorefront } from "./helpers/browser"

jest.setTimeout(180_000)

const ID = /^[A-Za-z0-9_-]{16,64}$/
const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
const SESSION_TIMEOUT_MINUTES = 0.05 // 3 s, so the test can watch a session expire

// A real browser loads a storefront page that includes the script from the running Medusa
// server, arrives with UTMs, navigates, and attaches its ids to a real cart.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let browser: Browser

    beforeAll(async () => {
      browser = await launchChromium()
    })
    afterAll(async () => {
      await browser?.close()
    })

    const sql = async (q: string, params: unknown[] = []) =>
      (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q, params)).rows
    const flush = () => getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE).flushEvents()

    async function waitForRows(q: string, n: number, params: unknown[] = []) {
      const deadline = Date.now() + 15_000
      for (;;) {
        await flush()
        const rows = await sql(q, params)
        if (rows.length >= n || Date.now() > deadline) return rows
        await new Promise((r) => setTimeout(r, 200))
      }
    }

    /** A region, a sales channel and a publishable key linked to it, through the admin API. */
    async function storeSetup() {
      const headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
      const { data: sc } = await api.post("/admin/sales-channels", { name: "Web" }, { headers })
      const { data: region } = await api.post("/admin/regions", { name: "US", currency_code: "usd" }, { headers })
      const { data: key } = await api.post("/admin/api-keys", { title: "Storefront", type: "publishable" }, { headers })
      await api.post(`/admin/api-keys/${key.api_key.id}/sales-channels`, { add: [sc.sales_channel.id] }, { headers })
      return { token: key.api_key.token as string, regionId: region.region.id as string }
    }

    it("tracks a visit from a real browser: cookies, sessions, channel, timeout and cart metadata", async () => {
      const backend = String(api.defaults.baseURL).replace(/\/$/, "")
      const { token, regionId } = await storeSetup()

      // The store creates the cart with metadata of its own, which must survive attachToCart.
      const { data: cartRes } = await api.post(
        "/store/carts",
        { region_id: regionId, metadata: { store_note: "gift wrap" } },
        { headers: { "x-publishable-api-key": token } }
      )
      const cartId = cartRes.cart.id as string

      const storefront = await serveStorefront(`<!doctype html><html><head><title>Shop</title>
        <script src="${backend}/attribution/script.js" data-key="${token}" data-session-timeout="${SESSION_TIMEOUT_MINUTES}" async></script>
        </head><body><a id="next" href="/products/shirt">Shirt</a>
        <script>document.getElementById("next").addEventListener("click", function (e) {
          e.preventDefault(); history.pushState({}, "", "/products/shirt"); document.title = "Shirt"; });</script>
        </body></html>`)
      // Headless Chromium says "HeadlessChrome", which the collector rightly drops as a bot.
      const context = await browser.newContext({ userAgent: DESKTOP_CHROME })
      const page = await context.newPage()
      const warnings: string[] = []
      page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()))
      page.on("pageerror", (e) => warnings.push(`page error: ${e.message}`))

      try {
        await page.goto(`${storefront.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=Spring-Sale`, {
          referer: "https://mail.google.com/",
        })
        await page.waitForFunction(() => !!(window as any).revenueAttribution?.getSessionId())
        await page.click("#next")
        await page.evaluate(() => (window as any).revenueAttribution.flush())

        const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c]))
        expect(cookies._ra_vid?.value).toMatch(ID)
        expect(cookies._ra_sid?.value).toMatch(ID)
        expect(cookies._ra_vid).toMatchObject({ path: "/", sameSite: "Lax" })
        const visitorId = cookies._ra_vid.value
        const firstSession = cookies._ra_sid.value
        expect(await page.evaluate(() => (window as any).revenueAttribution.getVisitorId())).toBe(visitorId)

        const pageviews = await waitForRows(`select path from attribution_event where session_id = ? and type = 'pageview'`, 2, [firstSession])
        expect(pageviews.map((r: any) => r.path).sort()).toEqual(["/", "/products/shirt"])
        const [session] = await sql(`select * from attribution_session where id = ?`, [firstSession])
        expect(session).toMatchObject({
          visitor_id: visitorId,
          source: "newsletter",
          medium: "email",
          campaign: "Spring-Sale",
          channel: "Email",
          landing_page: "/",
          referrer_domain: "mail.google.com",
        })

        // After the (shortened) timeout, the next navigation starts a new session, Direct
        // because the only referrer is the store itself.
        await page.waitForTimeout(SESSION_TIMEOUT_MINUTES * 60_000 + 1500)
        await page.evaluate(() => history.pushState({}, "", "/cart"))
        await page.evaluate(() => (window as any).revenueAttribution.flush())
        const secondSession = await page.evaluate(() => (window as any).revenueAttribution.getSessionId())
        expect(secondSession).toMatch(ID)
        expect(secondSession).not.toBe(firstSession)
        const sessions = await waitForRows(`select id, channel from attribution_session where visitor_id = ? order by started_at`, 2, [visitorId])
        expect(sessions).toEqual([
          { id: firstSession, channel: "Email" },
          { id: secondSession, channel: "Direct" },
        ])

        // attachToCart writes the ids into the real cart, keeping the store's own metadata.
        expect(await page.evaluate((id) => (window as any).revenueAttribution.attachToCart(id), cartId)).toBe(true)
        const { data } = await api.get(`/store/carts/${cartId}`, { headers: { "x-publishable-api-key": token } })
        expect(data.cart.metadata).toEqual({
          store_note: "gift wrap",
          attribution_visitor_id: visitorId,
          attribution_session_id: secondSession,
        })
        expect(warnings).toEqual([])
      } finally {
        await context.close()
        await storefront.close()
      }
    })

    it("serves the script with caching headers and answers 304 to its ETag", async () => {
      const first = await api.get("/attribution/script.js")
      expect(first.status).toBe(200)
      expect(first.headers["content-type"]).toMatch(/javascript/)
      expect(first.headers["cache-control"]).toMatch(/max-age=\d+/)
      expect(first.data).toContain("revenueAttribution")
      const etag = first.headers["etag"]
      expect(etag).toMatch(/^"[0-9a-f]+"$/)
      const again = await api
        .get("/attribution/script.js", { headers: { "if-none-match": etag } })
        .catch((e: any) => e.response)
      expect(again.status).toBe(304)
    })
  },
})
