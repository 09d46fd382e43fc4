/**
 * The built script-tag IIFE, run in a fake browser (helpers/fake-browser.ts): what it stores,
 * what it sends, and that it never throws into the page.
 */
import { loadPage, newProfile, Page, PageOptions, Profile } from "./helpers/fake-browser"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require("../build.js") as { buildSnippet(): Promise<string> }

const KEY = "pk_0123456789abcdef"
const API = "https://api.store.example"
const ID = /^[\w-]{16,64}$/

let code: string
beforeAll(async () => {
  code = await build.buildSnippet()
})

function open(profile: Profile = newProfile(), options: PageOptions = {}): Page {
  return loadPage(code, profile, { ...options, data: { key: KEY, ...(options.data ?? {}) } })
}

describe("misconfiguration", () => {
  it("without data-key: warns once, sends and stores nothing, and every method is a harmless no-op", async () => {
    const page = loadPage(code, newProfile(), { data: {} })
    const api = page.api
    expect(api).toBeDefined()
    expect(api.getVisitorId()).toBeNull()
    expect(api.getSessionId()).toBeNull()
    expect(api.cartMetadata()).toEqual({})
    api.track("x")
    api.identify("a@b.co")
    api.trackPurchase("o1", 10, "usd")
    api.pageview()
    api.consent(true)
    await expect(api.attachToCart("cart_1")).resolves.toBe(false)
    await expect(api.flush()).resolves.toBeUndefined()
    await page.advance(5000)
    expect(page.requests).toHaveLength(0)
    expect(page.cookieWrites).toHaveLength(0)
    expect(page.warnings).toHaveLength(1)
    expect(page.warnings[0]).toMatch(/data-key/)
  })

  it("with a secret key instead of a publishable one: warns", () => {
    const page = loadPage(code, newProfile(), { data: { key: "sk_0123456789" } })
    expect(page.warnings).toEqual([expect.stringMatching(/publishable key/)])
    expect(page.api.getVisitorId()).toBeNull()
  })

  it("inline, without data-api: warns that the backend URL is missing", () => {
    const page = loadPage(code, newProfile(), { src: null, data: { key: KEY } })
    expect(page.warnings).toEqual([expect.stringMatching(/data-api/)])
    expect(page.requests).toHaveLength(0)
  })

  it("without document.currentScript at all: warns and does not throw", () => {
    const page = loadPage(code, newProfile(), { noCurrentScript: true })
    expect(page.warnings).toHaveLength(1)
    expect(page.api.cartMetadata()).toEqual({})
  })

  it("loaded twice, keeps the first instance and sends one pageview", async () => {
    const profile = newProfile()
    const page = open(profile)
    const first = page.api
    const { vm } = { vm: require("vm") as typeof import("vm") }
    vm.runInContext(code, page.context)
    expect(page.api).toBe(first)
    await page.advance(1000)
    expect(page.events.filter((e) => e.type == "pageview")).toHaveLength(1)
  })
})

