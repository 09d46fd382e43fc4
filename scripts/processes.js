// Helpers shared by the test scripts and the benchmarks that drive real stores: run a command
// and keep its output for the error, find a free port, wait for a server's health route.
const { execFileSync } = require("child_process")
const net = require("net")

/** Environment for a store's processes: never resolve packages through this repository. */
function childEnv(extra = {}) {
  const env = { ...process.env, ...extra }
  delete env.NODE_PATH
  delete env.NODE_OPTIONS
  return env
}

function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 }).toString()
  } catch (e) {
    const out = `${e.stdout || ""}\n${e.stderr || ""}`
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${out.slice(-6000)}`)
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Polls `url` until it answers 2xx; fails early if `child` (the server) exits. */
async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`medusa start exited (${child.exitCode ?? child.signalCode})`)
    }
    try {
      const res = await fetch(url)
      if (res.ok) {
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`the store did not become healthy within ${timeoutMs / 1000}s`)
}

module.exports = { childEnv, freePort, run, waitForHealth }
