// A real Medusa store for benchmarks, set up the way integration-tests/store/run.js does it
// (`npm pack` -> a store in a temporary folder that installs the tarball by package name ->
// `medusa db:migrate` -> `medusa build`), plus route files of the benchmark's own, then started
// in production mode from the build output (`.medusa/server`), as a store is deployed.
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { childEnv, freePort, run, waitForHealth } = require("../../scripts/processes")

const ROOT = path.resolve(__dirname, "../..")

/**
 * A new database for one benchmark run on the Postgres `acquirePostgres()` found: answers its
 * connection settings, its URL and the admin client that created it (and drops it at cleanup).
 */
async function createBenchDatabase(pgEnv, name) {
  const { Client } = require("pg")
  const db = { host: pgEnv.DB_HOST, port: Number(pgEnv.DB_PORT), user: pgEnv.DB_USERNAME, password: pgEnv.DB_PASSWORD }
  const admin = new Client({ ...db, database: "postgres" })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  const url = `postgres://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${name}`
  return { db, admin, url }
}

/** Packs the built plugin into `dir` and answers the tarball's path. */
function packPlugin(dir) {
  if (!fs.existsSync(path.join(ROOT, ".medusa/server/src/modules/attribution/index.js"))) {
    throw new Error("the plugin is not built: run `npm run build` first")
  }
  const out = run("npm", ["pack", "--pack-destination", dir, "--json"], ROOT)
  return path.join(dir, JSON.parse(out)[0].filename)
}

/** The store's package.json: the same Medusa versions as the plugin is developed against. */
function storePackageJson() {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
  const dev = root.devDependencies || {}
  const pick = (names) => Object.fromEntries(names.filter((n) => dev[n]).map((n) => [n, dev[n]]))
  return {
    name: "attribution-bench-store",
    private: true,
    description: "A Medusa store for bench/collector, installed into a temporary folder and deleted afterwards.",
    dependencies: pick([
      "@medusajs/admin-sdk",
      "@medusajs/cli",
      "@medusajs/framework",
      "@medusajs/medusa",
      "react",
      "react-dom",
    ]),
    devDependencies: pick(["@swc/core", "@types/node", "ts-node", "typescript", "vite"]),
    allowScripts: {
      "@swc/core": true,
      esbuild: true,
      "@medusajs/telemetry": false,
      protobufjs: false,
      "msgpackr-extract": false,
    },
  }
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2021",
    esModuleInterop: true,
    module: "Node16",
    moduleResolution: "Node16",
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: true,
    outDir: "./.medusa/server",
    rootDir: "./",
    jsx: "react-jsx",
    resolveJsonModule: true,
    strict: true,
  },
  "ts-node": { swc: true },
  include: ["**/*", ".medusa/types/*"],
  exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
}

function medusaConfig(pluginOptions, modules = []) {
  return `import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS || "https://shop.example",
      adminCors: process.env.ADMIN_CORS || "http://localhost",
      authCors: process.env.AUTH_CORS || "http://localhost",
      jwtSecret: process.env.JWT_SECRET || "bench-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "bench-cookie-secret",
    },
  },
  // The benchmark never opens the dashboard: skipping its bundle saves a minute of build.
  admin: { disable: true },
  modules: ${JSON.stringify(modules)},
  plugins: [
    {
      resolve: "medusa-revenue-attribution",
      options: ${JSON.stringify(pluginOptions)},
    },
  ],
})
`
}

/**
 * Creates the store in `<work>/app`, installs the tarball, creates and migrates the database
 * and builds the store. `files` maps paths under the app to their contents (extra routes).
 * Answers the app folder and the folder to start the built server from.
 */
async function createStore({ work, tarball, databaseUrl, pluginOptions, modules = [], files = {}, step }) {
  const app = path.join(work, "app")
  fs.mkdirSync(app, { recursive: true })
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(storePackageJson(), null, 2))
  fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2))
  fs.writeFileSync(path.join(app, "medusa-config.ts"), medusaConfig(pluginOptions, modules))
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true })
    fs.writeFileSync(path.join(app, file), text)
  }
  const env = { DATABASE_URL: databaseUrl, NODE_ENV: "development", MEDUSA_DISABLE_TELEMETRY: "true" }
  await step("install the packed plugin into a new store", () =>
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], app)
  )
  await step("medusa db:migrate", () => run("npx", ["medusa", "db:migrate"], app, env))
  await step("medusa build", () => run("npx", ["medusa", "build"], app, env))
  // Production layout: the build output with the store's dependencies (instead of a second
  // `npm install` inside .medusa/server, the same node_modules linked in).
  const serverDir = path.join(app, ".medusa/server")
  fs.symlinkSync(path.join(app, "node_modules"), path.join(serverDir, "node_modules"), "dir")
  return { app, serverDir }
}

/**
 * `medusa start` with NODE_ENV=production from the build output, in its own process group,
 * its output going to `logFile` (Medusa logs every request in production: a pipe nobody
 * reads would stall it). `nodeArgs` go to node itself (e.g. --cpu-prof); `onSpawn` receives the
 * process as soon as it exists (to stop it on Ctrl-C).
 */
async function startStore({ serverDir, app, databaseUrl, logFile, nodeArgs = [], env = {}, onSpawn }) {
  const port = await freePort()
  const out = fs.openSync(logFile, "a")
  const cli = path.join(app, "node_modules/@medusajs/cli/cli.js")
  const child = spawn(process.execPath, [...nodeArgs, cli, "start"], {
    cwd: serverDir,
    env: childEnv({
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      MEDUSA_DISABLE_TELEMETRY: "true",
      PORT: String(port),
      ...env,
    }),
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  if (onSpawn) onSpawn(child)
  const base = `http://localhost:${port}`
  try {
    await waitForHealth(`${base}/health`, child, 120_000)
  } catch (e) {
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-4000) : ""
    await stopProcessGroup(child)
    throw new Error(`${e.message}\n${log}`)
  }
  return { child, base, port }
}

/** SIGTERM to the process group (Medusa shuts down gracefully), SIGKILL after `graceMs`. */
async function stopProcessGroup(child, graceMs = 15_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  try {
    process.kill(-child.pid, "SIGTERM")
  } catch {
    return
  }
  const timer = new Promise((resolve) => setTimeout(() => resolve("timeout"), graceMs))
  if ((await Promise.race([exited, timer])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))])
  }
}

module.exports = { ROOT, childEnv, createBenchDatabase, createStore, freePort, packPlugin, run, startStore, stopProcessGroup }
