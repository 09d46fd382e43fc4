import { Webhook } from "standardwebhooks"

/**
 * Polar signs with Standard Webhooks: `webhook-signature` holds one or more space-separated
 * `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`. The `standardwebhooks`
 * package compares in constant time and refuses timestamps more than five minutes in the past
 * or the future (replays; Polar signs every retry afresh, so retries pass).
 *
 * Polar derives the HMAC key in one of two ways (polarsource/polar `webhook/tasks.py`):
 * - legacy, endpoint secrets generated before 2026-09-08: the UTF-8 bytes of the whole secret
 *   string, `whsec_` prefix included (what `@polar-sh/sdk` `validateEvent` does);
 * - standard, later secrets: `whsec_<base64>`, the key being the decoded base64.
 * A secret does not say which scheme it uses, so one with the prefix is tried both ways; one
 * without can only be legacy.
 */
export type PolarHeaders = { id: string; timestamp: string; signature: string }

export type PolarVerification = { ok: true; body: string } | { ok: false; message: string }

const STANDARD_PREFIX = "whsec_"
// fatal: bytes that are not UTF-8 are refused rather than replaced, so the text verified and
// parsed is exactly the bytes received.
const utf8 = new TextDecoder("utf-8", { fatal: true })

/** Every verifier a configured secret may stand for; a secret that cannot be a key gives none. */
function verifiersFor(secret: string): Webhook[] {
  const legacyKey = Buffer.from(secret, "utf8").toString("base64")
  const keys = secret.startsWith(STANDARD_PREFIX) ? [secret, legacyKey] : [legacyKey]
  return keys.flatMap((key) => {
    try {
      return [new Webhook(key)]
    } catch {
      // not base64 after the prefix, or empty: that scheme cannot apply
      return []
    }
  })
}

/**
 * Verifies a Polar delivery against each configured secret under both key schemes. Answers
 * the body as text once a signature matches, so the caller parses what was verified.
 */
export function verifyPolar(rawBody: Buffer, headers: PolarHeaders, secrets: string[]): PolarVerification {
  let body: string
  try {
    body = utf8.decode(rawBody)
  } catch {
    return { ok: false, message: "The body is not UTF-8 text" }
  }
  const signed = { "webhook-id": headers.id, "webhook-timestamp": headers.timestamp, "webhook-signature": headers.signature }
  for (const verifier of secrets.flatMap(verifiersFor)) {
    try {
      verifier.verify(body, signed, { jsonParse: false })
      return { ok: true, body }
    } catch {
      // try the next key
    }
  }
  return {
    ok: false,
    message: "The webhook-signature does not match the body with any configured secret, or the webhook-timestamp is more than 5 minutes away",
  }
}
