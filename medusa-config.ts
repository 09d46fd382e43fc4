// The app the plugin's own HTTP tests boot (medusaIntegrationTestRunner): the plugin's
// src/ is the project, so its routes, subscribers and module load from source. Not shipped.
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      // The fast-path tests use shop.example; the browser test serves its page on localhost.
      storeCors: "https://shop.example,/^http:\\/\\/localhost:\\d+$/",
      adminCors: "*",
      authCors: "*",
      jwtSecret: process.env.JWT_SECRET || "test-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "test-cookie-secret",
    },
  },
  modules: [
    {
      resolve: "./src/modules/attribution",
      options: {
        // One spec boots without secrets to check the 503 answer.
        stripe: {
          webhookSecret: process.env.ATTRIBUTION_TEST_NO_SECRETS ? undefined : ["whsec_rotated_out", "whsec_http_test"],
          apiBaseUrl: process.env.ATTRIBUTION_TEST_STRIPE_API || undefined,
        },
        lemonsqueezy: { webhookSecret: process.env.ATTRIBUTION_TEST_NO_SECRETS ? undefined : "ls_http_test_secret" },
        paddle: { webhookSecret: process.env.ATTRIBUTION_TEST_NO_SECRETS ? undefined : "pdl_ntfset_http_test_secret" },
        // Polar: one legacy secret (key = its UTF-8 bytes) and one Standard Webhooks whsec_ secret.
        polar: {
          webhookSecret: process.env.ATTRIBUTION_TEST_NO_SECRETS
            ? undefined
            : ["polar_legacy_http_test_secret", "whsec_cG9sYXItc3RhbmRhcmQtaHR0cC10ZXN0LWtleQ=="],
        },
        // connections.spec.ts: secrets connected from the admin are encrypted with this key, and
        // the Stripe client talks to the test's local server.
        encryptionKey: process.env.ATTRIBUTION_TEST_NO_ENCRYPTION_KEY ? undefined : "http-test-encryption-key-of-32-chars-or-more",
        storeHosts: ["shop.example"],
        collectorRateLimitPerMinute: Number(process.env.ATTRIBUTION_TEST_RATE_LIMIT || 600),
        sessionTimeoutMinutes: Number(process.env.ATTRIBUTION_TEST_SESSION_TIMEOUT || 30),
        eventRetentionDays: process.env.ATTRIBUTION_TEST_RETENTION_DAYS ? Number(process.env.ATTRIBUTION_TEST_RETENTION_DAYS) : undefined,
        // data-driven.spec.ts: a handful of conversions is enough for weights.
        dataDrivenMinConversions: process.env.ATTRIBUTION_TEST_DD_MIN_CONVERSIONS ? Number(process.env.ATTRIBUTION_TEST_DD_MIN_CONVERSIONS) : undefined,
      },
    },
  ],
})
