import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import fc from "fast-check"
import { createPublishableKey, createSecretKey } from "./helpers/keys"
import { LS_SECRET, STRIPE_SECRET, lsSignature, stripeEvents, stripeSignature } from "./helpers/providers"
import { paddleSignature, paddleTransaction } from "./helpers/paddle"
import { polarHeaders, polarOrderEvent } from "./helpers/polar"

jest.setTimeout(600_000)

// Property-based hostile input (issue 7): random and malformed bodies, content types, header
// combinations, huge strings, deep JSON, unicode, prototype-pollution keys and SQL-looking
// strings against every public write route. Every answer must be a 2xx or a 4xx, never a 5xx,
// and the database must hold nothing that should not be there. The number of inputs tried is
// printed at the end.
const RUNS = Number(process.env.HOSTILE_RUNS || 200)
const CLIENT_ID = /^[A-Za-z0-9_-]{16,64}$/
/** Answers seen per route and status class, e.g. tried["/attribution/events"]["4xx"]. */
const tried: Record<string, Record<string, number>> = {}

process.env.ATTRIBUTION_TEST_RATE_LIMIT = "100000000"

const NASTY_STRINGS = [
  "__proto__",
  "constructor",
  "prototype",
  "'; drop table attribution_payment; --",
  "1 OR 1=1",
  "\u0000",
  "\ud800",
  "😀".repeat(100),
  "%00%27",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "a".repeat(70_000),
]
const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: "binary", maxLength: 300 }), fc.string())
const nastyKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty"), fc.string({ maxLength: 20 }))

/** Any JSON value, with nasty keys and strings, up to a moderate depth. */
const nastyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(nastyKey, tie("value"), { maxKeys: 6 })
  ),
})).value

/** `depth` nested arrays: deep JSON that a recursive parser or validator might choke on. */
const deepJson = fc.integer({ min: 100, max: 5000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth))

/** JSON written with a literal "__proto__" key, which JSON.parse keeps as an own property. */
const protoBody = fc
  .record({ polluted: nastyString, inner: nastyJson })
  .map((o) => `{"__proto__": {"polluted": ${JSON.stringify(o.polluted)}}, "constructor": {"prototype": {"polluted": 1}}, "events": [${JSON.stringify(o.inner)}]}`)

/** Mostly the valid value, sometimes a hostile one: inputs that get past validation often. */
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: hostile, weight: 1 })

const safeText = fc.string({ minLength: 1, maxLength: 40 })

/** An event that is almost valid: each field is usually right and sometimes wrong or hostile. */
const nearlyValidEvent = fc.record(
  {
    type: mostly(fc.constantFrom("pageview", "event", "identify", "purchase"), nastyString),
    visitor_id: mostly(fc.stringMatching(CLIENT_ID), nastyString),
    session_id: mostly(fc.stringMatching(CLIENT_ID), nastyString),
    url: mostly(fc.webUrl({ withQueryParameters: true }).filter((u) => u.length < 2000), nastyString),
    referrer: mostly(fc.oneof(fc.webUrl(), fc.constant(null)), nastyString),
    title: mostly(safeText, nastyString),
    ts: mostly(fc.integer({ min: 0, max: 4102444800000 }), fc.oneof(fc.double(), fc.integer())),
    name: mostly(safeText, nastyString),
    props: mostly(fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(safeText, fc.integer(), fc.boolean()), { maxKeys: 5 }), nastyJson),
    email: mostly(fc.constantFrom("a@example.com", " Mixed@Example.COM "), nastyString),
    order_id: mostly(safeText, nastyString),
    amount: mostly(fc.constantFrom(0, 1, 99.99, "12.50", "1500"), fc.oneof(fc.double(), nastyString, fc.constantFrom("-1", "1e309", "0.00001"))),
    currency: mostly(fc.constantFrom("USD", "JPY", "KWD", "usd"), fc.oneof(fc.constantFrom("XXX", "US"), nastyString)),
  },
  // Every field present, so whichever type is drawn has what that type needs.
  { requiredKeys: ["type", "visitor_id", "session_id", "url", "name", "email", "order_id", "amount", "currency"] }
)

const otherContentTypes = fc.constantFrom(
  undefined,
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/json; charset=utf-16",
  "*/*"
)
/** The route's own content type most of the time, anything else sometimes. */
const contentTypes = (usual: string) => mostly(fc.constant(usual), otherContentTypes)

