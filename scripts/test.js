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
/** Outcome lines of every part of the run, printed again at its end (the tail of a long log). */
const outcomes = []

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
 * A script suite (integration-tests/<name>/run.js) that ends with a `<label>: N passed, N failed`
 * line for each of its labels. Answers its counts; a label with no such line counts as one failure.
 */
async function runScriptSuite(file, labels, env) {
  const before = output.length
  const code = await run("node", [path.join(ROOT, file)], env)
  const text = output.slice(before).join("")
  const counts = { passed: 0, failed: 0, code }
  for (const label of labels) {
    const m = text.match(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, "m"))
    outcomes.push(m ? `${label}: ${m[1]} passed, ${m[2]} failed` : `${label}: ✗ exited with code ${code} before its closing line`)
    counts.passed += m ? Number(m[1]) : 0
    counts.failed += m ? Number(m[2]) : 1
  }
  return counts
}

/**
 * The jest suites, in groups that each run in a process of their own. Every HTTP suite boots a
 * Medusa app in the jest process, and each leaves some of it on the heap (about 50 MB a suite
 * here): in one process the whole run grew past Node's default heap limit. A group that crashes
 * also loses only its own results, and says so.
 */
function jestGroups() {
  const httpDir = path.join(ROOT, "integration-tests/http")
  const httpSpecs = fs
    .readdirSync(httpDir)
    .filter((f) => f.endsWith(".spec.ts"))
    .sort()
    .map((f) => path.join("integration-tests/http", f))
  const perGroup = 5
  const groups = [{ label: "unit and module", args: ["--selectProjects", "unit", "modules"] }]
  for (let i = 0; i < httpSpecs.length; i += perGroup) {
    const files = httpSpecs.slice(i, i + perGroup)
    groups.push({
      label: `http ${i / perGroup + 1} (${files.map((f) => path.basename(f, ".spec.ts")).join(", ")})`,
      args: ["--selectProjects", "http", "--runTestsByPath", ...files],
    })
  }
  return groups
}

/** Failed tests named in a jest JSON report, as `file › test` lines. */
function failedTestNames(report) {
  return report.testResults.flatMap((file) => {
    const rel = path.relative(ROOT, file.name)
    const tests = file.assertionResults.filter((t) => t.status === "failed").map((t) => `${rel} › ${t.fullName}`)
    // A suite that failed to run (an error outside any test) has no failed test to name.
    return tests.length || file.status !== "failed" ? tests : [`${rel} › ${String(file.message).split("\n")[0]}`]
  })
}

/** Runs one jest group in its own process; answers its counts from its JSON report. */
async function runJestGroup(group, env) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ra-jest-"))
  const report = path.join(dir, "report.json")
  console.log(`[test] jest: ${group.label}`)
  const code = await run(
    "jest",
    ["--runInBand", "--forceExit", "--silent=false", "--logHeapUsage", "--json", `--outputFile=${report}`, ...group.args],
    { ...env, NODE_OPTIONS: "--experimental-vm-modules" }
  )
  let result
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, "utf8"))
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites
    result = { passed: r.numPassedTests, failed, code }
    outcomes.push(`jest ${group.label}: ${r.numPassedTests} passed, ${failed} failed`)
    outcomes.push(...failedTestNames(r).map((name) => `  ✗ ${name}`))
  } else {
    // No report: jest itself stopped (a crash, out of memory, a signal). One failure, named.
    result = { passed: 0, failed: 1, code: code || 1 }
    outcomes.push(`jest ${group.label}: ✗ jest exited with code ${code} and wrote no report`)
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return result
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
    for (const group of jestGroups()) {
      const r = await runJestGroup(group, env)
      passed += r.passed
      failed += r.failed
      exit ||= r.code
    }

    if (!skipStore) {
      const buildCode = await run("medusa", ["plugin:build"], env)
      if (buildCode !== 0) {
        outcomes.push(`plugin build: ✗ exited with code ${buildCode}; the store suites did not run`)
        failed += 1
        exit ||= buildCode
      } else {
        for (const [file, labels] of [
          ["integration-tests/store/run.js", ["store"]],
          ["integration-tests/resilience/run.js", ["resilience"]],
          // The demo's seeding on a fresh database (report totals = seeded sums, a clean stop,
          // reruns add nothing: integration-tests/demo/seed.test.js), then the admin pages.
          ["integration-tests/admin/run.js", ["demo", "admin"]],
        ]) {
          const r = await runScriptSuite(file, labels, env)
          passed += r.passed
          failed += r.failed
          exit ||= r.code
        }
      }
    }
    const leaks = secretsLeaked()
    outcomes.push(leaks.length ? `secrets: ✗ ${leaks.length} found in the output` : "secrets: none in the output")
    console.log(leaks.length ? `[test] ✗ secrets in the output: ${leaks.length} (${leaks.map((l) => l.replace(/^(.{6}).*/, "$1…")).join(", ")})` : "[test] ✓ no configured secret appears in the output of the run")
    failed += leaks.length
    passed += leaks.length ? 0 : 1
  } finally {
    await pg.stop()
  }
  console.log(`\n[test] outcomes:\n${outcomes.map((line) => `  ${line}`).join("\n")}`)
  console.log(`\n${passed} passed, ${failed} failed`)
  process.exit(exit || (failed ? 1 : 0))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
