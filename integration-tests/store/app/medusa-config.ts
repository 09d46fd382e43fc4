import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "*",
      adminCors: process.env.ADMIN_CORS || "*",
      authCors: process.env.AUTH_CORS || "*",
      jwtSecret: process.env.JWT_SECRET || "store-test-jwt",
      cookieSecret: process.env.COOKIE_SECRET || "store-test-cookie",
    },
  },
  // Installed by package name, exactly as a store would: this is what the test checks.
  plugins: [
    {
      resolve: "medusa-revenue-attribution",
      options: { stripe: { webhookSecret: "whsec_store_test" } },
    },
  ],
})
