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

// Secrets the test apps are configured with (medusa-config.ts, the script suites): none may
// appear anywhere in the output of the run (SECURITY.md, "Secrets are never logged").
const TEST_SECRETS = [
  "whsec_http_test",
  "whsec_rotated_out",
  "ls_http_test_secret",
  "whsec_store_test",
  "whsec_resilience_test",
  "pdl_ntfset_http_test_secret",
  "polar_legacy_http_test_secret",
  "whsec_cG9sYXItc3RhbmRhcmQtaHR0cC10ZXN0LWtleQ==",
  // The encryption key of connected providers' secrets, and the API keys connected in tests.
  "http-test-encryption-key-of-32-chars-or-more",
  "sk_test_51FullAccessKey",
  "rk_test_51ReadOnlyKey",
  "ls_test_api_key_0123456789abcdef",
  "rk_test_51AdminBrowserCheck",
]
// Medusa secret API key tokens the tests create (sk_ followed by 64 hex characters).
const SECRET_TOKEN = /\bsk_[0-9a-f]{64}\b/

/** Everything the run printed, both streams, kept for the secrets check. */
const output = []

/** Runs a command with both streams passed through and recorded. Answers the exit code. */
function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } })
    child.stdout.on("data", (d) => {
      process.stdout.write(d)
      output.push(String(d))
    })
    child.stderr.on("data", (d) => {
      process.stderr.write(d)
      output.push(String(d))
    })
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/**
 * A script suite (integration-tests/<name>/run.js) that ends with `<label>: N passed, N failed`.
 * Answers its counts; a suite that printed no such line counts as one failure.
 */
async function runScriptSuite(file, label, env) {
  const before = output.length
  const code = await run("node", [path.join(ROOT, file)], env)
  const m = output.slice(before).join("").match(new RegExp(`${label}: (\\d+) passed, (\\d+) failed`))
  return { passed: m ? Number(m[1]) : 0, failed: m ? Number(m[2]) : 1, code }
}

/** One failure per secret found in the run's output (the secret itself is not printed again). */
function secretsLeaked() {
  const text = output.join("")
  const leaks = TEST_SECRETS.filter((secret) => text.includes(secret))
  if (SECRET_TOKEN.test(text)) leaks.push("a secret API key token (sk_...)")
  return leaks
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
        for (const [file, label] of [
          ["integration-tests/store/run.js", "store"],
          ["integration-tests/resilience/run.js", "resilience"],
          ["integration-tests/admin/run.js", "admin"],
          // The demo's seeding on a fresh database: report totals = seeded sums, reruns add nothing.
          ["integration-tests/demo/seed.test.js", "demo"],
        ]) {
          const r = await runScriptSuite(file, label, env)
          passed += r.passed
          failed += r.failed
          exit ||= r.code
        }
      }
    }
    const leaks = secretsLeaked()
    console.log(leaks.length ? `[test] ✗ secrets in the output: ${leaks.length} (${leaks.map((l) => l.replace(/^(.{6}).*/, "$1…")).join(", ")})` : "[test] ✓ no configured secret appears in the output of the run")
    failed += leaks.length
    passed += leaks.length ? 0 : 1
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
