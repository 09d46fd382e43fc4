// The demo store's ATTRIBUTION_ENCRYPTION_KEY, which encrypts the API keys and webhook signing
// secrets of the providers connected from its admin. Generated once per demo folder and kept
// there (`.demo/store/encryption-key` for `npm run demo`, git-ignored with the rest of .demo):
// a fixed value in this repository would not protect a real key someone pastes into the demo.
// `rm -rf .demo` drops it together with the embedded database it protects.
const crypto = require("crypto")
const fs = require("fs")
const path = require("path")

const FILE = "encryption-key"

/** The key kept in `dir`, created (random, 256 bits, owner-only file) when there is none. */
function demoEncryptionKey(dir) {
  const file = path.join(dir, FILE)
  try {
    const existing = fs.readFileSync(file, "utf8").trim()
    if (existing.length >= 32) return existing
  } catch {
    // none yet
  }
  const key = crypto.randomBytes(32).toString("base64url")
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 })
  return key
}

module.exports = { demoEncryptionKey }
