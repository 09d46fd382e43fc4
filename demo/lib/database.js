// The demo's database: created when missing, and a small table of the demo's own bookkeeping
// (when the synthetic history starts, which steps are done) kept with the data it describes,
// so deleting the database or its data folder resets the demo completely.
const { Client } = require("pg")

async function withClient(url, fn) {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Creates the database `url` names unless it exists (connecting to `postgres` on the same server). */
async function ensureDatabase(url) {
  const parsed = new URL(url)
  const name = decodeURIComponent(parsed.pathname.slice(1))
  if (!name) {
    throw new Error(`DATABASE_URL names no database: ${redact(url)}`)
  }
  const server = new URL(url)
  server.pathname = "/postgres"
  await withClient(server.toString(), async (client) => {
    const { rows } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (!rows.length) {
      await client.query(`create database "${name.replace(/"/g, '""')}"`)
    }
  })
}

/** The URL without its password, for messages. */
function redact(url) {
  try {
    const u = new URL(url)
    if (u.password) u.password = "***"
    return u.toString()
  } catch {
    return "(unparsable URL)"
  }
}

/** Reads and writes the demo's bookkeeping: `get(key)` answers the stored JSON or undefined. */
function demoState(url) {
  let created
  const table = () =>
    (created ??= withClient(url, (c) =>
      c.query(`create table if not exists demo_seed_state (key text primary key, value jsonb not null, updated_at timestamptz not null default now())`)
    ))
  return {
    async get(key) {
      await table()
      return withClient(url, async (c) => (await c.query("select value from demo_seed_state where key = $1", [key])).rows[0]?.value)
    },
    async set(key, value) {
      await table()
      await withClient(url, (c) =>
        c.query(
          `insert into demo_seed_state (key, value) values ($1, $2)
           on conflict (key) do update set value = excluded.value, updated_at = now()`,
          [key, JSON.stringify(value)]
        )
      )
    },
  }
}

module.exports = { demoState, ensureDatabase, redact, withClient }
