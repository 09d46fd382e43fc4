// The demo store app in `dir`: demo/store copied there, Medusa's packages installed, the packed
// plugin installed by package name, the database migrated, the admin built and the catalogue
// seeded. Each step runs only when what it depends on changed (stamps in `dir/.demo-store.json`
// and in the database), so a second run only starts the server.
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")
const { ROOT, medusaCli, runAsync } = require("../../scripts/store-app")
const { demoState } = require("./database")

const TEMPLATE = path.resolve(__dirname, "../store")
const TARBALL = "medusa-revenue-attribution.tgz"
const STAMP_FILE = ".demo-store.json"
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]

function hashOf(...parts) {
  const hash = crypto.createHash("sha256")
  for (const part of parts) hash.update(part)
  return hash.digest("hex").slice(0, 16)
}

/** Hash of a file or of a folder's files (names and contents), for stamps. */
function hashPath(target) {
  if (!fs.existsSync(target)) return "missing"
  if (!fs.statSync(target).isDirectory()) return hashOf(fs.readFileSync(target))
  const entries = fs.readdirSync(target).sort()
  return hashOf(...entries.map((e) => `${e}:${hashPath(path.join(target, e))}`))
}

function readStamps(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STAMP_FILE), "utf8"))
  } catch {
    return {}
  }
}

function writeStamp(dir, key, value) {
  fs.writeFileSync(path.join(dir, STAMP_FILE), JSON.stringify({ ...readStamps(dir), [key]: value }, null, 2))
}

/** Copies the template's code and config into `dir` (package.json is the install's business). */
function writeTemplate(dir) {
  fs.mkdirSync(path.join(dir, "logs"), { recursive: true })
  fs.cpSync(path.join(TEMPLATE, "src"), path.join(dir, "src"), { recursive: true })
  for (const file of ["medusa-config.ts", "tsconfig.json"]) {
    fs.copyFileSync(path.join(TEMPLATE, file), path.join(dir, file))
  }
}

/**
 * A first install starts from this repository's own node_modules, hard-linked (`cp -al`: no
 * copy, seconds instead of the minute or two npm needs to unpack 1,100 packages): it holds the
 * very Medusa versions the store asks for. `npm install` then removes what the store does not
 * need and adds what is missing. npm replaces a package's files rather than writing into them,
 * so the repository's copies are never changed. Where hard links are impossible (another file
 * system, no GNU cp), npm installs everything itself.
 */
async function linkRepositoryPackages(dir) {
  const target = path.join(dir, "node_modules")
  if (fs.existsSync(target)) return
  try {
    // The real folder: were node_modules a symlink, cp -a would copy the link, and npm would
    // then prune the repository's own packages through it.
    const source = fs.realpathSync(path.join(ROOT, "node_modules"))
    await runAsync("cp", ["-al", source, target], { cwd: dir })
    if (!fs.lstatSync(target).isDirectory()) throw new Error(`${target} is not a folder of its own`)
    // npm's record of the repository's tree, not the store's: npm reads the folder instead.
    fs.rmSync(path.join(target, ".package-lock.json"), { force: true })
  } catch {
    // Only ever a link or a folder created just now, never what it points to.
    fs.rmSync(target, { recursive: true, force: true })
  }
}

/**
 * Medusa and the store's other packages (the template's package.json), installed while the
 * plugin builds. Skipped when that package.json has not changed since the last install.
 */
async function installStorePackages(dir, step) {
  const pkg = fs.readFileSync(path.join(TEMPLATE, "package.json"))
  const stamp = hashOf(pkg)
  if (readStamps(dir).packages === stamp && fs.existsSync(medusaCli(dir))) return
  fs.writeFileSync(path.join(dir, "package.json"), pkg)
  await step("install Medusa into the store (npm install)", async () => {
    await linkRepositoryPackages(dir)
    await runAsync("npm", ["install", ...NPM_FLAGS], { cwd: dir, logFile: path.join(dir, "logs/npm-install.log") })
  })
  writeStamp(dir, "packages", stamp)
  writeStamp(dir, "plugin", null)
}