describe("pageviews and the collector request", () => {
  it("sends the landing pageview with its real URL, referrer and title, batched after about a second", async () => {
    const url = "https://shop.example/p/shirt?utm_source=google&utm_medium=cpc"
    const page = open(newProfile(), { url, referrer: "https://www.google.com/", title: "Shirt" })
    expect(page.requests).toHaveLength(0)
    await page.advance(999)
    expect(page.requests).toHaveLength(0)
    await page.advance(1)
    expect(page.requests).toHaveLength(1)
    const [request] = page.requests
    expect(request.url).toBe(API + "/attribution/events")
    expect(request.init.method).toBe("POST")
    expect(request.init.keepalive).toBe(true)
    expect(request.init.headers).toEqual({ "content-type": "text/plain" })
    const body = request.body as { key: string; events: Record<string, unknown>[] }
    expect(body.key).toBe(KEY)
    expect(body.events).toEqual([
      {
        type: "pageview",
        url,
        referrer: "https://www.google.com/",
        title: "Shirt",
        ts: expect.any(Number),
        visitor_id: page.cookie("_ra_vid"),
        session_id: page.cookie("_ra_sid"),
      },
    ])
    expect(body.events[0].visitor_id).toMatch(ID)
    expect(body.events[0].session_id).toMatch(ID)
    expect(body.events[0].visitor_id).not.toBe(body.events[0].session_id)
  })

  it("uses data-api when given, without a trailing slash", async () => {
    const page = open(newProfile(), { data: { api: "https://backend.example/medusa/" } })
    await page.advance(1000)
    expect(page.requests[0].url).toBe("https://backend.example/medusa/attribution/events")
  })

  it("sets first-party cookies: visitor for a year, session for the timeout, Lax, Secure on https", () => {
    const page = open(newProfile(), { data: { "session-timeout": "45" } })
    const vid = page.cookieWrites.filter((c) => c.startsWith("_ra_vid="))
    expect(vid.length).toBeGreaterThan(0)
    expect(vid[vid.length - 1]).toMatch(/^_ra_vid=[\w-]{16,64}; Max-Age=31536000; Path=\/; SameSite=Lax; Secure$/)
    expect(page.cookieWrites).toContainEqual(expect.stringMatching(/^_ra_sid=[\w-]{16,64}; Max-Age=2700; Path=\/; SameSite=Lax; Secure$/))
    expect(page.cookieWrites).toContainEqual(expect.stringMatching(/^_ra_act=[0-9a-z]+\.[0-9a-z]*; Max-Age=2700; Path=\/; SameSite=Lax; Secure$/))
  })

  it("leaves Secure off on plain http", () => {
    const page = open(newProfile(), { url: "http://localhost:8000/" })
    expect(page.cookieWrites.length).toBeGreaterThan(0)
    for (const cookie of page.cookieWrites) expect(cookie).not.toMatch(/Secure/)
  })

  it("tracks SPA navigations once per path or query change, with the previous URL as referrer", async () => {
    const page = open(newProfile(), { url: "https://shop.example/", referrer: "https://ref.example/" })
    const history = page.context.history as { pushState(s: unknown, t: string, u?: string): void; replaceState(s: unknown, t: string, u?: string): void }
    history.pushState({}, "", "/products")
    page.setTitle("Products") // the router sets the title after pushState
    await page.advance(0)
    history.replaceState({}, "", "/products") // same URL: no pageview
    await page.advance(0)
    history.pushState({}, "", "/products#reviews") // hash only: no pageview
    await page.advance(0)
    history.pushState({}, "", "/products?page=2")
    await page.advance(1000)
    page.back("https://shop.example/products")
    await page.advance(1000)
    const pageviews = page.events.filter((e) => e.type == "pageview")
    expect(pageviews.map((e) => [e.url, e.referrer])).toEqual([
      ["https://shop.example/", "https://ref.example/"],
      ["https://shop.example/products", "https://shop.example/"],
      ["https://shop.example/products?page=2", "https://shop.example/products"],
      ["https://shop.example/products", "https://shop.example/products?page=2"],
    ])
    expect(pageviews[1].title).toBe("Products")
    expect(new Set(pageviews.map((e) => e.session_id)).size).toBe(1)
  })

  it("a pushState and a redirecting replaceState in the same tick make one pageview, of the final URL", async () => {
    const page = open()
    const history = page.context.history as { pushState(s: unknown, t: string, u?: string): void; replaceState(s: unknown, t: string, u?: string): void }
    history.pushState({}, "", "/account")
    history.replaceState({}, "", "/login")
    await page.advance(1000)
    expect(page.events.map((e) => e.url)).toEqual(["https://shop.example/", "https://shop.example/login"])
  })

  it("still calls the page's own history methods and returns their result", () => {
    const page = open()
    const history = page.context.history as { pushState(s: unknown, t: string, u?: string): unknown; calls: string[] }
    history.pushState({}, "", "/a")
    expect(history.calls).toEqual(["push"])
    expect((page.context.location as { href: string }).href).toBe("https://shop.example/a")
  })

  it('with data-auto="false": no automatic pageviews, history untouched, pageview() on demand', async () => {
    const page = open(newProfile(), { data: { auto: "false" } })
    const history = page.context.history as { pushState(s: unknown, t: string, u?: string): void }
    history.pushState({}, "", "/next")
    await page.advance(2000)
    expect(page.requests).toHaveLength(0)
    page.api.pageview()
    await page.advance(1000)
    expect(page.events.map((e) => [e.type, e.url])).toEqual([["pageview", "https://shop.example/next"]])
  })
})

