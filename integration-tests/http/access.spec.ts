import fs from "fs"
import path from "path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, createAdminUser } from "./helpers/admin"
import { createPublishableKey, createSecretKey, revokeKey } from "./helpers/keys"

jest.setTimeout(180_000)

const ADMIN_API = path.resolve(__dirname, "../../src/api/admin")

/**
 * Every admin route the plugin ships, read from src/api/admin, so a route added later is
 * covered without touching this test. Dynamic segments (`[id]`) get a placeholder.
 */
function adminRoutes(): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8")
        // A dynamic segment gets a placeholder; one that names a provider, a provider that exists.
        const segment = (s: string) => (s === "[provider]" ? "stripe" : s.replace(/^\[.*\]$/, "x"))
        const url = "/admin/" + path.relative(ADMIN_API, dir).split(path.sep).map(segment).join("/")
        for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push({ method: m[1]!, path: url })
      }
    }
  }
  walk(ADMIN_API)
  return found
}

const ROUTES = adminRoutes()

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const call = (method: string, url: string, headers: Record<string, string>) =>
      api.request({ method, url, headers, data: method === "GET" || method === "DELETE" ? undefined : {}, validateStatus: () => true })

    it("finds the plugin's admin routes", () => {
      expect(ROUTES.map((r) => `${r.method} ${r.path}`)).toEqual(
        expect.arrayContaining(["GET /admin/attribution/status", "GET /admin/attribution/revenue"])
      )
    })

    it("refuses every admin route without authentication", async () => {
      for (const r of ROUTES) {
        const res = await call(r.method, r.path, {})
        expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 })
      }
    })

    it("refuses every admin route with a customer's token", async () => {
      const credentials = { email: "shopper@example.com", password: "shopper-password-1" }
      const registered = await api.post("/auth/customer/emailpass/register", credentials)
      const publishable = await createPublishableKey(getContainer())
      await api.post(
        "/store/customers",
        { email: credentials.email },
        { headers: { authorization: `Bearer ${registered.data.token}`, "x-publishable-api-key": publishable.token } }
      )
      const login = await api.post("/auth/customer/emailpass", credentials)
      const customer = { authorization: `Bearer ${login.data.token}` }
      // The token works where a customer belongs, so the refusals below are about the route.
      const me = await api.get("/store/customers/me", { headers: { ...customer, "x-publishable-api-key": publishable.token } })
      expect(me.status).toBe(200)
      for (const r of ROUTES) {
        const res = await call(r.method, r.path, customer)
        expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 })
      }
    })

    it("refuses every admin route with a secret or publishable API key's token as a bearer", async () => {
      const secret = await createSecretKey(getContainer())
      const publishable = await createPublishableKey(getContainer())
      for (const r of ROUTES) {
        const withPublishable = await call(r.method, r.path, { authorization: `Bearer ${publishable.token}` })
        expect({ route: `${r.method} ${r.path}`, status: withPublishable.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 })
      }
      // A secret key authenticates as its creator in Medusa (Basic auth); with no such user
      // behind it here, it must not open the plugin's routes as a bearer token either.
      const res = await call("GET", "/admin/attribution/status", { authorization: `Bearer ${secret.token}` })
      expect(res.status).toBe(401)
    })

    it("answers an admin on every GET route", async () => {
      const headers = await adminHeaders(await createAdminUser(getContainer()), getContainer())
      for (const r of ROUTES.filter((x) => x.method === "GET")) {
        const query = r.path.endsWith("/journey") ? "?payment_id=apay_unknown" : ""
        const res = await call("GET", r.path + query, headers)
        expect({ route: r.path, status: res.status }).toEqual({ route: r.path, status: 200 })
      }
    })

    it("refuses the payment API with a publishable key, a revoked secret key and no key", async () => {
      const publishable = await createPublishableKey(getContainer())
      const revoked = await createSecretKey(getContainer(), "revoked")
      await revokeKey(getContainer(), revoked.id)
      const body = { provider: "custom", providerPaymentId: "p_access_1", amount: 10, currency: "USD" }
      for (const route of ["/attribution/v1/payments", "/attribution/v1/refunds"]) {
        for (const authorization of [`Bearer ${publishable.token}`, `Bearer ${revoked.token}`, undefined]) {
          const res = await api.post(route, body, {
            headers: authorization ? { authorization } : {},
            validateStatus: () => true,
          })
          expect({ route, authorization: authorization?.slice(0, 12), status: res.status }).toEqual({
            route,
            authorization: authorization?.slice(0, 12),
            status: 401,
          })
        }
      }
    })
  },
})
