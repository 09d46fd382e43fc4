// One load run with autocannon's programmatic API: a fixed number of connections sending
// requests back to back for a fixed time, each request's body built just before it is sent.
// Latencies are taken from autocannon's per-response event (sub-millisecond), throughput is
// responses received divided by the measured time.
const fs = require("fs")
const os = require("os")

let autocannon
function loadAutocannon() {
  if (!autocannon) {
    try {
      autocannon = require("autocannon")
    } catch (e) {
      throw new Error(`autocannon is not installed (a devDependency of this repository): run \`npm install\` (${e.message})`)
    }
  }
  return autocannon
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where unavailable. */
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    // fields[11] and fields[12] are utime and stime (the 14th and 15th of the whole line).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return null
  }
}

/** Ids of the Postgres backends serving `database` on this machine (their title names it). */
function postgresBackends(database) {
  const pids = []
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8")
      if (cmd.startsWith("postgres:") && cmd.includes(` ${database} `)) pids.push(Number(entry))
    } catch {
      // gone
    }
  }
  return pids
}

/** CPU ms of each process in `pids`. */
function snapshot(pids) {
  const m = new Map()
  for (const pid of pids) {
    const ms = processCpuMs(pid)
    if (ms !== null) m.set(pid, ms)
  }
  return m
}

/** CPU ms used between two snapshots (processes that appeared in between count whole). */
function used(before, after) {
  let total = 0
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
  return total
}

/** Busy and total jiffies of all CPUs so far, from /proc/stat; null where unavailable. */
function machineJiffies() {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]
    const v = line.trim().split(/\s+/).slice(1).map(Number)
    const idle = v[3] + (v[4] || 0)
    const total = v.reduce((a, b) => a + b, 0)
    return { busy: total - idle, total }
  } catch {
    return null
  }
}

/**
 * Runs `connections` connections for `seconds` against `url`. `headers` are sent with every
 * request, `makeBody()` builds each request's body. Resolves to the raw figures of the run
 * (see combine()). `onInstance` receives the running autocannon instance (to stop it on Ctrl-C).
 */
function measure({ url, headers, makeBody, makeRequest, connections, seconds, serverPid, database, onInstance }) {
  const ac = loadAutocannon()
  return new Promise((resolve, reject) => {
    const latencies = []
    const statuses = {}
    const serverStart = serverPid ? processCpuMs(serverPid) : null
    const pgStart = database ? snapshot(postgresBackends(database)) : null
    const selfStart = process.cpuUsage()
    const machineStart = machineJiffies()
    const started = process.hrtime.bigint()
    const instance = ac(
      {
        url,
        method: "POST",
        connections,
        duration: seconds,
        headers,
        timeout: 10,
        requests: [
          {
            setupRequest(req) {
              // makeRequest() answers { body, headers } when a header depends on the body (a signature).
              if (makeRequest) {
                const r = makeRequest()
                req.body = r.body
                req.headers = { ...req.headers, ...r.headers }
              } else {
                req.body = makeBody()
              }
              return req
            },
          },
        ],
      },
      (err, result) => {
        if (err) {
          reject(err)
          return
        }
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6
        const self = process.cpuUsage(selfStart)
        const serverEnd = serverPid ? processCpuMs(serverPid) : null
        const machineEnd = machineJiffies()
        const pgEnd = database ? snapshot(postgresBackends(database)) : null
        resolve({
          connections,
          seconds: result.duration,
          wallMs,
          latencies,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          serverMs: serverStart !== null && serverEnd !== null ? serverEnd - serverStart : null,
          // Postgres backends of the store's database on this machine (0 when Postgres is remote).
          pgMs: pgStart ? used(pgStart, pgEnd) : null,
          loadMs: (self.user + self.system) / 1000,
          // Busy time of all the machine's CPUs (server, load generator, Postgres, anything else).
          machineMs:
            machineStart && machineEnd && machineEnd.total > machineStart.total
              ? ((machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total)) * os.cpus().length * wallMs
              : null,
        })
      }
    )
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      statuses[statusCode] = (statuses[statusCode] || 0) + 1
    })
    if (onInstance) onInstance(instance)
  })
}

/**
 * The figures of one or more runs of the same route and concurrency taken together:
 * throughput over their summed measured time, percentiles over all their responses, CPU in
 * cores (1 = one core busy all the time). A run may carry `dbTx`, the database transactions
 * committed during it.
 */
function combine(parts) {
  const sum = (get) => parts.reduce((n, p) => (n === null || get(p) === null ? null : n + get(p)), 0)
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b)
  const statuses = {}
  for (const p of parts) for (const [s, c] of Object.entries(p.statuses)) statuses[s] = (statuses[s] || 0) + c
  const ok = Object.entries(statuses).reduce((n, [s, c]) => (Number(s) >= 200 && Number(s) < 300 ? n + c : n), 0)
  const seconds = sum((p) => p.seconds)
  const wallMs = sum((p) => p.wallMs)
  const cores = (get) => {
    const v = sum(get)
    return v === null ? null : v / wallMs
  }
  return {
    connections: parts[0].connections,
    seconds,
    answered: latencies.length,
    statuses,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    non2xx: latencies.length - ok,
    errors: sum((p) => p.errors),
    timeouts: sum((p) => p.timeouts),
    serverCpu: cores((p) => p.serverMs),
    pgCpu: cores((p) => p.pgMs),
    loadCpu: cores((p) => p.loadMs),
    machineCores: cores((p) => p.machineMs),
    dbTxPerSec: parts.every((p) => typeof p.dbTx === "number") ? sum((p) => p.dbTx) / seconds : null,
  }
}

module.exports = { combine, loadAutocannon, machineJiffies, measure, percentile, postgresBackends, processCpuMs }
