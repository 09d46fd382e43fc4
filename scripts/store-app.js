// Helpers for everything that drives a real Medusa store built from this plugin's packed
// tarball: the store test (integration-tests/store/run.js) and the demo (demo/lib). Packing the
// plugin, running the store's Medusa CLI without npx in between, starting and stopping the
// server as a process group, and remembering every child so that Ctrl-C can end them all.
const { spawn } = require("child_process")
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { childEnv, waitForHealth } = require("./processes")

const ROOT = path.resolve(__dirname, "..")

/** Children still running, so that a signal handler can end them (see `stopAllChildren`). */
const running = new Set()

/** Packs the built plugin into `dir`: answers the tarball's path and its SHA-256. */
async function packPlugin(dir) {
  if (!fs.existsSync(path.join(ROOT, ".medusa/server/src/modules/attribution/index.js"))) {
    throw new Error("the plugin is not built: run `npm run build` first")
  }
  const out = await runAsync("npm", ["pack", "--pack-destination", dir, "--json", "--loglevel=error"], { cwd: ROOT })
  const tarball = path.join(dir, JSON.parse(out)[0].filename)
  return { tarball, sha256: sha256File(tarball) }
}

function sha256File(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex")
}

/** The store's own Medusa CLI: `node cli.js` starts a second sooner than `npx medusa`. */
function medusaCli(app) {
  return path.join(app, "node_modules/@medusajs/cli/cli.js")
}

/**
 * Runs a command in its own process group (so it can be ended with everything it spawned) and
 * answers its standard output. The output, both streams, goes to `logFile` when given, else it
 * is kept for the error message.
 */
function runAsync(cmd, args, { cwd, env = {}, logFile } = {}) {
  return new Promise((resolve, reject) => {
    const out = logFile ? fs.openSync(logFile, "a") : null
    const child = spawn(cmd, args, {
      cwd,
      env: childEnv(env),
      stdio: ["ignore", "pipe", out ?? "pipe"],
      detached: true,
    })
    running.add(child)
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => {
      stdout += d
      if (out !== null) fs.writeSync(out, d)
    })
    child.stderr?.on("data", (d) => (stderr += d))
    child.on("error", reject)
    child.on("close", (code, signal) => {
      running.delete(child)
      if (out !== null) fs.closeSync(out)
      if (code === 0) {
        resolve(stdout)
        return
      }
      const where = logFile ? `see ${logFile}` : `${stdout}\n${stderr}`.slice(-6000)
      reject(new Error(`${cmd} ${args.join(" ")} failed in ${cwd} (${code ?? signal}): ${where}`))
    })
  })
}

/**
 * `medusa start` in `cwd` on `port`, output appended to `logFile` (a pipe nobody reads would
 * stall a server that logs every request), in its own process group. Resolves once /health
 * answers; on failure the end of the log is in the error.
 */
async function startMedusa({ app, cwd = app, port, env = {}, logFile, timeoutMs = 180_000 }) {
  const out = fs.openSync(logFile, "a")
  const child = spawn(process.execPath, [medusaCli(app), "start"], {
    cwd,
    env: childEnv({ MEDUSA_DISABLE_TELEMETRY: "true", ...env, PORT: String(port) }),
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  running.add(child)
  child.on("exit", () => running.delete(child))
  const base = `http://localhost:${port}`
  try {
    await waitForHealth(`${base}/health`, child, timeoutMs)
  } catch (e) {
    await stopProcessGroup(child)
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-4000) : ""
    throw new Error(`${e.message}\n${log}`)
  }
  return { child, base }
}

/** SIGTERM to the child's process group (Medusa shuts down gracefully), SIGKILL after `graceMs`. */
async function stopProcessGroup(child, graceMs = 15_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  try {
    process.kill(-child.pid, "SIGTERM")
  } catch {
    return
  }
  const timer = new Promise((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref())
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())])
  }
}

/** Ends every child started here that is still running (for SIGINT handlers). */
async function stopAllChildren() {
  await Promise.all([...running].map((child) => stopProcessGroup(child, 10_000)))
}

/** Last resort when the process exits without cleaning up: no child outlives it. */
process.on("exit", () => {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // already gone
    }
  }
})

module.exports = { ROOT, medusaCli, packPlugin, runAsync, sha256File, startMedusa, stopAllChildren, stopProcessGroup }