/** Bodies for a collector route; `key` is a placeholder the fast-path test may swap for the real key. */
const body = (key: string | null) =>
  fc.oneof(
    nastyString,
    deepJson,
    protoBody,
    nastyJson.map((v) => JSON.stringify(v)),
    { arbitrary: fc.array(nearlyValidEvent, { minLength: 1, maxLength: 3 }).map((events) => JSON.stringify(key === null ? { events } : { key, events })), weight: 12 },
    fc.array(nearlyValidEvent, { minLength: 40, maxLength: 60 }).map((events) => JSON.stringify(key === null ? { events } : { key, events })),
    fc.array(nearlyValidEvent, { maxLength: 3 }).map((events) => JSON.stringify({ key: key ?? "pk_x", events, extra: 1 }))
  )

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let publishable: string
    let secret: string

    beforeAll(async () => {
      publishable = (await createPublishableKey(getContainer())).token
      secret = (await createSecretKey(getContainer())).token
    })

    const sql = async (q: string) => (await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(q)).rows

    /** Sends the body as written; answers the status (the test fails on a 5xx). */
    const send = async (route: string, raw: string, headers: Record<string, string | undefined>) => {
      const res = await api
        .post(route, raw, {
          headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)),
          transformRequest: [(d: unknown) => d],
          validateStatus: () => true,
        })
        .catch((e: any) => e.response ?? { status: 0, data: String(e) })
      const byClass = (tried[route] ??= {})
      byClass[`${String(res.status)[0]}xx`] = (byClass[`${String(res.status)[0]}xx`] ?? 0) + 1
      if (res.status >= 500 || res.status === 0) {
        throw new Error(`${route} answered ${res.status} ${JSON.stringify(res.data).slice(0, 300)} to ${raw.slice(0, 300)}`)
      }
      return res.status as number
    }

    const check = (property: fc.IAsyncProperty<any>) => fc.assert(property, { numRuns: RUNS, endOnFailure: true })

    /**
     * After each route's run (the runner empties the database between tests): nothing that
     * should not be there, and no prototype polluted. `events` says whether that run must have
     * stored storefront events.
     */
    const checkDatabase = async (expectEvents: "some events" | "any") => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      // Accepted events wait in the collector's buffer: write them before looking.
      await getContainer().resolve<{ flushEvents: () => Promise<void> }>("attribution").flushEvents()
      const [{ stored }] = await sql(`select count(*)::int as stored from attribution_event`)
      if (expectEvents === "some events") expect(stored).toBeGreaterThan(0)
      const events = await sql(`select visitor_id, session_id, type, length(coalesce(url, '')) as url_length from attribution_event`)
      for (const e of events) {
        expect(e.visitor_id).toMatch(CLIENT_ID)
        expect(e.session_id).toMatch(CLIENT_ID)
        expect(["pageview", "event", "identify", "purchase"]).toContain(e.type)
        expect(Number(e.url_length)).toBeLessThanOrEqual(2048)
      }
      const payments = await sql(`select currency_code, amount::text as amount, provider, visitor_id from attribution_payment`)
      for (const p of payments) {
        expect(p.currency_code).toMatch(/^[A-Z]{3}$/)
        expect(Number(p.amount)).toBeGreaterThanOrEqual(0)
        // The payment API takes 1 to 64 id characters (CONTRACT's example is "visitor_123");
        // the collector's own ids are 16 to 64.
        if (p.visitor_id !== null) expect(p.visitor_id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
      }
      const [{ unsigned }] = await sql(
        `select count(*)::int as unsigned from attribution_webhook_delivery where provider not in ('stripe', 'lemonsqueezy', 'paddle', 'polar')`
      )
      expect(unsigned).toBe(0)
    }


    it("the collector's fast path never answers 5xx", async () => {
      await check(
        fc.asyncProperty(body("pk_x"), contentTypes("text/plain;charset=UTF-8"), mostly(fc.constant(true), fc.constant(false)), async (raw, type, withKey) => {
          // Half the time the body carries the real key, so validation goes past the key check.
          const withRealKey = withKey ? raw.replace('"key":"pk_x"', `"key":"${publishable}"`) : raw
          await send("/attribution/events", withRealKey, { "content-type": type, "user-agent": "Mozilla/5.0 Chrome/120" })
        })
      )
      await checkDatabase("some events")
    })

    it("the /store collector never answers 5xx", async () => {
      await check(
        fc.asyncProperty(
          body(null),
          contentTypes("application/json"),
          mostly(fc.constant("real"), fc.oneof(fc.constant(undefined), nastyString)),
          async (raw, type, key) => {
            await send("/store/attribution/events", raw, {
              "content-type": type,
              "x-publishable-api-key": key === "real" ? publishable : key && /^[\x20-\x7e]*$/.test(key) ? key : undefined,
              "user-agent": "Mozilla/5.0 Chrome/120",
            })
          }
        )
      )
      await checkDatabase("some events")
    })

    const stripeBody = fc.oneof(
      nastyString,
      deepJson,
      protoBody,
      nastyJson.map((v) => JSON.stringify(v)),
      // Real events with hostile values in their fields.
      fc
        .record({ amount: fc.oneof(fc.integer(), fc.double(), nastyString), currency: nastyString, metadata: fc.dictionary(nastyKey, nastyString, { maxKeys: 5 }) })
        .map((o) => JSON.stringify(stripeEvents.paymentIntent({ pi: `pi_hostile_${Math.random().toString(36).slice(2)}` }, o as never)))
    )

    it("the Stripe webhook never answers 5xx, signed or not", async () => {
      await check(
        fc.asyncProperty(stripeBody, fc.constantFrom("none", "valid", "wrong", "garbage"), contentTypes("application/json"), async (raw, sig, type) => {
          const signature =
            sig === "valid" ? stripeSignature(raw) : sig === "wrong" ? stripeSignature(raw, "whsec_wrong") : sig === "garbage" ? "t=1,v1=zz" : undefined
          const status = await send("/attribution/webhooks/stripe", raw, { "content-type": type ?? "application/json", "stripe-signature": signature })
          if (sig !== "valid") expect(status).toBe(400)
        })
      )
      await checkDatabase("any")
    })

    it("the LemonSqueezy webhook never answers 5xx, signed or not", async () => {
      await check(
        fc.asyncProperty(body(null), fc.constantFrom("none", "valid", "wrong", "short"), async (raw, sig) => {
          const signature =
            sig === "valid" ? lsSignature(raw) : sig === "wrong" ? lsSignature(raw, "nope") : sig === "short" ? "abc" : undefined
          const status = await send("/attribution/webhooks/lemonsqueezy", raw, { "content-type": "application/json", "x-signature": signature })
          if (sig !== "valid") expect(status).toBe(400)
        })
      )
      await checkDatabase("any")
    })

    /** Garbage, or the provider's real event with hostile values in its fields. */
    const providerBody = (realEvent: (o: { amount: unknown; currency: unknown; metadata: Record<string, string> }) => unknown) =>
      fc.oneof(
        body(null),
        deepJson,
        protoBody,
        fc
          .record({ amount: fc.oneof(fc.integer(), fc.double(), nastyString), currency: nastyString, metadata: fc.dictionary(nastyKey, nastyString, { maxKeys: 5 }) })
          .map((o) => JSON.stringify(realEvent(o)))
      )
    const uniq = () => Math.random().toString(36).slice(2)

    it("the Paddle webhook never answers 5xx, signed or not", async () => {
      const events = providerBody((o) =>
        paddleTransaction({ id: `txn_${uniq()}`, grandTotal: o.amount as string, currency: o.currency as string, customData: o.metadata })
      )
      await check(
        fc.asyncProperty(events, fc.constantFrom("none", "valid", "wrong", "garbage"), async (raw, sig) => {
          const signature =
            sig === "valid" ? paddleSignature(raw) : sig === "wrong" ? paddleSignature(raw, "pdl_ntfset_wrong") : sig === "garbage" ? "ts=x;h1=zz" : undefined
          const status = await send("/attribution/webhooks/paddle", raw, { "content-type": "application/json", "paddle-signature": signature })
          if (sig !== "valid") expect(status).toBe(400)
        })
      )
      await checkDatabase("any")
    })

    it("the Polar webhook never answers 5xx, signed or not", async () => {
      const events = providerBody((o) =>
        polarOrderEvent("order.paid", { id: `ord_${uniq()}`, total: o.amount as number, currency: o.currency as string, metadata: o.metadata })
      )
      await check(
        fc.asyncProperty(events, fc.constantFrom("none", "legacy", "standard", "wrong"), async (raw, sig) => {
          const headers =
            sig === "none" ? {} : sig === "wrong" ? polarHeaders(raw, { secret: "polar_wrong_secret" }) : polarHeaders(raw, { scheme: sig })
          const status = await send("/attribution/webhooks/polar", raw, { "content-type": "application/json", ...headers })
          if (sig === "none" || sig === "wrong") expect(status).toBe(400)
        })
      )
      await checkDatabase("any")
    })

    const paymentBody = fc.oneof(
      nastyString,
      deepJson,
      protoBody,
      nastyJson.map((v) => JSON.stringify(v)),
      {
        weight: 6,
        arbitrary: fc
          .record(
            {
              provider: mostly(fc.constantFrom("stripe", "custom", "paypal"), nastyString),
              providerPaymentId: mostly(fc.stringMatching(/^[a-z]{2}_[A-Za-z0-9]{8,20}$/), nastyString),
              amount: mostly(fc.constantFrom(1500, "12", 7), fc.oneof(fc.double(), fc.integer(), nastyString, fc.constantFrom("1e3", "-0", "0.001"))),
              currency: mostly(fc.constantFrom("usd", "JPY", "kwd", "EUR"), fc.oneof(fc.constant("XXX"), nastyString)),
              visitorId: mostly(fc.stringMatching(CLIENT_ID), nastyString),
              sessionId: mostly(fc.stringMatching(CLIENT_ID), nastyString),
              customerEmail: mostly(fc.constantFrom("buyer@example.com"), nastyString),
              occurredAt: mostly(fc.constantFrom("2026-11-01T10:00:00Z", "2026-06-30"), nastyString),
              orderId: mostly(safeText, nastyString),
              metadata: mostly(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), safeText, { maxKeys: 3 }), nastyJson),
            },
            { requiredKeys: ["provider", "providerPaymentId", "amount", "currency"] }
          )
          .map((o) => JSON.stringify(o)),
      }
    )

    it("the payment API never answers 5xx", async () => {
      await check(
        fc.asyncProperty(
          paymentBody,
          fc.constantFrom("/attribution/v1/payments", "/attribution/v1/refunds"),
          mostly(fc.constant("secret"), fc.constantFrom("publishable", "none", "garbage")),
          contentTypes("application/json"),
          async (raw, route, auth, type) => {
            const authorization =
              auth === "secret" ? `Bearer ${secret}` : auth === "publishable" ? `Bearer ${publishable}` : auth === "garbage" ? "Bearer \u00ff" : undefined
            const status = await send(route, raw, { "content-type": type ?? "application/json", authorization })
            if (auth !== "secret") expect(status).toBe(401)
          }
        )
      )
      await checkDatabase("any")
    })

    // Found by the property above (CI seed -1945352758): an unpaired surrogate in a reference
    // reached a jsonb column, which refuses the escape "\ud800", and the payment API answered 500.
    it("text Postgres cannot store is refused by the payment API and cleaned from signed events", async () => {
      for (const bad of ["\ud800", "x\udc00y", "nul\u0000"]) {
        for (const field of ["providerPaymentId", "orderId"]) {
          const raw = JSON.stringify({ provider: "custom", providerPaymentId: "pay_ok_1", amount: 7, currency: "usd", [field]: bad })
          const res = await api.post("/attribution/v1/payments", raw, {
            headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
            transformRequest: [(d: unknown) => d],
            validateStatus: () => true,
          })
          expect([res.status, JSON.stringify(res.data)]).toEqual([400, expect.stringContaining(field)])
        }
      }
      const raw = JSON.stringify(
        stripeEvents.paymentIntent({ pi: "pi_surrogate_1" }, { amount: 1250, currency: "usd", metadata: { campaign: "lone \ud800 here", "k\udc00": "v" } })
      )
      const res = await api.post("/attribution/webhooks/stripe", raw, {
        headers: { "content-type": "application/json", "stripe-signature": stripeSignature(raw) },
        transformRequest: [(d: unknown) => d],
        validateStatus: () => true,
      })
      expect(res.status).toBe(200)
      const [payment] = await sql(`select amount::text as amount, metadata from attribution_payment where provider = 'stripe'`)
      expect(payment.amount).toBe("12.50")
      expect(payment.metadata).toEqual(expect.objectContaining({ campaign: "lone \ufffd here", "k\ufffd": "v" }))
    })

    it("reached past validation on every route (some inputs were accepted, some refused)", () => {
      const total = Object.values(tried).reduce((n, byClass) => n + Object.values(byClass).reduce((a, b) => a + b, 0), 0)
      console.log(`hostile inputs tried: ${total}; answers by route: ${JSON.stringify(tried)}`)
      for (const route of ["/attribution/events", "/store/attribution/events", "/attribution/webhooks/stripe", "/attribution/webhooks/lemonsqueezy", "/attribution/webhooks/paddle", "/attribution/webhooks/polar", "/attribution/v1/payments"]) {
        expect(tried[route]?.["2xx"] ?? 0).toBeGreaterThan(0)
        expect(tried[route]?.["4xx"] ?? 0).toBeGreaterThan(0)
      }
    })

  },
})
