// The plugin as the demo store installs it: built when its sources are newer than the build
// (like make), then packed with `npm pack` into the tarball a user would install.
const crypto = require("crypto")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { ROOT, packPlugin, runAsync } = require("../../scripts/store-app")

const INPUTS = ["src", "storefront-snippet/src", "storefront-snippet/build.js", "package.json", "tsconfig.json"]
/** Written by the snippet build into src/: an output, whatever folder it sits in. */
const GENERATED = path.join(ROOT, "src/api/attribution/script.js/snippet-source.ts")
const OUTPUTS = [
  ".medusa/server/src/modules/attribution/index.js",
  ".medusa/server/src/admin/index.mjs",
  "storefront-snippet/dist/snippet.min.js",
  "storefront-snippet/dist/index.cjs",
]

function newestMtime(target) {
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) {
    return target === GENERATED ? 0 : stat.mtimeMs
  }
  let newest = 0
  for (const entry of fs.readdirSync(target)) {
    if (entry === "__tests__") continue
    newest = Math.max(newest, newestMtime(path.join(target, entry)))
  }
  return newest
}

/** True when any output is missing or older than the newest source. */
function buildIsStale() {
  const outputs = OUTPUTS.map((f) => path.join(ROOT, f))
  if (!outputs.every((f) => fs.existsSync(f))) {
    return true
  }
  const oldestOutput = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs))
  const newestInput = Math.max(...INPUTS.map((f) => newestMtime(path.join(ROOT, f))))
  return newestInput > oldestOutput
}

/** The build under way in this process: two demos started together build once. */
let building = null

/** Builds the plugin if needed (`npm run build`); answers whether it did. */
async function buildPluginIfStale(logFile) {
  if (building) {
    await building
  }
  if (!buildIsStale()) {
    return false
  }
  building = runAsync("npm", ["run", "build", "--silent"], { cwd: ROOT, logFile }).finally(() => (building = null))
  await building
  return true
}

/** Paths, sizes and times of what `npm pack` puts in the tarball: equal means the same tarball. */
function packFingerprint() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
  const lines = []
  const walk = (target) => {
    if (!fs.existsSync(target)) return
    const stat = fs.statSync(target)
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target).sort()) walk(path.join(target, entry))
    } else {
      lines.push(`${path.relative(ROOT, target)}:${stat.size}:${stat.mtimeMs}`)
    }
  }
  for (const entry of [...pkg.files, "package.json"]) walk(path.join(ROOT, entry))
  return crypto.createHash("sha256").update(lines.join("\n")).digest("hex")
}

/**
 * The plugin's tarball in `dir` (`npm pack`), packed again only when the packed files changed.
 * Answers `{ tarball, sha256 }`.
 */
async function packInto(dir, stamps) {
  const tarball = path.join(dir, "medusa-revenue-attribution.tgz")
  const fingerprint = packFingerprint()
  const previous = stamps.read().pack
  if (previous?.fingerprint === fingerprint && fs.existsSync(tarball)) {
    return { tarball, sha256: previous.sha256, packed: false }
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ra-demo-pack-"))
  try {
    const packed = await packPlugin(scratch)
    fs.copyFileSync(packed.tarball, tarball)
    stamps.write("pack", { fingerprint, sha256: packed.sha256 })
    return { tarball, sha256: packed.sha256, packed: true }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

module.exports = { buildPluginIfStale, packInto }
