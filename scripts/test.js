#!/usr/bin/env node
// `npm test`: unit, module and HTTP suites (jest), then the packed plugin installed into a
// real store (integration-tests/store/run.js), all against one Postgres: the one DB_* names,
// else localhost:5432, else an embedded server started here and stopped at the end.
// Options: --skip-store (jest suites only).
const { spawn } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { acquirePostgres } = require("./postgres")

const ROOT = path.resolve(__dirname, "..")
const BIN = path.join(ROOT, "node_modules/.bin")

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } })
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function main() {
  const skipStore = process.argv.includes("--skip-store")
  const pg = await acquirePostgres()
  console.log(`[test] using ${pg.kind}`)
  const env = { ...pg.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` }
  let passed = 0
  let failed = 0
  let exit = 0
  try {
    // The script route serves the snippet built into src/: build it before anything boots.
    const snippetCode = await run("node", [path.join(ROOT, "storefront-snippet/build.js")], env)
    if (snippetCode !== 0) {
      throw new Error("the storefront snippet did not build")
    }
    const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ra-jest-")), "report.json")
    const jestCode = await run(
      "jest",
      ["--runInBand", "--forceExit", "--silent=false", "--json", `--outputFile=${report}`],
      { ...env, NODE_OPTIONS: "--experimental-vm-modules" }
    )
    if (fs.existsSync(report)) {
      const r = JSON.parse(fs.readFileSync(report, "utf8"))
      passed += r.numPassedTests
      failed += r.numFailedTests + r.numRuntimeErrorTestSuites
    } else {
      failed += 1
    }
    fs.rmSync(path.dirname(report), { recursive: true, force: true })
    exit ||= jestCode

    if (!skipStore) {
      const buildCode = await run("medusa", ["plugin:build"], env)
      if (buildCode !== 0) {
        failed += 1
        exit ||= buildCode
      } else {
        const storeLog = []
        const code = await new Promise((resolve) => {
          const child = spawn("node", [path.join(ROOT, "integration-tests/store/run.js")], {
            cwd: ROOT,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "inherit"],
          })
          child.stdout.on("data", (d) => {
            process.stdout.write(d)
            storeLog.push(String(d))
          })
          child.on("close", (c) => resolve(c ?? 1))
        })
        const m = storeLog.join("").match(/store: (\d+) passed, (\d+) failed/)
        passed += m ? Number(m[1]) : 0
        failed += m ? Number(m[2]) : 1
        exit ||= code
      }
    }
  } finally {
    await pg.stop()
  }
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exit(exit || (failed ? 1 : 0))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
