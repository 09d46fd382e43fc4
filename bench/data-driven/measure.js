// The data-driven model's cost, measured on a database that already holds sessions, payments
// and credits (whatever seeded them): `measureDataDriven` counts the paths and solves the
// Markov chain (what the target "under 10 s for 200,000 sessions" is about), then recomputes
// for real (stores the weights and rewrites the window's data_driven credits). Loads the
// plugin's TypeScript sources through ts-node, so no build is needed.
const path = require("path")

const ROOT = path.resolve(__dirname, "../..")

let loaded = null
/** The plugin's data-driven code (src/lib/data-driven), compiled on the fly. */
function pluginCode() {
  if (!loaded) {
    require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(ROOT, "tsconfig.json") })
    loaded = require(path.join(ROOT, "src/lib/data-driven/recompute.ts"))
  }
  return loaded
}

/**
 * `knex`: a knex instance on the store's database. Answers the timings in ms, the path and
 * conversion counts and the weights.
 */
async function measureDataDriven(knex, { windowDays = 90, minConversions = 100, log = () => {} } = {}) {
  const { computeDataDrivenWeights, recomputeDataDrivenWeights } = pluginCode()
  log("count the paths and solve the chain")
  const started = performance.now()
  const computed = await computeDataDrivenWeights(knex, windowDays)
  const weightsMs = performance.now() - started
  log("recompute: store the weights and rewrite the data_driven credits")
  const startedAll = performance.now()
  const recomputed = await recomputeDataDrivenWeights(knex, { windowDays, minConversions })
  const recomputeMs = performance.now() - startedAll
  return {
    weightsMs,
    recomputeMs,
    recreditMs: recomputed.recredit_ms,
    paths: computed.paths,
    conversions: computed.conversions,
    transitions: computed.transitions.length,
    paymentsRecredited: recomputed.payments_recredited,
    status: recomputed.data_driven.status,
    weights: computed.markov.weights,
  }
}

/** The same through a running store's route (for a bench that has one): ms of POST …/recompute. */
async function timeRecomputeRoute(base, token) {
  const started = performance.now()
  const res = await fetch(`${base}/admin/attribution/data-driven/recompute`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  })
  const body = await res.json()
  if (res.status !== 200) throw new Error(`recompute answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`)
  return { ms: performance.now() - started, body }
}

module.exports = { measureDataDriven, timeRecomputeRoute }
