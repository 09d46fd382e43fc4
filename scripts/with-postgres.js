#!/usr/bin/env node
// Runs a command with DB_* pointing at a Postgres (see postgres.js), then stops any
// Postgres it started. Usage: node scripts/with-postgres.js <command> [args...]
const { spawn } = require("child_process")
const { acquirePostgres } = require("./postgres")

async function main() {
  const [cmd, ...args] = process.argv.slice(2)
  if (!cmd) {
    console.error("usage: with-postgres.js <command> [args...]")
    process.exit(2)
  }
  const pg = await acquirePostgres()
  console.log(`[with-postgres] using ${pg.kind}`)
  const child = spawn(cmd, args, { stdio: "inherit", shell: false, env: { ...process.env, ...pg.env } })
  const forward = (signal) => child.kill(signal)
  process.on("SIGINT", forward)
  process.on("SIGTERM", forward)
  const code = await new Promise((resolve) => child.on("close", (c, s) => resolve(c ?? (s ? 1 : 0))))
  await pg.stop()
  process.exit(code)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
