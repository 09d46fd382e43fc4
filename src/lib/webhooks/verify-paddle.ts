import { createHmac, timingSafeEqual } from "crypto"

/**
 * Paddle Billing: `Paddle-Signature: ts=<unix seconds>;h1=<hex>[;h1=<hex>...]`, where each `h1`
 * is the hex HMAC-SHA256 of `${ts}:${rawBody}` keyed with the notification destination's secret
 * (`pdl_ntfset_…`, as UTF-8). Several `h1` appear while Paddle rotates a secret: any may match.
 *
 * Written by hand rather than with `@paddle/paddle-node-sdk` (`webhooks.unmarshal`), whose
 * validator compares with `===` (not constant-time), keeps only the last `h1` of the header, and
 * rejects anything signed more than 5 seconds ago: a delivery that waits in a queue, crosses a
 * slow proxy or is retried after a deploy would fail for no reason.
 */

/**
 * A signature may be this old (Stripe's default, and Standard Webhooks'): room for queues, slow
 * proxies and clock drift. The window bounds how long a captured request stays usable; inside
 * it a replay changes nothing, since deliveries are deduplicated by Paddle's `event_id`.
 */
export const PADDLE_MAX_AGE_SECONDS = 300
/** ... and this far ahead of our clock: room for clock skew, not for pre-dated signatures. */
export const PADDLE_MAX_FUTURE_SECONDS = 60

export type PaddleVerification = { valid: true } | { valid: false; reason: string }

type ParsedHeader = { ts: number; h1: string[] }

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/

/**
 * `ts` exactly once (digits), at least one well-formed `h1`. Other keys (a future `h2`) are
 * ignored, as Paddle's own parser does; a malformed `h1` is skipped rather than fatal, since
 * another one may still match. Null when the header cannot be read.
 */
function parseHeader(header: string): ParsedHeader | null {
  const timestamps: string[] = []
  const h1: string[] = []
  for (const part of header.split(";")) {
    const at = part.indexOf("=")
    if (at < 0) continue
    const key = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    if (key === "ts") timestamps.push(value)
    else if (key === "h1" && HEX_SHA256.test(value)) h1.push(value.toLowerCase())
  }
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]!) || h1.length === 0) return null
  return { ts: Number(timestamps[0]), h1 }
}

function signaturesMatch(expectedHex: string, given: string[]): boolean {
  const expected = Buffer.from(expectedHex, "utf8")
  let matched = false
  for (const candidate of given) {
    const buffer = Buffer.from(candidate, "utf8")
    // timingSafeEqual throws on different lengths: check first (the length is not secret).
    // No early return: every candidate is compared, so timing says nothing about which matched.
    if (buffer.length === expected.length && timingSafeEqual(buffer, expected)) matched = true
  }
  return matched
}

/**
 * Checks a delivery against every configured secret (rotation, or a sandbox and a live
 * destination pointing at one store). `nowMs` is injectable for the tests.
 */
export function verifyPaddle(rawBody: Buffer, header: string, secrets: string[], nowMs: number = Date.now()): PaddleVerification {
  const parsed = parseHeader(header)
  if (!parsed) {
    return { valid: false, reason: "The Paddle-Signature header is malformed: expected ts=<unix seconds>;h1=<64 hex characters>" }
  }
  const matches = secrets.some((secret) => {
    const expected = createHmac("sha256", secret).update(`${parsed.ts}:`, "utf8").update(rawBody).digest("hex")
    return signaturesMatch(expected, parsed.h1)
  })
  if (!matches) {
    return { valid: false, reason: "The Paddle-Signature does not match the body with any configured secret" }
  }
  const ageSeconds = nowMs / 1000 - parsed.ts
  if (ageSeconds > PADDLE_MAX_AGE_SECONDS) {
    return { valid: false, reason: `The Paddle-Signature timestamp is more than ${PADDLE_MAX_AGE_SECONDS} seconds old` }
  }
  if (-ageSeconds > PADDLE_MAX_FUTURE_SECONDS) {
    return { valid: false, reason: `The Paddle-Signature timestamp is more than ${PADDLE_MAX_FUTURE_SECONDS} seconds in the future` }
  }
  return { valid: true }
}