describe("the API", () => {
  it("identify sends the trimmed, lower-cased email and ignores what is not an email", async () => {
    const page = open()
    page.api.identify("  Buyer@Example.COM ")
    page.api.identify("not an email")
    page.api.identify(42 as unknown as string)
    await page.advance(1000)
    const identifies = page.events.filter((e) => e.type == "identify")
    expect(identifies).toHaveLength(1)
    expect(identifies[0]).toMatchObject({ email: "buyer@example.com", visitor_id: page.api.getVisitorId() })
  })

  it("track and trackPurchase send their fields with the ids and the current URL", async () => {
    const page = open(newProfile(), { url: "https://shop.example/checkout" })
    page.api.track("signup", { plan: "pro" })
    page.api.track("bare")
    page.api.trackPurchase("order_1", 99.99, "usd")
    await page.advance(1000)
    const [, signup, bare, purchase] = page.events
    expect(signup).toMatchObject({ type: "event", name: "signup", props: { plan: "pro" }, url: "https://shop.example/checkout" })
    expect(bare).not.toHaveProperty("props")
    expect(purchase).toMatchObject({ type: "purchase", order_id: "order_1", amount: 99.99, currency: "USD" })
    for (const event of [signup, bare, purchase]) {
      expect(event.visitor_id).toBe(page.cookie("_ra_vid"))
      expect(event.session_id).toBe(page.cookie("_ra_sid"))
    }
  })

  it("cartMetadata and the getters answer the cookie ids", () => {
    const page = open()
    const metadata = page.api.cartMetadata()
    expect(metadata).toEqual({ attribution_visitor_id: page.cookie("_ra_vid"), attribution_session_id: page.cookie("_ra_sid") })
    expect(page.api.getVisitorId()).toBe(metadata.attribution_visitor_id)
    expect(page.api.getSessionId()).toBe(metadata.attribution_session_id)
  })

  it("attachToCart posts the metadata to the Store API with the publishable key", async () => {
    const page = open(newProfile(), { respond: (r) => (r.url.includes("/store/carts/") ? 200 : 202) })
    await expect(page.api.attachToCart("cart_01/x")).resolves.toBe(true)
    const request = page.requests.find((r) => r.url.includes("/store/carts/"))!
    expect(request.url).toBe(API + "/store/carts/cart_01%2Fx")
    expect(request.init.method).toBe("POST")
    expect(request.init.headers).toEqual({ "content-type": "application/json", "x-publishable-api-key": KEY })
    expect(request.body).toEqual({ metadata: page.api.cartMetadata() })
  })

  it("attachToCart resolves false, never rejects, on an error status or a network failure", async () => {
    const failing = open(newProfile(), { respond: (r) => (r.url.includes("/store/carts/") ? 404 : 202) })
    await expect(failing.api.attachToCart("cart_1")).resolves.toBe(false)
    const offline = open(newProfile(), { respond: () => "fail" })
    await expect(offline.api.attachToCart("cart_1")).resolves.toBe(false)
    await expect(offline.api.attachToCart("")).resolves.toBe(false)
  })

  it("flushes at 10 events without waiting", async () => {
    const page = open()
    for (let i = 0; i < 9; i++) page.api.track("e" + i)
    await page.settle()
    expect(page.requests).toHaveLength(1)
    expect((page.requests[0].body as { events: unknown[] }).events).toHaveLength(10)
  })

  it("flushes when the page is hidden or unloaded", async () => {
    const page = open()
    page.hide()
    await page.settle()
    expect(page.requests).toHaveLength(1)
    page.api.track("late")
    page.dispatch("pagehide")
    await page.settle()
    expect(page.requests).toHaveLength(2)
    expect(page.events.map((e) => e.type)).toEqual(["pageview", "event"])
  })

  it("flush() sends now and resolves when the request is done", async () => {
    const page = open()
    await page.api.flush()
    expect(page.requests).toHaveLength(1)
  })
})

