// Summarises a V8 .cpuprofile written by `node --cpu-prof` (the store's server), restricted to
// the time windows of chosen load runs. V8 stamps samples with the monotonic clock that
// process.hrtime reads, so windows taken with process.hrtime.bigint() in this process select
// the samples of those runs.
const fs = require("fs")

const PLUGIN = "medusa-revenue-attribution"

function where(frame) {
  const url = frame.url || ""
  if (!url) return ""
  const file = url.replace(/^file:\/\//, "")
  const nm = file.lastIndexOf("/node_modules/")
  const short = nm >= 0 ? file.slice(nm + "/node_modules/".length) : file.split("/").slice(-3).join("/")
  return `${short}:${frame.lineNumber + 1}`
}

function packageOf(frame) {
  const url = frame.url || ""
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)"
  if (url.startsWith("node:")) return "node (built-in modules)"
  const nm = url.lastIndexOf("/node_modules/")
  if (nm < 0) return "store code"
  const rest = url.slice(nm + "/node_modules/".length).split("/")
  return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]
}

function label(frame) {
  return `${frame.functionName || "(anonymous)"} ${where(frame)}`.trim()
}

/**
 * `windows` is a list of [fromMicros, toMicros] monotonic intervals. Answers the total sampled
 * time in them and self/inclusive time per function and self time per package (microseconds).
 */
function analyse(file, windows) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"))
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id)
  const self = new Map()
  const inclusive = new Map()
  const packages = new Map()
  let total = 0
  let idle = 0
  let t = profile.startTime
  const add = (m, k, v) => m.set(k, (m.get(k) || 0) + v)
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    const delta = profile.timeDeltas[i + 1] ?? 0
    if (!windows.some(([a, b]) => t >= a && t < b)) continue
    const node = nodes.get(profile.samples[i])
    if (node.callFrame.functionName === "(idle)") {
      idle += delta
      continue
    }
    total += delta
    add(self, label(node.callFrame), delta)
    add(packages, packageOf(node.callFrame), delta)
    const seen = new Set()
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const f = nodes.get(id).callFrame
      if (!(f.url || "").includes(`/${PLUGIN}/`)) continue
      const l = label(f)
      if (!seen.has(l)) {
        seen.add(l)
        add(inclusive, l, delta)
      }
    }
  }
  return { total, idle, self, inclusive, packages }
}

function top(map, n) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
}

/** Prints the busiest functions and packages of the server during `windows`. */
function printProfileSummary(file, title, windows, print = console.log) {
  const { total, idle, self, inclusive, packages } = analyse(file, windows)
  if (!total) {
    print(`  (no samples in the windows of ${title})`)
    return
  }
  const pct = (v) => `${((100 * v) / total).toFixed(1).padStart(5)}%`
  print(`\n${title}: ${(total / 1e6).toFixed(1)} s of server CPU sampled, ${(idle / 1e6).toFixed(1)} s idle`)
  print("  self time by package:")
  for (const [k, v] of top(packages, 12)) print(`    ${pct(v)}  ${k}`)
  print("  self time by function:")
  for (const [k, v] of top(self, 20)) print(`    ${pct(v)}  ${k}`)
  if (inclusive.size) {
    print(`  time inside ${PLUGIN} functions (inclusive, synchronous parts):`)
    for (const [k, v] of top(inclusive, 15)) print(`    ${pct(v)}  ${k}`)
  }
}

module.exports = { analyse, printProfileSummary }
