#!/usr/bin/env node
// `npm run demo`: a seeded Medusa store with the plugin, its admin at http://localhost:9000/app
// and a demo storefront at http://localhost:8000 (see demo/lib and the README's "Demo").
// The database is DATABASE_URL when set, else an embedded Postgres whose data stays in
// .demo/pgdata. PORT and STOREFRONT_PORT move the two servers; REDIS_URL, when set, gives the
// store Medusa's Redis modules. Ctrl-C stops everything.
const path = require("path")
const { startDemo } = require("../demo/lib")
const { redact } = require("../demo/lib/database")
const { startEmbeddedPostgres } = require("../demo/lib/embedded-postgres")
const { stopAllChildren } = require("./store-app")

const ROOT = path.resolve(__dirname, "..")
const DEMO_DIR = path.join(ROOT, ".demo")

let demo = null
let postgres = null
let stopping = false

async function shutdown(code) {
  if (stopping) return
  stopping = true
  console.log("\nstopping the demo …")
  await demo?.stop().catch((e) => console.error(e))
  await stopAllChildren()
  await postgres?.stop().catch((e) => console.error(e))
  console.log("stopped")
  process.exit(code)
}

function printSummary(demo, database, timings, totalSeconds) {
  const line = (label, value) => console.log(`  ${label.padEnd(22)} ${value}`)
  console.log("\nThe demo is running.\n")
  line("Admin", `${demo.base}/app`)
  line("Attribution page", `${demo.base}/app/attribution`)
  line("Admin login", `${demo.admin.email} / ${demo.admin.password}`)
  line("Demo storefront", demo.storefrontUrl)
  if (demo.seeded.orderId) line("An attributed order", `${demo.base}/app/orders/${demo.seeded.orderId}`)
  line("Publishable key", demo.publishableKey)
  line("Webhook secrets", `Stripe ${demo.secrets.stripe}, Lemon Squeezy ${demo.secrets.lemonsqueezy}`)
  line("Database", database)
  line("Store app and logs", path.relative(ROOT, path.join(DEMO_DIR, "store")) + "/ (logs/medusa.log)")
  console.log("\nHow long each step took:")
  for (const { name, seconds } of timings) {
    line(`${seconds.toFixed(1).padStart(6)} s`, name)
  }
  line(`${totalSeconds.toFixed(1).padStart(6)} s`, "in all")
  console.log("\nOpen the storefront, arrive through a campaign link, add to cart and pay: the visit and the order")
  console.log("appear on the Attribution page within seconds. Ctrl-C stops everything; `rm -rf .demo` starts over.")
}

async function main() {
  const started = Date.now()
  process.on("SIGINT", () => void shutdown(130))
  process.on("SIGTERM", () => void shutdown(143))
  process.on("SIGHUP", () => void shutdown(129))
  // `npm run demo` killed by a signal of its own exits without passing it on: when the parent
  // is gone, stop too rather than keep the store running with no one to stop it.
  const parent = process.ppid
  setInterval(() => process.ppid !== parent && void shutdown(0), 1000).unref()

  let databaseUrl = process.env.DATABASE_URL
  let database
  const timings = []
  if (databaseUrl) {
    database = `${redact(databaseUrl)} (DATABASE_URL)`
  } else {
    const t = Date.now()
    console.log("… start the embedded Postgres (data in .demo/pgdata)")
    postgres = await startEmbeddedPostgres(path.join(DEMO_DIR, "pgdata"))
    databaseUrl = postgres.url("medusa_demo")
    const seconds = (Date.now() - t) / 1000
    timings.push({ name: "start the embedded Postgres", seconds })
    console.log(`✓ start the embedded Postgres (${seconds.toFixed(1)} s)`)
    database = `${redact(databaseUrl)} (embedded, data in .demo/pgdata)`
  }

  demo = await startDemo({
    databaseUrl,
    dir: path.join(DEMO_DIR, "store"),
    port: Number(process.env.PORT || 9000),
    storefrontPort: Number(process.env.STOREFRONT_PORT || 8000),
  })
  if (stopping) return
  printSummary(demo, database, [...timings, ...demo.timings], (Date.now() - started) / 1000)
}

main().catch(async (e) => {
  // After Ctrl-C the steps still running fail as their processes end: that is no news.
  if (stopping) return
  console.error(`\nThe demo could not start: ${e.message}`)
  await shutdown(1)
})
