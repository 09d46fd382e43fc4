// The demo in one call: `startDemo()` builds and packs the plugin, prepares a Medusa store in
// `dir` that installs it by package name, migrates `databaseUrl`, seeds it (demo/lib/seed),
// serves the store on `port` and the demo storefront on `storefrontPort`. `npm run demo`
// (scripts/demo.js) and tests call it; it can run twice in one process on different databases
// and folders.
const fs = require("fs")
const net = require("net")
const path = require("path")
const { startMedusa, stopProcessGroup } = require("../../scripts/store-app")
const { ensureDatabase } = require("./database")
const { demoEncryptionKey } = require("./encryption-key")
const { buildPluginIfStale, packInto } = require("./plugin")
const { connect, seedDemo } = require("./seed")
const { buildMigrateSeed, installPlugin, installStorePackages, readStamps, writeStamp, writeTemplate } = require("./store")
const { startStorefront } = require("./storefront-server")

/** The demo's own login and webhook secrets: fixed, printed, and good for nothing else. */
const ADMIN = { email: "admin@example.com", password: "attribution-demo" }
const SECRETS = { stripe: "whsec_attribution_demo", lemonsqueezy: "attribution-demo-lemonsqueezy" }

function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", () => reject(new Error(`port ${port} (${what}) is in use: stop what uses it, or choose another port`)))
    server.listen(port, () => server.close(() => resolve()))
  })
}

/**
 * The store's environment: database, CORS for both origins, the plugin's webhook secrets and
 * the key that encrypts what connecting a provider from the admin stores.
 */
function storeEnv({ databaseUrl, port, storefrontPort, dir }) {
  const origins = (p) => `http://localhost:${p},http://127.0.0.1:${p}`
  return {
    DATABASE_URL: databaseUrl,
    STORE_CORS: origins(storefrontPort),
    ADMIN_CORS: origins(port),
    AUTH_CORS: `${origins(port)},${origins(storefrontPort)}`,
    ATTRIBUTION_STRIPE_WEBHOOK_SECRET: SECRETS.stripe,
    ATTRIBUTION_LEMONSQUEEZY_WEBHOOK_SECRET: SECRETS.lemonsqueezy,
    ATTRIBUTION_ENCRYPTION_KEY: demoEncryptionKey(dir),
    // The admin calls its own origin ("/"), whatever the port.
    MEDUSA_BACKEND_URL: "",
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
}

/**
 * Answers `{ base, storefrontUrl, admin, publishableKey, secrets, seeded, timings, stop }`.
 * `seeded` is `{ orderId, customerId, expected }` (expected: per currency, the seeded revenue,
 * refunded, net_revenue and payments; expectedCodes: the same per currency and discount code),
 * or nulls and `{}` with `seed: false`.
 */
async function startDemo({ databaseUrl, dir, port = 9000, storefrontPort = 8000, log = console.log, seed = true }) {
  const timings = []
  const step = async (name, fn) => {
    const started = Date.now()
    log(`… ${name}`)
    const result = await fn()
    const seconds = (Date.now() - started) / 1000
    timings.push({ name, seconds })
    log(`✓ ${name} (${seconds.toFixed(1)} s)`)
    return result
  }
  let server = null
  let storefront = null
  const stop = async () => {
    await storefront?.stop()
    await stopProcessGroup(server?.child)
  }

  try {
    dir = path.resolve(dir)
    writeTemplate(dir)
    await Promise.all([assertPortFree(port, "the store"), assertPortFree(storefrontPort, "the storefront")])
    await ensureDatabase(databaseUrl)

    // Medusa's packages install while the plugin builds: neither needs the other.
    const stamps = { read: () => readStamps(dir), write: (key, value) => writeStamp(dir, key, value) }
    const [packed] = await Promise.all([
      (async () => {
        const rebuilt = await step("build the plugin if its sources changed", () =>
          buildPluginIfStale(path.join(dir, "logs/plugin-build.log"))
        )
        if (!rebuilt) log("  (the build was up to date)")
        return step("pack the plugin if its build changed (npm pack)", () => packInto(dir, stamps))
      })(),
      installStorePackages(dir, step),
    ])
    await installPlugin(dir, packed, step)
    const env = storeEnv({ databaseUrl, port, storefrontPort, dir })
    await buildMigrateSeed({ dir, env, admin: ADMIN, step })

    server = await step("start Medusa", () =>
      startMedusa({ app: dir, port, env: { ...env, NODE_ENV: "production" }, logFile: path.join(dir, "logs/medusa.log") })
    )
    const { base } = server
    log(`  the admin is up at ${base}/app`)
    let seeded = { orderId: null, customerId: null, expected: {}, expectedCodes: {} }
    if (seed) {
      const result = await seedDemo({ base, databaseUrl, admin: ADMIN, secrets: SECRETS, log, step })
      seeded = { orderId: result.orderId, customerId: result.customerId, expected: result.expected, expectedCodes: result.expectedCodes }
    }
    const { publishableKey } = await connect({ base, databaseUrl, admin: ADMIN })
    storefront = await step("serve the demo storefront", () =>
      startStorefront({ port: storefrontPort, backendUrl: base, publishableKey })
    )
    return { base, storefrontUrl: storefront.url, admin: { ...ADMIN }, publishableKey, secrets: { ...SECRETS }, seeded, timings, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

module.exports = { startDemo }
