#!/usr/bin/env node
// bench/data-driven: how long the data_driven model's weights take to compute on a store with
// 200,000 sessions over 90 days (and 20,000 payments with their credits), the target being
// under 10 s. Creates a scratch database, applies the plugin's migrations, seeds it with
// bench/reports/seed.js (the reports bench's data, fewer storefront events: the model does not
// read them), runs VACUUM ANALYZE and times `measureDataDriven` (bench/data-driven/measure.js).
// Prints the figures; exits non-zero only when the benchmark could not run.
//
// Options: --sessions=N (200000), --payments=N (20000), --keep (leave the database)
// Postgres: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, else localhost:5432, else an embedded one.
const fs = require("fs")
const os = require("os")
const path = require("path")
const { acquirePostgres } = require("../../scripts/postgres")
const { createBenchDatabase } = require("../lib/store")
const { seedReportsData } = require("../reports/seed")
const { measureDataDriven } = require("./measure")

const ROOT = path.resolve(__dirname, "../..")
const TARGET_MS = 10_000

function parseArgs(argv) {
  const opts = { sessions: 200_000, payments: 20_000, keep: false }
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, "").split("=")
    if (name === "sessions") opts.sessions = Number(value)
    else if (name === "payments") opts.payments = Number(value)
    else if (name === "keep") opts.keep = true
    else throw new Error(`unknown option ${arg} (see the top of bench/data-driven/run.js)`)
  }
  return opts
}

/** The plugin's migrations, in order, as the SQL their `up()` adds. */
async function migrationSql() {
  require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(ROOT, "tsconfig.json") })
  const dir = path.join(ROOT, "src/modules/attribution/migrations")
  const sql = []
  for (const file of fs.readdirSync(dir).filter((f) => /^Migration\d+.*\.ts$/.test(f)).sort()) {
    for (const Cls of Object.values(require(path.join(dir, file)))) {
      const m = new Cls(null, null)
      await m.up()
      sql.push(...m.getQueries())
    }
  }
  return sql
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const pg = await acquirePostgres((m) => console.log(`[bench] ${m}`))
  const dbName = `ra_bench_dd_${process.pid}`
  const { db, admin } = await createBenchDatabase(pg.env, dbName)
  const knex = require("knex")({ client: "pg", connection: { ...db, database: dbName }, pool: { min: 1, max: 4 } })
  const step = async (name, fn) => {
    const started = Date.now()
    process.stdout.write(`[bench] ${name} ... `)
    const result = await fn()
    console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)}s)`)
    return result
  }
  try {
    await step("apply the plugin's migrations", async () => {
      for (const q of await migrationSql()) await knex.raw(q)
    })
    const client = await knex.client.acquireConnection()
    const counts = await step(`seed ${opts.sessions} sessions and ${opts.payments} payments over 90 days`, () =>
      seedReportsData(client, { sessions: opts.sessions, payments: opts.payments, events: 1000 })
    )
    await knex.client.releaseConnection(client)
    await step("VACUUM ANALYZE", () => knex.raw("vacuum analyze"))
    const r = await measureDataDriven(knex, { log: (m) => console.log(`[bench] ${m}`) })
    // The rewrite must leave exact credits: each payment's data_driven credits add up to it.
    const [bad] = (
      await knex.raw(`select count(*)::int as n from (
        select c.payment_id from attribution_credit c join attribution_payment p on p.id = c.payment_id
         where c.model = 'data_driven' group by 1, p.amount, p.refunded_amount
        having sum(c.amount) <> p.amount or sum(c.refunded_amount) <> p.refunded_amount) x`)
    ).rows
    if (bad.n) throw new Error(`${bad.n} payments whose data_driven credits do not add up to the payment after the rewrite`)
    const load = os.loadavg()
    console.log("")
    console.log(`data_driven weights over ${counts.sessions} sessions (${counts.visitors} visitors) and ${counts.payments} payments, 90 days:`)
    console.log(`  paths ${r.paths}, conversions ${r.conversions}, ${r.transitions} distinct transitions; status ${r.status}`)
    console.log(`  count the paths + solve the chain: ${(r.weightsMs / 1000).toFixed(2)} s (target < ${TARGET_MS / 1000} s: ${r.weightsMs < TARGET_MS ? "MET" : "NOT MET"})`)
    console.log(`  full recompute (weights stored, ${r.paymentsRecredited} payments' data_driven credits rewritten): ${(r.recomputeMs / 1000).toFixed(2)} s (rewrite ${(r.recreditMs / 1000).toFixed(2)} s)`)
    console.log(`  weights: ${Object.entries(r.weights ?? {}).sort((a, b) => b[1] - a[1]).map(([c, w]) => `${c} ${(w * 100).toFixed(1)}%`).join(", ")}`)
    console.log(`  ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), Node ${process.version}, load average ${load.map((l) => l.toFixed(2)).join(" ")}`)
  } finally {
    await knex.destroy()
    if (!opts.keep) await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined)
    await admin.end().catch(() => undefined)
    await pg.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
