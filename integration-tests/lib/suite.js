// What the script suites (store, resilience, admin, demo) share: steps that print their time,
// checks that count themselves, and the closing `<label>: N passed, N failed` line that
// `npm test` (scripts/test.js) reads.

/**
 * A suite's counters and helpers. `label` names its closing line; steps print `[label]` and
 * checks `tag` before their names (the admin suite prints the demo's checks as `[demo]`).
 */
function suite(label, { tag = "" } = {}) {
  const counts = { passed: 0, failed: 0 }
  const timings = []

  function check(name, condition, detail = "") {
    counts[condition ? "passed" : "failed"]++
    console.log(condition ? `  ✓ ${tag}${name}` : `  ✗ ${tag}${name}${detail ? `: ${detail}` : ""}`)
  }

  async function step(name, fn) {
    const started = Date.now()
    process.stdout.write(`[${label}] ${name} ... `)
    try {
      const result = await fn()
      const secs = ((Date.now() - started) / 1000).toFixed(1)
      timings.push([name, secs])
      console.log(`ok (${secs}s)`)
      return result
    } catch (e) {
      console.log("FAILED")
      throw e
    }
  }

  /** The closing line; `crashed` counts the error that ended the suite early as one failure more. */
  const closingLine = ({ crashed = false } = {}) => `${label}: ${counts.passed} passed, ${counts.failed + (crashed ? 1 : 0)} failed`
  const timingLine = () => `[${label}] timings: ${timings.map(([n, s]) => `${n} ${s}s`).join(", ")}`

  return { counts, check, step, closingLine, timingLine }
}

module.exports = { suite }
