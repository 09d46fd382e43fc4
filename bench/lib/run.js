// What every store benchmark shares: a Postgres (scripts/postgres.js), a database and a
// temporary folder of its own, a step logger, and a clean-up that stops the store and any load,
// drops the database and removes the folder, at the end or on Ctrl-C.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { acquirePostgres } = require("../../scripts/postgres")
const { createBenchDatabase, stopProcessGroup } = require("./store")

/**
 * Starts a benchmark run named `name` (the database is `ra_bench_<name>_<pid>`; `keep` leaves it
 * and the folder in place at the end, on the machine's Postgres). Answers
 * `{ state, step, cleanup, db, databaseUrl, dbName, work, timings }`: put the started store in
 * `state.server` and running autocannon instances in `state.instances` so clean-up stops them.
 */
async function benchRun(name, { prefix = "[bench]", keep = false } = {}) {
  const state = { server: null, instances: [], pg: null, admin: null, dbName: `ra_bench_${name}_${process.pid}`, work: null, cleaned: null }
  const cleanup = () =>
    (state.cleaned ??= (async () => {
      for (const instance of state.instances) instance.stop()
      await stopProcessGroup(state.server)
      if (keep && state.admin && state.pg?.external) {
        // --keep: the database and the store's folder stay, to look at the data afterwards.
        console.log(`${prefix} kept the database ${state.dbName} and the folder ${state.work}`)
        await state.admin.end().catch(() => undefined)
        return
      }
      // An embedded Postgres deletes its data when it stops: nothing can be kept there.
      if (keep) console.log(`${prefix} --keep needs a Postgres that outlives the run (DB_HOST or localhost:5432): cleaning up`)
      if (state.admin) {
        await state.admin.query(`drop database if exists "${state.dbName}" with (force)`).catch(() => undefined)
        await state.admin.end().catch(() => undefined)
      }
      if (state.work) fs.rmSync(state.work, { recursive: true, force: true })
      if (state.pg) await state.pg.stop()
    })())
  let interrupted = false
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (interrupted) return
      interrupted = true
      console.log(`\n${prefix} ${signal}: stopping the store and cleaning up ...`)
      cleanup().finally(() => process.exit(130))
    })
  }
  const timings = []
  const step = async (label, fn) => {
    const started = Date.now()
    process.stdout.write(`${prefix} ${label} ... `)
    const result = await fn()
    const secs = ((Date.now() - started) / 1000).toFixed(1)
    timings.push(`${label} ${secs}s`)
    console.log(`ok (${secs}s)`)
    return result
  }
  try {
    state.pg = await acquirePostgres((m) => console.log(`${prefix} ${m}`))
    console.log(`${prefix} using ${state.pg.kind}`)
    state.work = fs.mkdtempSync(path.join(os.tmpdir(), `ra-bench-${name}-`))
    const created = await createBenchDatabase(state.pg.env, state.dbName)
    state.admin = created.admin
    return { state, step, cleanup, timings, db: created.db, databaseUrl: created.url, dbName: state.dbName, work: state.work }
  } catch (e) {
    await cleanup()
    throw e
  }
}

module.exports = { benchRun }