/** The packed plugin, installed under its package name (`npm install <tarball>`). */
async function installPlugin(dir, { tarball, sha256 }, step) {
  if (readStamps(dir).plugin === sha256 && fs.existsSync(path.join(dir, "node_modules/medusa-revenue-attribution"))) return
  if (path.resolve(tarball) !== path.join(dir, TARBALL)) fs.copyFileSync(tarball, path.join(dir, TARBALL))
  await step("install the packed plugin into the store", () =>
    runAsync("npm", ["install", ...NPM_FLAGS, `./${TARBALL}`], { cwd: dir, logFile: path.join(dir, "logs/npm-install.log") })
  )
  writeStamp(dir, "plugin", sha256)
}

/**
 * Then, in parallel: the admin build (it depends on the plugin's admin bundle and the store's
 * config), and the migrations followed by the catalogue seed. `env` is the store's environment
 * (database, CORS, secrets); `step(name, fn)` times each step.
 */
async function buildMigrateSeed({ dir, env, admin, step }) {
  const cli = medusaCli(dir)
  const logs = path.join(dir, "logs")
  const installed = path.join(dir, "node_modules/medusa-revenue-attribution/.medusa/server/src")
  const state = demoState(env.DATABASE_URL)
  const template = [fs.readFileSync(path.join(TEMPLATE, "package.json")), fs.readFileSync(path.join(TEMPLATE, "medusa-config.ts"))]
  const adminStamp = hashOf(hashPath(path.join(installed, "admin")), ...template)
  const migrationStamp = hashOf(hashPath(path.join(installed, "modules/attribution/migrations")), ...template)

  const buildAdmin = async () => {
    if (readStamps(dir).admin === adminStamp && fs.existsSync(path.join(dir, ".medusa/admin/index.html"))) return
    await step("build the admin with the plugin's pages (medusa build --admin-only)", () =>
      runAsync(process.execPath, [cli, "build", "--admin-only"], {
        cwd: dir,
        env: { ...env, NODE_ENV: "production" },
        logFile: path.join(logs, "build.log"),
      })
    )
    writeStamp(dir, "admin", adminStamp)
  }

  const migrateAndSeedCatalogue = async () => {
    if ((await state.get("migrated")) !== migrationStamp) {
      await step("migrate the database (medusa db:migrate)", () =>
        runAsync(process.execPath, [cli, "db:migrate"], { cwd: dir, env: { ...env, NODE_ENV: "development" }, logFile: path.join(logs, "migrate.log") })
      )
      await state.set("migrated", migrationStamp)
    }
    if (!(await state.get("catalogue"))) {
      await step("seed the catalogue, keys and admin user (medusa exec)", () =>
        runAsync(process.execPath, [cli, "exec", "./src/scripts/seed-catalogue.ts"], {
          cwd: dir,
          env: { ...env, NODE_ENV: "development", DEMO_ADMIN_EMAIL: admin.email, DEMO_ADMIN_PASSWORD: admin.password },
          logFile: path.join(logs, "seed-catalogue.log"),
        })
      )
      await state.set("catalogue", true)
    }
  }

  await Promise.all([buildAdmin(), migrateAndSeedCatalogue()])
  // `medusa start` in production serves the admin from <app>/public/admin.
  const served = path.join(dir, "public/admin")
  if (!fs.lstatSync(served, { throwIfNoEntry: false })) {
    fs.mkdirSync(path.dirname(served), { recursive: true })
    fs.symlinkSync(path.relative(path.dirname(served), path.join(dir, ".medusa/admin")), served, "dir")
  }
}

module.exports = { TARBALL, buildMigrateSeed, installPlugin, installStorePackages, readStamps, writeStamp, writeTemplate }