describe("sessions", () => {
  it("keeps the visitor and session across page loads within the timeout", async () => {
    const profile = newProfile()
    const first = open(profile)
    profile.now += 10 * 60_000
    const second = open(profile, { url: "https://shop.example/other" })
    expect(second.api.getVisitorId()).toBe(first.api.getVisitorId())
    expect(second.api.getSessionId()).toBe(first.api.getSessionId())
  })

  it("starts a new session after data-session-timeout minutes without activity, same visitor", async () => {
    const profile = newProfile()
    const page = open(profile, { data: { "session-timeout": "1" } })
    const visitor = page.api.getVisitorId()
    const session = page.api.getSessionId()
    await page.advance(50_000)
    page.api.track("active") // activity renews the session
    await page.advance(50_000)
    expect(page.api.getSessionId()).toBe(session)
    await page.advance(61_000)
    page.api.track("back")
    await page.advance(1000)
    const back = page.events.find((e) => e.name == "back")!
    expect(back.session_id).not.toBe(session)
    expect(back.visitor_id).toBe(visitor)
  })

  it("a getter does not keep the session alive", async () => {
    const profile = newProfile()
    const page = open(profile, { data: { "session-timeout": "1" } })
    const session = page.api.getSessionId()
    for (let i = 0; i < 4; i++) {
      await page.advance(20_000)
      page.api.getSessionId()
    }
    expect(page.api.getSessionId()).not.toBe(session)
  })

  it("starts a new session when the visitor arrives with another campaign, not on a reload or an untagged page", () => {
    const profile = newProfile()
    const a = open(profile, { url: "https://shop.example/?utm_source=google&utm_medium=cpc" })
    const visitor = a.api.getVisitorId()
    const session = a.api.getSessionId()
    profile.now += 60_000
    const reload = open(profile, { url: "https://shop.example/?utm_medium=cpc&utm_source=google" })
    expect(reload.api.getSessionId()).toBe(session)
    profile.now += 60_000
    const untagged = open(profile, { url: "https://shop.example/cart" })
    expect(untagged.api.getSessionId()).toBe(session)
    profile.now += 60_000
    const newsletter = open(profile, { url: "https://shop.example/?utm_source=newsletter&utm_medium=email" })
    const newsletterSession = newsletter.api.getSessionId()
    expect(newsletterSession).not.toBe(session)
    expect(newsletter.api.getVisitorId()).toBe(visitor)
    profile.now += 60_000
    const click = open(profile, { url: "https://shop.example/?ScCid=abc" })
    expect(click.api.getSessionId()).not.toBe(newsletterSession)
    expect(click.api.getVisitorId()).toBe(visitor)
  })

  it("a direct visit that later arrives from an ad starts a new session for the ad", () => {
    const profile = newProfile()
    const direct = open(profile).api.getSessionId()
    profile.now += 60_000
    const ad = open(profile, { url: "https://shop.example/?gclid=xyz" })
    expect(ad.api.getSessionId()).toMatch(ID)
    expect(ad.api.getSessionId()).not.toBe(direct)
  })

  it("an SPA navigation to a tagged URL starts a new session with that pageview", async () => {
    const page = open()
    const history = page.context.history as { pushState(s: unknown, t: string, u?: string): void }
    history.pushState({}, "", "/?utm_source=partner&utm_medium=referral")
    await page.advance(1000)
    const [landing, tagged] = page.events
    expect(tagged.url).toBe("https://shop.example/?utm_source=partner&utm_medium=referral")
    expect(tagged.session_id).not.toBe(landing.session_id)
    expect(tagged.visitor_id).toBe(landing.visitor_id)
  })
})

describe("storage fallbacks", () => {
  it("uses localStorage when cookies are refused, and keeps the ids across page loads", () => {
    const profile = newProfile()
    const first = open(profile, { cookiesBlocked: true })
    const visitor = first.api.getVisitorId()
    expect(visitor).toMatch(ID)
    expect(profile.local.get("_ra_vid")).toBe(visitor)
    expect(profile.local.get("_ra_sid")).toBe(first.api.getSessionId())
    expect(profile.local.get("_ra_act")).toMatch(/^[0-9a-z]+\.$/)
    const session = first.api.getSessionId()
    const second = open(profile, { cookiesBlocked: true })
    expect(second.api.getVisitorId()).toBe(visitor)
    expect(second.api.getSessionId()).toBe(session)
  })

  it("the localStorage session still times out", () => {
    const profile = newProfile()
    const first = open(profile, { cookiesBlocked: true, data: { "session-timeout": "30" } })
    const [visitor, session] = [first.api.getVisitorId(), first.api.getSessionId()]
    profile.now += 31 * 60_000
    const second = open(profile, { cookiesBlocked: true })
    expect(second.api.getVisitorId()).toBe(visitor)
    expect(second.api.getSessionId()).toMatch(ID)
    expect(second.api.getSessionId()).not.toBe(session)
  })

  it("keeps ids in memory when cookies and localStorage both fail, and still sends", async () => {
    for (const localStorage of ["blocked", "throws"] as const) {
      const profile = newProfile()
      const page = open(profile, { cookiesBlocked: true, localStorage })
      const visitor = page.api.getVisitorId()
      expect(visitor).toMatch(ID)
      expect(page.api.getVisitorId()).toBe(visitor)
      await page.advance(1000)
      expect(page.events[0].visitor_id).toBe(visitor)
      expect(profile.local.size).toBe(0)
    }
  })
})

