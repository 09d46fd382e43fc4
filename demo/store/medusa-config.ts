import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// Everything comes from the environment demo/lib/index.js sets: the database, the ports the
// CORS lists name, the webhook secrets and the encryption key, which the plugin reads from
// ATTRIBUTION_STRIPE_WEBHOOK_SECRET / ATTRIBUTION_LEMONSQUEEZY_WEBHOOK_SECRET /
// ATTRIBUTION_ENCRYPTION_KEY itself (the key is generated per demo folder: demo/lib/encryption-key.js).
const redisUrl = process.env.REDIS_URL

// Redis is optional, as in Medusa: without REDIS_URL the store uses Medusa's in-memory event
// bus, cache, locking and workflow engine; with it, the Redis modules Medusa recommends.
const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { url: redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:8000",
      // A local demo's own values, not secrets anyone relies on.
      jwtSecret: process.env.JWT_SECRET || "attribution-demo-jwt",
      cookieSecret: process.env.COOKIE_SECRET || "attribution-demo-cookie",
    },
    // The demo serves its built admin (NODE_ENV=production) over plain http: a `Secure` session
    // cookie would never be stored and the admin would log out on every reload.
    cookieOptions: { secure: false, sameSite: "lax" },
  },
  modules: redisModules,
  plugins: [
    {
      // Installed by package name from the packed plugin, as a store would.
      resolve: "medusa-revenue-attribution",
      options: {
        // The demo storefront runs on localhost: its own links are internal navigation.
        storeHosts: ["localhost"],
        // Where the plugin calls Stripe's API when Stripe is connected from the admin: the real
        // API unless ATTRIBUTION_STRIPE_API_BASE_URL names another (the admin browser test's
        // local Stripe API, integration-tests/admin/pages/connections.js).
        stripe: { apiBaseUrl: process.env.ATTRIBUTION_STRIPE_API_BASE_URL || undefined },
      },
    },
  ],
})