describe("privacy", () => {
  it('data-consent="required": stores and sends nothing until consent(true), then sends the landing pageview', async () => {
    const url = "https://shop.example/?utm_source=tiktok&utm_medium=paid_social"
    const profile = newProfile()
    const page = open(profile, { url, data: { consent: "required" } })
    page.api.track("before-consent")
    await page.advance(5000)
    expect(page.requests).toHaveLength(0)
    expect(page.cookieWrites).toHaveLength(0)
    expect(profile.local.size).toBe(0)
    expect(page.api.getVisitorId()).toBeNull()
    expect(page.api.cartMetadata()).toEqual({})
    page.api.consent(true)
    expect(page.api.getVisitorId()).toMatch(ID)
    await page.advance(1000)
    expect(page.events.map((e) => [e.type, e.url])).toEqual([
      ["pageview", url],
      ["event", url],
    ])
  })

  it("consent(false) deletes the ids and the unsent events, and stops tracking", async () => {
    const profile = newProfile()
    const page = open(profile)
    expect(page.cookie("_ra_vid")).toBeDefined()
    page.api.consent(false)
    expect(page.cookie("_ra_vid")).toBeUndefined()
    expect(page.cookie("_ra_sid")).toBeUndefined()
    expect(page.cookie("_ra_act")).toBeUndefined()
    page.api.track("after")
    await page.advance(5000)
    expect(page.requests).toHaveLength(0)
    expect(page.api.getVisitorId()).toBeNull()
    expect(page.api.cartMetadata()).toEqual({})
  })

  it.each([
    ["navigator.doNotTrack", { navigator: { doNotTrack: "1" } }],
    ["window.doNotTrack", { windowProps: { doNotTrack: "1" } }],
    ["Global Privacy Control", { navigator: { globalPrivacyControl: true } }],
  ])('data-respect-dnt="true" with %s: no ids, nothing sent, even after consent(true)', async (_name, options) => {
    const page = open(newProfile(), { ...options, data: { "respect-dnt": "true" } })
    page.api.track("x")
    page.api.consent(true)
    await page.advance(5000)
    expect(page.requests).toHaveLength(0)
    expect(page.cookieWrites).toHaveLength(0)
    expect(page.api.getVisitorId()).toBeNull()
    expect(page.warnings).toHaveLength(0)
  })

  it("ignores Do Not Track unless data-respect-dnt is on", async () => {
    const page = open(newProfile(), { navigator: { doNotTrack: "1", globalPrivacyControl: true } })
    await page.advance(1000)
    expect(page.requests).toHaveLength(1)
  })
})

describe("delivery", () => {
  it("retries a failed batch with exponential backoff and delivers it once the backend answers", async () => {
    let answers: (number | "fail")[] = ["fail", 500, 429, 503]
    const page = open(newProfile(), { respond: () => answers.shift() ?? 202 })
    await page.advance(1000) // first attempt: network error
    expect(page.requests).toHaveLength(1)
    await page.advance(999)
    expect(page.requests).toHaveLength(1)
    await page.advance(1) // +1 s: 500
    expect(page.requests).toHaveLength(2)
    await page.advance(2000) // +2 s: 429
    expect(page.requests).toHaveLength(3)
    await page.advance(3999)
    expect(page.requests).toHaveLength(3)
    await page.advance(1) // +4 s: 503
    expect(page.requests).toHaveLength(4)
    await page.advance(8000) // +8 s: accepted
    expect(page.requests).toHaveLength(5)
    const ids = page.requests.map((r) => JSON.stringify((r.body as { events: unknown[] }).events))
    expect(new Set(ids).size).toBe(1) // the same batch each time
    answers = []
    page.api.track("next")
    await page.advance(1000) // backoff was reset: normal delay again
    expect(page.requests).toHaveLength(6)
    expect(page.warnings).toHaveLength(0)
  })

  it("drops a batch refused with a 4xx other than 429 and warns once", async () => {
    const page = open(newProfile(), { respond: () => 401 })
    await page.advance(1000)
    page.api.track("again")
    await page.advance(1000)
    await page.advance(120_000)
    expect(page.requests).toHaveLength(2)
    expect(page.warnings).toEqual([expect.stringMatching(/401/)])
  })

  it("never throws into the page, even when fetch itself throws", async () => {
    const page = open(newProfile(), {
      windowProps: {
        fetch: () => {
          throw new Error("boom")
        },
      },
    })
    expect(() => page.api.track("x")).not.toThrow()
    await expect(page.api.flush()).resolves.toBeUndefined()
    await expect(page.api.attachToCart("cart_1")).resolves.toBe(false)
    await page.advance(3000)
  })
})
